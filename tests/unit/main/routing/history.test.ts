import { describe, expect, it } from 'vitest';
import { SessionHistory } from '../../../../src-main/routing';
import type { HistoryEntry } from '../../../../src-main/routing';
import type { Plan } from '../../../../src-main/shared/routing';

const plan = (sessionId: string): Plan => ({ sessionId, writes: [], moves: [] });
const entry = (routeId: string, label = routeId): HistoryEntry => ({
  routeId,
  label,
  intent: { type: 'fullyWire' },
  plan: plan('s1'),
});

describe('SessionHistory', () => {
  it('moves entries between undo and redo, keeping the plan last applied', () => {
    const h = new SessionHistory();
    const first = entry('r1', 'first');
    h.recordApplied('s1', first);
    expect(h.state('s1')).toEqual({ canUndo: true, canRedo: false, undoLabel: 'first' });
    const undoPlan = plan('s1');
    h.recordUndone('s1', first, undoPlan);
    expect(h.state('s1')).toEqual({ canUndo: false, canRedo: true, redoLabel: 'first' });
    expect(h.peekRedo('s1')?.plan).toBe(undoPlan);
    const redo = h.peekRedo('s1');
    if (redo === undefined) throw new Error('no redo');
    const redoPlan = plan('s1');
    h.recordRedone('s1', redo, redoPlan);
    expect(h.peekUndo('s1')?.plan).toBe(redoPlan);
    expect(h.state('s1').canRedo).toBe(false);
  });

  it('a new change clears redo; sessions are independent', () => {
    const h = new SessionHistory();
    h.recordApplied('s1', entry('r1'));
    h.recordUndone('s1', entry('r1'), plan('s1'));
    h.recordApplied('s2', entry('r2'));
    expect(h.state('s1').canRedo).toBe(true);
    h.recordApplied('s1', entry('r3'));
    expect(h.state('s1')).toMatchObject({ canUndo: true, canRedo: false, undoLabel: 'r3' });
    expect(h.state('s2').undoLabel).toBe('r2');
  });

  it('keeps at most `depth` entries and forgets a route everywhere', () => {
    const h = new SessionHistory(2);
    h.recordApplied('s1', entry('a'));
    h.recordApplied('s1', entry('b'));
    h.recordApplied('s1', entry('c'));
    h.forgetRoute('s1', 'c');
    expect(h.peekUndo('s1')?.routeId).toBe('b');
    h.forgetRoute('s1', 'b');
    expect(h.state('s1')).toEqual({ canUndo: false, canRedo: false });
    h.recordApplied('s1', entry('d'));
    h.forgetSession('s1');
    expect(h.state('s1').canUndo).toBe(false);
  });
});
