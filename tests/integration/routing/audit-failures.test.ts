/**
 * A change whose audit record cannot be written is taken back like any failed step, against the
 * real local API and a real audit log: the call ends as it was, the answer says why, nothing is
 * left to undo and no timed route is kept; when even the take-back fails, the answer names who is
 * left changed and the change stays undoable.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntryInput } from '../../../src-main/audit';
import { AuditLogError } from '../../../src-main/audit';
import { TimedRoutes, type AuditLike } from '../../../src-main/routing';
import type { Fixture } from './support';
import { fixture, hears, matrix, perTest, withWrites } from './support';

const t = perTest();
const barge = (): { type: 'barge'; supervisorId: string } => ({
  type: 'barge',
  supervisorId: t.call.s,
});

/** The test's real log, but its `applied` records fail as on a full disk; `onFail` runs first. */
function failingApplied(onFail: () => void = () => undefined): AuditLike {
  return {
    append(input: AuditEntryInput) {
      if (input.outcome !== 'applied') return (t.f as Fixture).audit.append(input);
      onFail();
      const cause = new Error('ENOSPC: no space left on device');
      return Promise.reject(
        new AuditLogError('write-failed', 'The audit entry could not be written.', { cause }),
      );
    },
  };
}

describe('a change whose audit record cannot be written', () => {
  it('is taken back: the call is as it was, the answer and the log say so', async () => {
    const { h, call } = t;
    const f = (t.f = await fixture(h, { audit: failingApplied() }));
    const start = matrix(h, call.sessionId);
    const result = await f.applier.apply(call.sessionId, barge(), { confirmedViolations: true });

    expect(result).toMatchObject({
      ok: false,
      code: 'audit-failed',
      rolledBack: true,
      changed: false,
    });
    expect(result.ok ? '' : result.message).toMatch(
      /could not record this change \(The audit entry could not be written\.\)\. The change was undone; the call is as it was\./,
    );
    expect(matrix(h, call.sessionId)).toEqual(start);
    expect(hears(h, call.sessionId, call.c)).not.toContain(call.s);
    expect(f.applier.history(call.sessionId).canUndo).toBe(false);
    // The log took the record of the take-back.
    const [entry] = await f.entries();
    expect(entry).toMatchObject({ outcome: 'rolled-back', intent: { type: 'barge' } });
    expect(entry?.error).toMatch(/change was undone/);
    for (const r of entry?.receivers ?? []) expect(r.after).toEqual(r.before);
  });

  it('keeps no timed route when its change was taken back', async () => {
    const { h, call } = t;
    const f = (t.f = await fixture(h, { audit: failingApplied() }));
    const routes = new TimedRoutes({ applier: f.applier, dir: f.dir });
    const start = matrix(h, call.sessionId);
    const result = await routes.applyTimed(
      call.sessionId,
      { type: 'whisper', supervisorId: call.s },
      { durationMs: 60_000 },
    );
    routes.close();
    expect(result).toMatchObject({ ok: false, code: 'audit-failed', changed: false });
    expect(routes.list()).toEqual([]);
    expect(matrix(h, call.sessionId)).toEqual(start);
  });

  it('when the take-back fails too, names who is left changed and keeps it undoable', async () => {
    const { h, call } = t;
    // Once the forward run succeeded (its record is being written), every write is refused.
    let refuse = false;
    const client = withWrites(h, async (r, o) => {
      if (refuse) {
        const rule = { kind: 'status', status: 403, count: 1 } as const;
        h.api.control.addFailure({ ...rule, operation: 'updateParticipantSubscriptions' });
      }
      await h.client.updateParticipantSubscriptions(r, o);
    });
    const audit = failingApplied(() => (refuse = true));
    const f = (t.f = await fixture(h, { audit, client }));
    const result = await f.applier.apply(call.sessionId, barge(), { confirmedViolations: true });

    expect(result).toMatchObject({
      ok: false,
      code: 'audit-failed',
      rolledBack: false,
      changed: true,
    });
    if (result.ok || result.code !== 'audit-failed') return;
    expect(result.unrestored?.length).toBeGreaterThan(0);
    expect(result.message).toMatch(/Undoing the change failed too; these participants may be/);
    expect(f.applier.history(call.sessionId).canUndo).toBe(true);
    expect(hears(h, call.sessionId, call.c)).toContain(call.s);
    const [entry] = await f.entries();
    expect(entry).toMatchObject({ outcome: 'failed', intent: { type: 'barge' } });
  });
});
