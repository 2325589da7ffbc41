/**
 * MatrixStore: the timer choice is for the next change only; presets need no focus when the call
 * leaves one choice; the active mode's chip; an ended call takes no change and says why.
 */
import { describe, expect, it } from 'vitest';
import { BusyStore } from '../../../../src-renderer/lib/state/busy.svelte';
import { MatrixStore } from '../../../../src-renderer/lib/state/matrix.svelte';
import { SessionsStore } from '../../../../src-renderer/lib/state/sessions.svelte';
import { ToastsStore } from '../../../../src-renderer/lib/state/toasts.svelte';
import type { ApplyResult } from '../../../../src-main/shared/dto/routing';
import type { SessionView } from '../../../../src-main/shared/dto/session-view';
import { fakeBridge, ok } from '../support/fake-bridge';
import { AGENT, SUPERVISOR, monitoredCall } from '../support/views';

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

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

const HISTORY = { canUndo: true, canRedo: false, undoLabel: 'done' };

function store(view: SessionView) {
  const fake = fakeBridge({
    'routing:apply': () => ok({ ...applied(), history: HISTORY }),
    'routing:history': () => ok(HISTORY),
    'routing:preview': () =>
      ok({ ok: false, code: 'invalid-intent', message: 'x', rolledBack: false }),
  });
  const toasts = new ToastsStore({ setTimer: () => 0 });
  const busy = new BusyStore({ setTimer: () => 0, clearTimer: () => undefined });
  const sessions = new SessionsStore(fake.bridge, toasts, busy);
  sessions.upsert(view, true);
  const matrix = new MatrixStore({
    bridge: fake.bridge,
    profileId: 'local-demo',
    session: () => sessions.find(view.id) ?? view,
    updates: sessions,
    setRole: () => Promise.resolve(true),
    changes: { setTimer: () => 0 },
  });
  return { fake, matrix };
}

describe('MatrixStore: timers, presets and ended calls', () => {
  it('a timed whisper, then a Monitor: the monitor is not timed', async () => {
    const { fake, matrix } = store(monitoredCall());
    matrix.duration = '30s';
    matrix.run({ type: 'preset', preset: 'whisper', participantId: AGENT });
    expect(matrix.duration).toBe('none');
    expect(matrix.changes.proposal?.request.label).toMatch(/for 30 s$/);
    matrix.changes.confirmProposal('');
    await flush();
    matrix.run({ type: 'preset', preset: 'monitor', participantId: SUPERVISOR });
    expect(matrix.changes.proposal?.request.duration).toBe('none');
    matrix.changes.confirmProposal('');
    await flush();
    const applies = fake.inputs('routing:apply') as Record<string, unknown>[];
    expect(applies).toHaveLength(2);
    expect(applies[0]).toMatchObject({ durationMs: 30_000 });
    expect(applies[1]).not.toHaveProperty('durationMs');
    expect(applies[1]).not.toHaveProperty('untilStopped');
  });

  it('a preset refused (nothing sent) keeps the timer for the next try', () => {
    const { matrix } = store(monitoredCall());
    matrix.duration = '60s';
    matrix.applyPreset('hold');
    expect(matrix.changes.banner?.title).toBe('Hold: choose whom');
    expect(matrix.duration).toBe('60s');
  });

  it('with nobody focused, Whisper goes to the only agent from the only supervisor', () => {
    const { matrix } = store(monitoredCall());
    expect(matrix.current).toBeNull();
    matrix.applyPreset('whisper');
    expect(matrix.changes.proposal?.request.intents).toEqual([
      { type: 'whisper', supervisorId: SUPERVISOR, agentIds: [AGENT] },
    ]);
  });

  it('the only supervisor’s mode is the active chip', () => {
    const { matrix } = store(monitoredCall());
    expect(matrix.presetSupervisor).toBe(SUPERVISOR);
    expect(matrix.activePreset).toBe('monitor');
  });

  it('an ended call is read-only: every action says so and nothing is sent', async () => {
    const { fake, matrix } = store({ ...monitoredCall(), state: 'ended' });
    expect(matrix.readOnly).toBe('This call has ended');
    matrix.applyPreset('barge');
    matrix.run({ type: 'change', intents: [{ type: 'fullyWire' }], source: 'toggle' });
    expect(matrix.changes.banner).toMatchObject({ title: 'This call has ended' });
    expect(matrix.changes.proposal).toBeNull();
    await flush();
    expect(fake.inputs('routing:apply')).toEqual([]);
    // The matrix is still drawn as it was last seen.
    expect(matrix.model.ids).toHaveLength(3);
    // A header's menu offers its actions disabled, with the reason.
    matrix.grid.openMenu({ kind: 'header', participantId: AGENT, axis: 'row' }, 0, 0);
    const items = matrix.grid.menu?.groups.flatMap((g) => g.items) ?? [];
    const changing = items.filter((i) => i.action.type !== 'select');
    expect(changing.length).toBeGreaterThan(0);
    expect(new Set(changing.map((i) => i.disabled))).toEqual(new Set(['This call has ended']));
  });
});
