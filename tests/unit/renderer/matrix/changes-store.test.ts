/**
 * MatrixChanges against a fake bridge: pending in the same tick as the gesture, a change of several
 * steps rolled back when a later step fails, and undo / redo of a whole change.
 */
import { describe, expect, it } from 'vitest';
import { MatrixChanges } from '../../../../src-renderer/lib/state/matrix-changes.svelte';
import type { ApplyResult } from '../../../../src-main/shared/dto/routing';
import type { Intent } from '../../../../src-main/shared/routing';
import {
  planLocally,
  selectionIntents,
  toggleIntent,
} from '../../../../src-renderer/lib/matrix/changes';
import { fakeBridge, ok } from '../support/fake-bridge';
import { A, C, S, SESSION, monitoredCall } from './fixtures';

const PROFILE = 'local-demo';
const EMPTY_PLAN = { sessionId: SESSION, writes: [], moves: [] };
const EMPTY_PREVIEW = { lines: [], apiCalls: 0, summary: '' };

function applied(label: string, routeId: string): ApplyResult {
  return {
    ok: true,
    plan: EMPTY_PLAN,
    preview: EMPTY_PREVIEW,
    label,
    entrySeq: 1,
    appliedAt: '',
    routeId,
  };
}

function writeFailed(): ApplyResult {
  return {
    ok: false,
    code: 'write-failed',
    message: 'Could not update Agent a9e4’s subscriptions (step 1 of 1): the API answered 500.',
    rolledBack: true,
    unrestored: [],
    plan: EMPTY_PLAN,
    failedStep: {
      step: 1,
      of: 1,
      operation: 'updateParticipantSubscriptions',
      receiverId: A,
      receiverLabel: 'Agent a9e4',
      status: 500,
      message: 'Could not update Agent a9e4’s subscriptions (step 1 of 1): the API answered 500.',
    },
  };
}

function plan(intents: Intent[]) {
  const result = planLocally(monitoredCall(), intents);
  if (!result.ok) throw new Error(result.message);
  return result.plan;
}

function setup(answers: ApplyResult[]) {
  let n = 0;
  const history = { canUndo: false, canRedo: false } as {
    canUndo: boolean;
    canRedo: boolean;
    undoLabel?: string;
    redoLabel?: string;
  };
  const fake = fakeBridge({
    // main answers an apply with the session's history after it.
    'routing:apply': () => ok({ ...(answers[n++] ?? applied('?', 'r?')), history: { ...history } }),
    'routing:undo': () => ok(applied('undo', 'u')),
    'routing:redo': () => ok(applied('redo', 'u')),
    'routing:history': () => ok({ ...history }),
  });
  const changes = new MatrixChanges(fake.bridge, SESSION, PROFILE, {
    setTimer: () => 0,
    current: () => monitoredCall(),
  });
  return { fake, changes, history };
}

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('MatrixChanges', () => {
  it('a single toggle goes out at once and is pending in the same tick', async () => {
    const { fake, changes } = setup([applied('Agent hears Supervisor', 'r1')]);
    const local = plan([toggleIntent(A, S, null)]);
    changes.propose(
      { intents: local.intents, label: 'x', source: 'toggle', duration: 'none' },
      local,
    );
    expect(changes.isPending(`${A} ${S}`)).toBe(true);
    expect(changes.proposal).toBeNull();
    await flush();
    await flush();
    expect(fake.inputs('routing:apply')).toEqual([
      {
        profileId: PROFILE,
        sessionId: SESSION,
        intent: { type: 'subscribe', receiverId: A, publisherId: S },
      },
    ]);
  });

  it('takes the history from the apply result: one exchange per change, no routing:history', async () => {
    const { fake, changes, history } = setup([applied('Agent hears Supervisor', 'r1')]);
    history.canUndo = true;
    history.undoLabel = 'Agent hears Supervisor';
    const local = plan([toggleIntent(A, S, null)]);
    changes.propose(
      { intents: local.intents, label: 'x', source: 'toggle', duration: 'none' },
      local,
    );
    for (let i = 0; i < 4; i += 1) await flush();
    expect(fake.calls.map((c) => c.name)).toEqual(['routing:apply']);
    expect(changes.history.state).toEqual({
      canUndo: true,
      canRedo: false,
      undoLabel: 'Agent hears Supervisor',
    });
  });

  it('a guardrail or a preset waits for a look; confirming sends with confirmedViolations', async () => {
    const { fake, changes } = setup([applied('Customer hears Supervisor', 'r1')]);
    const local = plan([toggleIntent(C, S, null)]);
    changes.propose(
      { intents: local.intents, label: 'x', source: 'toggle', duration: 'none' },
      local,
    );
    expect(changes.proposal?.violations.length).toBeGreaterThan(0);
    expect(fake.inputs('routing:apply')).toEqual([]);
    changes.confirmProposal('  supervisor asked  ');
    await flush();
    expect(fake.inputs('routing:apply')).toEqual([
      {
        profileId: PROFILE,
        sessionId: SESSION,
        intent: { type: 'subscribe', receiverId: C, publisherId: S },
        confirmedViolations: true,
        reason: 'supervisor asked',
      },
    ]);
  });

  it('a timed preset carries its duration', async () => {
    const { fake, changes } = setup([applied('whisper', 'r1')]);
    const local = plan([{ type: 'whisper', supervisorId: S }]);
    changes.propose(
      { intents: local.intents, label: 'w', source: 'preset', duration: '30s' },
      local,
    );
    changes.confirmProposal('');
    await flush();
    expect(fake.inputs('routing:apply')[0]).toMatchObject({ durationMs: 30_000 });
  });

  it('when a later step fails, the earlier steps are undone and the failure names the step', async () => {
    const { fake, changes } = setup([applied('one', 'r1'), writeFailed()]);
    // Not all cell intents (a mute among them), so this change still goes as two applies.
    const intents: Intent[] = [
      { type: 'mute', publisherId: C, receiverId: S },
      { type: 'unsubscribe', receiverId: S, publisherId: A },
    ];
    const local = plan(intents);
    changes.propose(
      { intents, label: 'Disconnect 2 cells', source: 'selection', duration: 'none' },
      local,
    );
    changes.confirmProposal('');
    for (let i = 0; i < 6; i += 1) await flush();
    expect(fake.inputs('routing:apply')).toHaveLength(2);
    expect(fake.inputs('routing:undo')).toHaveLength(1);
    expect(changes.banner).toMatchObject({
      kind: 'error',
      title: 'The change failed and was rolled back',
      step: expect.stringMatching(/^Step 1 of 1 failed/),
    });
    expect(changes.banner?.message).toContain('earlier step(s) of this change were undone');
    expect(changes.failureOf(`${S} ${C}`)).toMatch(/^Step 1 of 1 failed/);
    expect(changes.hasPending).toBe(false);
  });

  it('sends a multi-cell selection as one setCells apply', async () => {
    const { fake, changes } = setup([applied('cells', 'r1')]);
    const intents = selectionIntents(
      [
        { receiverId: S, publisherId: C, value: 'all' },
        { receiverId: S, publisherId: A, value: 'all' },
      ],
      false,
    );
    changes.propose(
      { intents, label: 'Disconnect 2 cells', source: 'selection', duration: 'none' },
      plan(intents),
    );
    changes.confirmProposal('');
    for (let i = 0; i < 6; i += 1) await flush();
    expect(fake.inputs('routing:apply')).toEqual([
      expect.objectContaining({
        intent: {
          type: 'setCells',
          cells: [
            { receiverId: S, publisherId: C, streams: null },
            { receiverId: S, publisherId: A, streams: null },
          ],
        },
      }),
    ]);
  });

  it('undo takes back a whole change of several steps, redo brings it back', async () => {
    const { fake, changes, history } = setup([applied('first', 'r1'), applied('second', 'r2')]);
    const intents: Intent[] = [
      { type: 'mute', publisherId: C, receiverId: S },
      { type: 'unsubscribe', receiverId: S, publisherId: A },
    ];
    changes.propose(
      { intents, label: 'two', source: 'selection', duration: 'none' },
      plan(intents),
    );
    changes.confirmProposal('');
    for (let i = 0; i < 6; i += 1) await flush();
    history.canUndo = true;
    history.undoLabel = 'second';
    await changes.history.undo();
    expect(fake.inputs('routing:undo')).toHaveLength(2);
    history.canRedo = true;
    history.redoLabel = 'first';
    await changes.history.redo();
    expect(fake.inputs('routing:redo')).toHaveLength(2);
  });

  it('an undo main refuses is explained', async () => {
    const { fake, changes } = setup([]);
    fake.handlers['routing:undo'] = () =>
      ok({
        ok: false,
        code: 'nothing-to-undo',
        message: 'There is nothing to undo in this session.',
        rolledBack: false,
      });
    await changes.history.undo();
    expect(changes.banner).toMatchObject({
      title: 'Nothing to undo',
      message: 'There is nothing to undo in this session.',
    });
  });
});
