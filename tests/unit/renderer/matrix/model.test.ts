import { describe, expect, it } from 'vitest';
import { cellKey } from '../../../../src-renderer/lib/matrix/grid';
import type { CellStatus } from '../../../../src-renderer/lib/matrix/model';
import {
  APPLIED,
  buildMatrix,
  neighbours,
  withStatus,
} from '../../../../src-renderer/lib/matrix/model';
import { A, C, S, SESSION, bigSession, list, monitoredCall } from './fixtures';

describe('the cell model', () => {
  it('one row per receiver, one cell per publisher, nothing on the diagonal', () => {
    const model = buildMatrix(monitoredCall());
    expect(model.ids).toEqual([C, A, S]);
    expect(model.rows.map((r) => r.cells.map((c) => c?.value ?? null))).toEqual([
      [null, 'all', null],
      ['all', null, null],
      ['all', 'all', null],
    ]);
    expect(model.rows[0]?.cells[0]).toBeNull();
    expect(model.cells.size).toBe(6);
  });

  it('media kinds come from the publisher’s permissions, aliases are kept', () => {
    const model = buildMatrix(
      monitoredCall({
        [C]: {
          sessionId: SESSION,
          participants: [{ participantId: A, streamAliases: ['camera'] }],
        },
      }),
    );
    expect(model.cells.get(cellKey(C, A))?.value).toEqual(['camera']);
    expect(model.cells.get(cellKey(S, A))?.media).toEqual(['AUDIO', 'VIDEO']);
    expect(model.cells.get(cellKey(S, C))?.media).toEqual(['AUDIO']);
    expect(model.cells.get(cellKey(C, S))?.media).toEqual([]);
  });

  it('marks session-level rows and their cells', () => {
    const model = buildMatrix(monitoredCall({ [C]: { sessionId: SESSION } }));
    expect(model.headers[0]?.sessionLevel).toBe(true);
    expect(model.cells.get(cellKey(C, S))).toMatchObject({ value: 'all', viaSession: true });
  });

  it('says what each supervisor does, and colours the cells that carry it', () => {
    const monitor = buildMatrix(monitoredCall());
    expect(monitor.headers[2]?.supervision).toEqual({
      mode: 'monitor',
      heardBy: [],
      hears: [C, A],
    });
    expect(monitor.cells.get(cellKey(S, C))?.tone).toBe('ear');
    expect(monitor.cells.get(cellKey(C, S))?.tone).toBe('private');
    expect(monitor.cells.get(cellKey(A, S))?.tone).toBe('private');

    const whisper = buildMatrix(monitoredCall({ [A]: list(C, S) }));
    expect(whisper.headers[2]?.supervision?.mode).toBe('whisper');
    expect(whisper.cells.get(cellKey(A, S))?.tone).toBe('coach');
    expect(whisper.cells.get(cellKey(C, S))?.tone).toBe('private');

    const barge = buildMatrix(monitoredCall({ [A]: list(C, S), [C]: list(A, S) }));
    expect(barge.headers[2]?.supervision?.mode).toBe('barge');
    expect(barge.cells.get(cellKey(C, S))?.tone).toBe('barge');
    expect(barge.cells.get(cellKey(A, S))?.tone).toBe('barge');

    const idle = buildMatrix(monitoredCall({ [S]: {} }));
    expect(idle.headers[2]?.supervision?.mode).toBe('idle');
    expect(idle.cells.get(cellKey(C, S))?.tone).toBe('plain');
  });

  it('lays the live state over the cells', () => {
    const model = buildMatrix(monitoredCall(), (key) =>
      key === cellKey(C, A) ? { kind: 'failed', reason: 'HTTP 500' } : { kind: 'applied' },
    );
    expect(model.cells.get(cellKey(C, A))?.status).toEqual({ kind: 'failed', reason: 'HTTP 500' });
  });

  it('keeps the objects of everything that did not change (identity = unchanged)', () => {
    const before = buildMatrix(monitoredCall());
    const same = buildMatrix(monitoredCall(), undefined, before);
    expect(same.rows).toEqual(before.rows);
    expect(same.rows.every((row, i) => row === before.rows[i])).toBe(true);
    expect(same.labels).toBe(before.labels);

    const after = buildMatrix(monitoredCall({ [A]: list(C, S) }), undefined, before);
    expect(after.rows[0]).toBe(before.rows[0]); // the customer's row: still private, unchanged
    expect(after.rows[1]).not.toBe(before.rows[1]); // the agent now hears the supervisor
    expect(after.cells.get(cellKey(S, C))).toBe(before.cells.get(cellKey(S, C)));
  });

  it('builds a full 20 × 20 model and reuses all of it when nothing changed', () => {
    const session = bigSession(20);
    const model = buildMatrix(session);
    expect(model.cells.size).toBe(380);
    const again = buildMatrix(session, undefined, model);
    expect(again.rows.every((row, i) => row === model.rows[i])).toBe(true);
  });

  it('finds who hears a participant and whom it hears', () => {
    const { hearsIt, itHears } = neighbours(buildMatrix(monitoredCall()), A);
    expect([...hearsIt].sort()).toEqual([C, S].sort());
    expect([...itHears]).toEqual([C]);
  });
});

describe('statuses laid over again (withStatus)', () => {
  const pendingOn =
    (key: string) =>
    (k: string): CellStatus =>
      k === key ? { kind: 'pending' } : APPLIED;

  it('only the cell whose status moved is new, and it reads as a full rebuild would', () => {
    const call = monitoredCall();
    const before = buildMatrix(call);
    const key = cellKey(S, C);
    const after = withStatus(before, pendingOn(key));
    const rebuilt = buildMatrix(call, pendingOn(key));
    expect(after.cells.get(key)).toEqual(rebuilt.cells.get(key));
    expect(after.cells.get(key)?.status.kind).toBe('pending');
    expect(after.cells.get(key)?.words).not.toBe(before.cells.get(key)?.words);
    for (const [k, cell] of before.cells) if (k !== key) expect(after.cells.get(k)).toBe(cell);
    const changedRow = after.rows.findIndex((r) => r.header.id === S);
    after.rows.forEach((row, i) => {
      if (i === changedRow) expect(row).not.toBe(before.rows[i]);
      else expect(row).toBe(before.rows[i]);
    });
    expect(after.headers).toBe(before.headers);
    expect(after.rows[changedRow]?.cells).toContain(after.cells.get(key));
  });

  it('no status moved: the same model', () => {
    const before = buildMatrix(monitoredCall());
    expect(withStatus(before, () => APPLIED)).toBe(before);
  });
});
