/**
 * Issue 12, item 2, in the renderer: a whisper, monitor or barge that relies on a role only a tag
 * suggested asks first and names the guess — on every path that applies a preset (they all end in
 * MatrixStore.run: click, key, menu and drag make the same `preset` action) and on redo.
 */
import { describe, expect, it } from 'vitest';
import { BusyStore } from '../../../../src-renderer/lib/state/busy.svelte';
import { MatrixStore } from '../../../../src-renderer/lib/state/matrix.svelte';
import { ParticipantsStore } from '../../../../src-renderer/lib/state/participants.svelte';
import { SessionsStore } from '../../../../src-renderer/lib/state/sessions.svelte';
import { ToastsStore } from '../../../../src-renderer/lib/state/toasts.svelte';
import type { ApplyResult } from '../../../../src-main/shared/dto/routing';
import type { SessionView } from '../../../../src-main/shared/dto/session-view';
import { ROLE_GUESS_RULE } from '../../../../src-main/shared/routing';
import { dropAction } from '../../../../src-renderer/lib/matrix/actions';
import { fakeBridge, ok } from '../support/fake-bridge';
import { AGENT, SUPERVISOR, monitoredCall } from '../support/views';

const PROFILE = 'local-demo';
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** The monitored call with the roles only suggested by the tags (nobody assigned them). */
function guessedCall(): SessionView {
  const view = monitoredCall();
  return {
    ...view,
    participants: view.participants.map((p) => ({ ...p, roleSource: 'suggested' as const })),
  };
}

function applied(): ApplyResult {
  return {
    ok: true,
    plan: { sessionId: 's', writes: [], moves: [] },
    preview: { lines: [], apiCalls: 0, summary: '' },
    label: 'done',
    entrySeq: 1,
    appliedAt: '',
    routeId: 'r1',
  };
}

const HISTORY = { canUndo: false, canRedo: true, redoLabel: 'whisper' };

function store(view: SessionView) {
  const fake = fakeBridge({
    'routing:apply': () => ok({ ...applied(), history: HISTORY }),
    'participants:setRole': () => ok(null),
    'routing:history': () => ok(HISTORY),
  });
  // Built as the session page builds it: roles go through the participants store, which shows
  // them in the session's view at once.
  const toasts = new ToastsStore({ setTimer: () => 0 });
  const busy = new BusyStore({ setTimer: () => 0, clearTimer: () => undefined });
  const sessions = new SessionsStore(fake.bridge, toasts, busy);
  sessions.upsert(view, true);
  const participants = new ParticipantsStore(fake.bridge, toasts, busy, sessions);
  const matrix = new MatrixStore({
    bridge: fake.bridge,
    profileId: PROFILE,
    session: () => sessions.find(view.id) ?? view,
    updates: sessions,
    setRole: (id, role) => participants.setRole(view.id, id, role),
    changes: { setTimer: () => 0 },
  });
  return { fake, matrix };
}

describe('presets that rely on a guessed role', () => {
  it('ask first, naming the guess in one sentence, and send confirmed', async () => {
    const { fake, matrix } = store(guessedCall());
    // Dropping Whisper on the agent's header is the same action as its key and its menu item.
    const action = dropAction(
      { kind: 'preset', preset: 'whisper' },
      { kind: 'participant', participantId: AGENT },
    );
    expect(action).toEqual({ type: 'preset', preset: 'whisper', participantId: AGENT });
    if (action) matrix.run(action);
    const proposal = matrix.changes.proposal;
    expect(proposal?.violations[0]).toMatchObject({
      ruleId: ROLE_GUESS_RULE,
      message:
        'Patchbay guessed from the tags that Participant 9a0c is the supervisor and that Participant 21bc is the agent; whisper anyway?',
    });
    expect(fake.inputs('routing:apply')).toEqual([]);
    matrix.changes.confirmProposal('');
    await flush();
    expect(fake.inputs('routing:apply')[0]).toMatchObject({ confirmedViolations: true });
  });

  it('monitor and barge by a guessed supervisor ask too', () => {
    // The supervisor is not listening yet (a monitor of a monitored call changes nothing).
    const view = guessedCall();
    const idle: SessionView = {
      ...view,
      participants: view.participants.map((p) =>
        p.id === SUPERVISOR ? { ...p, subscriptions: {} } : p,
      ),
    };
    for (const preset of ['monitor', 'barge'] as const) {
      const { matrix } = store(idle);
      matrix.run({ type: 'preset', preset, participantId: SUPERVISOR });
      const violations = matrix.changes.proposal?.violations ?? [];
      expect(violations.find((v) => v.ruleId === ROLE_GUESS_RULE)?.message).toMatch(
        /^Patchbay guessed from the tag that Participant 9a0c is the supervisor; /,
      );
      // A barge leads with what changes for the customer; the guess follows.
      if (preset === 'barge') {
        expect(violations[0]?.message).toBe('Customer 7f3a will hear Supervisor 9a0c.');
      }
    }
  });

  it('assigned roles need no such question: a whisper goes out at once', () => {
    const { fake, matrix } = store(monitoredCall());
    matrix.run({ type: 'preset', preset: 'whisper', participantId: AGENT });
    expect(matrix.changes.proposal).toBeNull();
    expect(fake.inputs('routing:apply')).toHaveLength(0);
  });

  it('a role chosen in this window counts as assigned', async () => {
    const { matrix } = store(guessedCall());
    matrix.run({ type: 'role', participantId: SUPERVISOR, role: 'supervisor' });
    matrix.run({ type: 'role', participantId: AGENT, role: 'agent' });
    await flush();
    matrix.run({ type: 'preset', preset: 'whisper', participantId: AGENT });
    expect(matrix.changes.proposal).toBeNull();
  });
});

describe('redo of a change that relies on a guessed role', () => {
  it('waits on the question main asked, and redoes confirmed', async () => {
    const question =
      'Patchbay guessed from the tag that Participant 21bc is the agent; whisper to them?';
    const { fake, matrix } = store(guessedCall());
    fake.handlers['routing:redo'] = (input) =>
      ok(
        input.confirmedViolations
          ? applied()
          : {
              ok: false,
              code: 'guardrail',
              message: `This change needs confirmation: ${question}`,
              rolledBack: false,
              violations: [
                {
                  ruleId: ROLE_GUESS_RULE,
                  receiverId: AGENT,
                  publisherId: SUPERVISOR,
                  message: question,
                  preExisting: false,
                },
              ],
              plan: { sessionId: 's', writes: [], moves: [] },
              preview: { lines: [], apiCalls: 0, summary: '' },
            },
      );
    const history = matrix.changes.history;
    await history.redo();
    expect(history.confirming).toEqual({ kind: 'redo', sentences: [question] });
    expect(matrix.changes.banner).toBeNull();
    await history.confirm();
    expect(history.confirming).toBeNull();
    expect(fake.inputs('routing:redo')).toEqual([
      { profileId: PROFILE, sessionId: guessedCall().id },
      { profileId: PROFILE, sessionId: guessedCall().id, confirmedViolations: true },
    ]);
  });

  it('can be cancelled, sending nothing more', async () => {
    const { fake, matrix } = store(guessedCall());
    fake.handlers['routing:redo'] = () =>
      ok({
        ok: false,
        code: 'guardrail',
        message: 'This change needs confirmation: x',
        rolledBack: false,
        violations: [],
        plan: { sessionId: 's', writes: [], moves: [] },
        preview: { lines: [], apiCalls: 0, summary: '' },
      });
    await matrix.changes.history.redo();
    matrix.changes.history.cancel();
    expect(matrix.changes.history.confirming).toBeNull();
    expect(fake.inputs('routing:redo')).toHaveLength(1);
  });
});
