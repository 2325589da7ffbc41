/**
 * Issue 15, the grid: a click is drawn pending before it is planned (planning waits for the
 * paint), a change is confirmed by its apply result (what main wrote), the silent cells are told
 * apart (muted on purpose by whom / not connected / a health alert), and headers stay short.
 */
import { describe, expect, it } from 'vitest';
import type { Subscriptions } from '../../../../src-main/shared/bandwidth-api';
import type { AlertView } from '../../../../src-main/shared/dto/alerts';
import type { AuditEntry } from '../../../../src-main/shared/dto/audit';
import type { AppliedChange } from '../../../../src-main/shared/dto/timers';
import { sessionLabels } from '../../../../src-main/shared/routing';
import { alertNotes, mutesFrom } from '../../../../src-renderer/lib/matrix/gaps';
import { cellKey } from '../../../../src-renderer/lib/matrix/grid';
import { buildMatrix } from '../../../../src-renderer/lib/matrix/model';
import {
  cellWords,
  shortLabel,
  supervisionBadge,
  supervisionList,
} from '../../../../src-renderer/lib/matrix/words';
import { MatrixStore } from '../../../../src-renderer/lib/state/matrix.svelte';
import { fakeBridge, ok } from '../support/fake-bridge';
import { AGENT, CUSTOMER, SESSION, SUPERVISOR, monitoredCall } from '../support/views';
import { A, C, S, SESSION as CALL, bigSession, list, monitoredCall as routing } from './fixtures';

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const HISTORY = { canUndo: true, canRedo: false };

function applied(receiverId: string, after: Subscriptions): AppliedChange {
  const write = {
    receiverId,
    before: {},
    after,
    opens: [],
    closes: [],
    cells: [],
    sessionLevel: { before: false, after: false },
  };
  return {
    ok: true,
    plan: { sessionId: SESSION, writes: [write], moves: [] },
    preview: { lines: [], apiCalls: 1 },
    label: 'a change',
    entrySeq: 1,
    appliedAt: '2024-01-01T00:00:00.000Z',
    routeId: 'route-1',
    history: HISTORY,
  } as unknown as AppliedChange;
}

function store(options: { apply?: () => AppliedChange } = {}) {
  let answer: ((value: AppliedChange) => void) | null = null;
  const fake = fakeBridge({
    'routing:apply': () =>
      options.apply
        ? ok(options.apply())
        : new Promise((resolve) => {
            answer = (value) => resolve(ok(value));
          }),
    'routing:history': () => ok({ canUndo: false, canRedo: false }),
    'routing:timers': () => ok([]),
  });
  const painted: (() => void)[] = [];
  const view = monitoredCall();
  const matrix = new MatrixStore({
    bridge: fake.bridge,
    profileId: 'local-demo',
    session: () => view,
    updates: { onUpdate: () => () => undefined },
    setRole: () => Promise.resolve(true),
    afterPaint: (work) => void painted.push(work),
    changes: { setTimer: () => 0 },
  });
  return {
    fake,
    matrix,
    paint: () => {
      for (const work of painted.splice(0)) work();
    },
    answer: (value: AppliedChange) => answer?.(value),
  };
}

describe('one frame per gesture', () => {
  it('a click draws its cell pending at once and plans and sends only after the paint', async () => {
    const { fake, matrix, paint } = store();
    const key = cellKey(SUPERVISOR, CUSTOMER);
    matrix.grid.onCellClick(SUPERVISOR, CUSTOMER, false, false);
    expect(matrix.model.cells.get(key)?.status.kind).toBe('pending');
    // Still what the call has: nothing planned, nothing sent before the frame is painted.
    expect(matrix.model.cells.get(key)?.value).toBe('all');
    expect(fake.inputs('routing:apply')).toHaveLength(0);
    paint();
    await flush();
    expect(fake.inputs('routing:apply')).toEqual([
      expect.objectContaining({
        intent: { type: 'unsubscribe', receiverId: SUPERVISOR, publisherId: CUSTOMER },
      }),
    ]);
    expect(matrix.model.cells.get(key)).toMatchObject({ value: null, status: { kind: 'pending' } });
  });

  it('a press shows the cell pending; its click toggles it once; a press without a click changes nothing', async () => {
    const { fake, matrix, paint } = store();
    const key = cellKey(SUPERVISOR, CUSTOMER);
    matrix.press(SUPERVISOR, CUSTOMER);
    expect(matrix.model.cells.get(key)?.status.kind).toBe('pending');
    matrix.releasePress();
    expect(matrix.model.cells.get(key)?.status.kind).toBe('applied');
    paint();
    await flush();
    expect(fake.inputs('routing:apply')).toHaveLength(0);

    matrix.press(SUPERVISOR, CUSTOMER);
    matrix.grid.onCellClick(SUPERVISOR, CUSTOMER, false, false);
    matrix.releasePress();
    expect(matrix.model.cells.get(key)?.status.kind).toBe('pending');
    paint();
    await flush();
    expect(fake.inputs('routing:apply')).toEqual([
      expect.objectContaining({
        intent: { type: 'unsubscribe', receiverId: SUPERVISOR, publisherId: CUSTOMER },
      }),
    ]);
  });

  it('a press on one cell and a click on another: only the clicked one changes', () => {
    const { matrix } = store();
    matrix.press(SUPERVISOR, CUSTOMER);
    matrix.grid.onCellClick(SUPERVISOR, AGENT, false, false);
    expect(matrix.model.cells.get(cellKey(SUPERVISOR, CUSTOMER))?.status.kind).toBe('applied');
    expect(matrix.model.cells.get(cellKey(SUPERVISOR, AGENT))?.status.kind).toBe('pending');
  });

  it('a second click on the same cell before the paint plans the first, then toggles back', async () => {
    const { fake, matrix } = store({
      apply: () => applied(SUPERVISOR, { sessionId: SESSION, participants: [] }),
    });
    matrix.grid.onCellClick(SUPERVISOR, CUSTOMER, false, false);
    matrix.grid.onCellClick(SUPERVISOR, CUSTOMER, false, false);
    await flush();
    await flush();
    const intents = fake.inputs('routing:apply').map((i) => (i as { intent: unknown }).intent);
    expect(intents).toEqual([
      { type: 'unsubscribe', receiverId: SUPERVISOR, publisherId: CUSTOMER },
      { type: 'subscribe', receiverId: SUPERVISOR, publisherId: CUSTOMER },
    ]);
  });

  it('a preset after a click waits for nothing: the click is planned first', async () => {
    const { fake, matrix } = store();
    matrix.grid.onCellClick(SUPERVISOR, CUSTOMER, false, false);
    matrix.run({ type: 'preset', preset: 'endSupervision', participantId: SUPERVISOR });
    await flush();
    // The click went out (planned and sent) before the preset was looked at.
    expect(fake.inputs('routing:apply')).toEqual([
      expect.objectContaining({
        intent: { type: 'unsubscribe', receiverId: SUPERVISOR, publisherId: CUSTOMER },
      }),
    ]);
    // Ending a supervision is harmless (no review): it waits behind the click, its cell pending.
    expect(matrix.changes.proposal).toBeNull();
    expect(matrix.changes.pendingKeys.has(cellKey(SUPERVISOR, AGENT))).toBe(true);
  });
});

describe('confirmed by the apply result', () => {
  it('the cell is confirmed when main answers, from what it wrote, before any poll', async () => {
    const { matrix, paint, answer } = store();
    const key = cellKey(SUPERVISOR, CUSTOMER);
    matrix.grid.onCellClick(SUPERVISOR, CUSTOMER, false, false);
    paint();
    await flush();
    // Main wrote what its fresh read made of the change: the supervisor hears only the agent.
    answer(applied(SUPERVISOR, { sessionId: SESSION, participants: [{ participantId: AGENT }] }));
    await flush();
    // The session view is unchanged (no poll came): the result alone confirms the cell.
    expect(matrix.model.cells.get(key)).toMatchObject({ value: null, status: { kind: 'applied' } });
    expect(matrix.model.cells.get(cellKey(SUPERVISOR, AGENT))?.value).toBe('all');
  });
});

function entry(
  seq: number,
  intent: unknown,
  receivers: AuditEntry['receivers'],
  osUser = 'dana',
): AuditEntry {
  return {
    seq,
    time: `2024-01-01T00:00:0${seq}.000Z`,
    osUser,
    prevHash: '',
    hash: '',
    profileId: 'p',
    accountId: 'acc',
    sessionId: CALL,
    intent: intent as AuditEntry['intent'],
    receivers,
    outcome: 'applied',
  };
}

describe('silent cells told apart', () => {
  it('the audit log says which cells Patchbay muted on purpose, until one is connected again', () => {
    const mutes = mutesFrom([
      entry(2, { type: 'hold', participantId: A }, [{ receiverId: C, before: list(S), after: {} }]),
      entry(1, { type: 'mute', publisherId: A }, [
        { receiverId: C, before: list(A, S), after: list(S) },
        { receiverId: S, before: list(A, C), after: list(C) },
      ]),
      entry(
        3,
        { type: 'subscribe' },
        [{ receiverId: S, before: list(C), after: list(A, C) }],
        'sam',
      ),
      // Session level says nothing about which cells: ignored.
      entry(4, { type: 'mute', publisherId: C }, [
        { receiverId: A, before: { sessionId: CALL }, after: {} },
      ]),
    ]);
    expect([...mutes.keys()].sort()).toEqual([cellKey(C, A), cellKey(C, S)].sort());
    expect(mutes.get(cellKey(C, A))).toMatchObject({ by: 'dana', what: 'muted' });
    expect(mutes.get(cellKey(C, S))).toMatchObject({ by: 'dana', what: 'put on hold' });
  });

  it('names who muted by the supervisor the entry records, else the computer’s user', () => {
    const muted = (supervisor?: string): AuditEntry => ({
      ...entry(1, { type: 'mute', publisherId: A }, [
        { receiverId: C, before: list(A), after: {} },
      ]),
      ...(supervisor === undefined ? {} : { supervisor }),
    });
    expect(mutesFrom([muted('Morgan Reyes')]).get(cellKey(C, A))?.by).toBe('Morgan Reyes');
    expect(mutesFrom([muted(' ')]).get(cellKey(C, A))?.by).toBe('dana');
  });

  it('muted, not connected, private, nothing expected and alerts each have their own state and words', () => {
    const session = routing({ [C]: {}, [A]: list(S) });
    const labels = sessionLabels(session);
    const alert: AlertView = {
      id: 'x',
      profileId: 'p',
      sessionId: CALL,
      sessionLabel: 'call',
      ruleId: 'agent-cannot-hear-customer',
      severity: 'critical',
      kind: 'state',
      participantId: A,
      otherId: C,
      message: 'Agent a9e4 cannot hear Customer c0ff.',
      raisedAt: '2024-01-01T00:00:00.000Z',
    };
    const model = buildMatrix(session, undefined, undefined, {
      mutes: new Map([[cellKey(C, A), { by: 'dana', what: 'muted', at: '2024-01-01T10:00:00Z' }]]),
      ...alertNotes([alert]),
    });
    const muted = model.cells.get(cellKey(C, A));
    const missing = model.cells.get(cellKey(A, C));
    expect(muted).toMatchObject({ silence: 'muted', alert: null });
    expect(cellWords(labels, muted ?? fail())).toMatch(
      /muted on purpose in Patchbay by dana \(muted, /,
    );
    expect(missing).toMatchObject({ silence: 'missing', alert: alert.message });
    const words = cellWords(labels, missing ?? fail());
    expect(words).toContain('not connected');
    expect(words).toContain(`alert: ${alert.message}`);
    // The supervisor is kept private from the customer (it monitors): muted on purpose.
    expect(model.cells.get(cellKey(C, S))).toMatchObject({ silence: 'muted', tone: 'private' });
    // A supervisor's route nobody expects: no mark at all.
    const idle = buildMatrix(routing({ [S]: {} }));
    expect(idle.cells.get(cellKey(S, C))).toMatchObject({ value: null, silence: null });
  });
});

function fail(): never {
  throw new Error('cell missing');
}

describe('bounded headers', () => {
  it('a whisper to more than two people is counted; the whole list is kept for the title', () => {
    const people = bigSession(20).participants.map((p, i) => ({
      ...p,
      role: i === 0 ? ('supervisor' as const) : i < 5 ? ('customer' as const) : ('agent' as const),
    }));
    const model = buildMatrix({ sessionId: CALL, participants: people, subscriptions: {} });
    const agents = model.headers.filter((h) => h.role === 'agent').map((h) => h.id);
    const many = { mode: 'whisper' as const, hears: [], heardBy: agents };
    expect(supervisionBadge(model, many)).toBe(`Whispering to ${agents.length} agents`);
    const full = supervisionList(model, many);
    for (const id of agents) expect(full).toContain(model.labels.get(id));
    const two = { mode: 'whisper' as const, hears: [], heardBy: agents.slice(0, 2) };
    expect(supervisionBadge(model, two)).toMatch(/^Whispering → .+ and .+$/);
  });

  it('compact column labels keep the distinguishing part', () => {
    expect(shortLabel({ label: 'Customer 7f3a', role: 'customer' })).toBe('7f3a');
    expect(shortLabel({ label: 'Dana Whitfield', role: 'agent' })).toBe('DW');
    expect(shortLabel({ label: 'Sam Lee (4f2a)', role: 'agent' })).toBe('SL 4f2a');
  });
});
