/**
 * The applier when things go wrong or move under it, against the real local API: injected faults in
 * the middle of a multi-write plan (rolled back, audited), a rollback that fails too, guardrail
 * refusals, a failed read, the safe order of rank groups, and a concurrent external change that
 * the rebase keeps.
 */
import { describe, expect, it } from 'vitest';
import type { RoutingClient } from '../../../src-main/routing';
import type { Subscriptions } from '../../../src-main/shared/bandwidth-api';
import type { Call, Fixture, Harness } from './support';
import {
  calls,
  fixture,
  hears,
  listOf,
  matrix,
  normalCall,
  perTest,
  set,
  sorted,
  withWrites,
} from './support';

let h: Harness;
let f: Fixture | undefined;
let call: Call;
const t = perTest({}, (scene) => ({ h, call } = scene));

/**
 * A fixture writing one receiver at a time whose subscription writes, once the first has succeeded,
 * fail with HTTP `status`: the next `count` of them, or all of them.
 */
async function failingAfterFirstWrite(status: number, count?: number): Promise<Fixture> {
  let succeeded = 0;
  const client = withWrites(h, async (r, o) => {
    await h.client.updateParticipantSubscriptions(r, o);
    succeeded += 1;
    if (succeeded !== 1) return;
    h.api.control.addFailure({
      kind: 'status',
      status,
      operation: 'updateParticipantSubscriptions',
      ...(count === undefined ? {} : { count }),
    });
  });
  return (t.f = await fixture(h, { client, concurrency: 1 }));
}

describe('a failure in the middle of a plan', () => {
  it('restores the receivers already changed, says which step failed, audits rolled-back', async () => {
    f = await failingAfterFirstWrite(500, 1);
    const start = matrix(h, call.sessionId);
    h.api.control.resetStats();
    const result = await f.applier.apply(
      call.sessionId,
      { type: 'barge', supervisorId: call.s },
      { confirmedViolations: true },
    );

    expect(matrix(h, call.sessionId)).toEqual(start);
    expect(result).toMatchObject({ ok: false, code: 'write-failed', rolledBack: true });
    if (result.ok || result.code !== 'write-failed') return;
    expect(result.unrestored).toEqual([]);
    expect(result.failedStep).toMatchObject({
      step: 2,
      of: 3,
      operation: 'updateParticipantSubscriptions',
      status: 500,
      apiMessage: 'Injected fault: HTTP 500',
    });
    const failedId = result.failedStep.receiverId;
    expect(result.plan.writes[1]?.receiverId).toBe(failedId);
    expect(result.failedStep.receiverLabel).toMatch(/^(Customer|Agent|Supervisor) \w{4}/);
    expect(result.message).toContain(result.failedStep.receiverLabel);
    expect(result.message).toMatch(/step 2 of 3.*500.*the call is as it was/);
    // 3 planned, the 3rd never sent; rollback: the 500'd receiver (may have applied) and the 1st.
    expect(calls(h)).toEqual({ listSessionParticipants: 1, updateParticipantSubscriptions: 4 });

    const [entry] = await f.entries();
    expect(entry).toMatchObject({ outcome: 'rolled-back', intent: { type: 'barge' } });
    expect(entry?.error).toContain('step 2 of 3');
    expect(entry?.receivers).toHaveLength(2);
    for (const r of entry?.receivers ?? []) expect(r.after).toEqual(r.before);
    expect(f.applier.history(call.sessionId).canUndo).toBe(false);
  });

  it('a definitive rejection (400) is not re-sent: only the changed receivers are restored', async () => {
    f = await failingAfterFirstWrite(400, 1);
    const start = matrix(h, call.sessionId);
    h.api.control.resetStats();
    const result = await f.applier.apply(
      call.sessionId,
      { type: 'barge', supervisorId: call.s },
      { confirmedViolations: true },
    );
    expect(result).toMatchObject({ ok: false, code: 'write-failed', rolledBack: true });
    expect(matrix(h, call.sessionId)).toEqual(start);
    expect(calls(h)).toEqual({ listSessionParticipants: 1, updateParticipantSubscriptions: 3 });
  });

  it('when the rollback fails too, it says which receivers could not be restored', async () => {
    f = await failingAfterFirstWrite(500);
    const result = await f.applier.apply(
      call.sessionId,
      { type: 'barge', supervisorId: call.s },
      { confirmedViolations: true },
    );
    expect(result).toMatchObject({ ok: false, code: 'write-failed', rolledBack: false });
    if (result.ok || result.code !== 'write-failed') return;
    const firstId = result.plan.writes[0]?.receiverId ?? '';
    const failedId = result.failedStep.receiverId;
    expect(result.unrestored.map((u) => u.receiverId).sort()).toEqual(sorted(firstId, failedId));
    expect(result.message).toMatch(/rollback failed too/);
    const [entry] = await f.entries();
    expect(entry).toMatchObject({ outcome: 'failed' });
    expect(entry?.receivers.every((r) => r.after === null)).toBe(true);
  });

  it('a move whose add fails puts the participant back with its subscriptions', async () => {
    f = t.f = await fixture(h);
    const { sessionId, c, a } = call;
    const other = await h.client.createSession({ tag: 'call-other' });
    const start = matrix(h, sessionId);
    h.api.control.addFailure({
      kind: 'status',
      status: 500,
      operation: 'addParticipantToSession',
      count: 1,
    });
    const result = await f.applier.apply(sessionId, {
      type: 'move',
      participantId: c,
      toSessionId: other.id,
    });
    expect(result).toMatchObject({
      ok: false,
      code: 'write-failed',
      rolledBack: true,
      failedStep: { step: 3, of: 3, operation: 'addParticipantToSession', receiverId: c },
    });
    // A 500 may have added it: the rollback also makes sure it is not in the other session.
    expect(matrix(h, sessionId)).toEqual(start);
    expect(hears(h, sessionId, c)).toEqual([a]);
    expect(h.api.control.state().sessions.find((x) => x.id === other.id)?.participantIds).toEqual(
      [],
    );
  });

  it('a failed read writes nothing and is audited as refused', async () => {
    f = t.f = await fixture(h);
    h.api.control.addFailure({ kind: 'status', status: 500, operation: 'listSessionParticipants' });
    h.api.control.resetStats();
    const result = await f.applier.apply(call.sessionId, { type: 'monitor', supervisorId: call.s });
    expect(result).toMatchObject({
      ok: false,
      code: 'read-failed',
      ended: false,
      rolledBack: false,
    });
    expect(calls(h)).toEqual({ listSessionParticipants: 1 });
    expect((await f.entries())[0]).toMatchObject({ outcome: 'refused' });
  });

  it('a session that no longer exists is reported as ended', async () => {
    f = t.f = await fixture(h);
    await h.client.deleteSession({ sessionId: call.sessionId });
    const result = await f.applier.apply(
      call.sessionId,
      { type: 'fullyWire' },
      { confirmedViolations: true },
    );
    expect(result).toMatchObject({ ok: false, code: 'read-failed', ended: true });
  });
});

describe('order', () => {
  it('runs close-only writes (concurrently) before any write that opens a path', async () => {
    const { sessionId, c, a, s } = call;
    // A messy state: C hears A and S, A hears nobody, S hears C and A.
    await set(h, sessionId, c, listOf(sessionId, a, s));
    await set(h, sessionId, a, {});
    await set(h, sessionId, s, listOf(sessionId, c, a));
    const log: string[] = [];
    const client: RoutingClient = {
      ...h.client,
      listSessionParticipants: (r) => h.client.listSessionParticipants(r),
      async updateParticipantSubscriptions(r) {
        log.push(`start ${r.participantId}`);
        await h.client.updateParticipantSubscriptions(r);
        log.push(`end ${r.participantId}`);
      },
    };
    h.api.control.setLatency({ ms: 40, operation: 'updateParticipantSubscriptions' });
    f = t.f = await fixture(h, { client });
    const result = await f.applier.apply(sessionId, { type: 'restoreCall' });
    expect(result).toMatchObject({ ok: true });
    // C and S only lose paths (rank 0, in parallel); A only gains one (rank 2, after both).
    expect(log.slice(0, 2).sort()).toEqual(sorted(`start ${c}`, `start ${s}`));
    expect(log.slice(2, 4).sort()).toEqual(sorted(`end ${c}`, `end ${s}`));
    expect(log.slice(4)).toEqual([`start ${a}`, `end ${a}`]);
    expect(hears(h, sessionId, a)).toEqual([c]);
  });

  it('tells the watcher about each write before it is made', async () => {
    const seen: string[] = [];
    const expectations: string[] = [];
    const client: RoutingClient = {
      ...h.client,
      listSessionParticipants: (r) => h.client.listSessionParticipants(r),
      async updateParticipantSubscriptions(r) {
        seen.push(`${r.participantId}:${expectations.includes(r.participantId)}`);
        await h.client.updateParticipantSubscriptions(r);
      },
    };
    let refreshed = 0;
    const live = {
      expectSubscriptions: (_sid: string, id: string, _s: Subscriptions): void => {
        expectations.push(id);
      },
      expectMembership: (): void => undefined,
      refresh: async (): Promise<void> => {
        refreshed += 1;
        throw new Error('not watched');
      },
    };
    f = t.f = await fixture(h, { client, live });
    await f.applier.apply(call.sessionId, { type: 'whisper', supervisorId: call.s });
    expect(seen.sort()).toEqual(sorted(`${call.a}:true`, `${call.s}:true`));
    expect(refreshed).toBe(1);
  });
});

describe('guardrails', () => {
  it('refuses an unconfirmed violation: nothing written, audited refused', async () => {
    f = t.f = await fixture(h);
    h.api.control.resetStats();
    const intent = { type: 'subscribe', receiverId: call.c, publisherId: call.s } as const;
    const result = await f.applier.apply(call.sessionId, intent, { reason: 'testing' });
    expect(result).toMatchObject({ ok: false, code: 'guardrail', rolledBack: false });
    if (result.ok || result.code !== 'guardrail') return;
    expect(result.violations).toHaveLength(1);
    expect(result.violations[0]).toMatchObject({ receiverId: call.c, publisherId: call.s });
    expect(result.message).toMatch(/will hear Supervisor/);
    expect(calls(h)).toEqual({ listSessionParticipants: 1 });
    expect(hears(h, call.sessionId, call.c)).toEqual([call.a]);
    const [entry] = await f.entries();
    expect(entry).toMatchObject({ outcome: 'refused', reason: 'testing', receivers: [] });
    expect(entry?.error).toMatch(/needs confirmation/);
  });

  it('applies a violation the user confirmed', async () => {
    f = t.f = await fixture(h);
    const intent = { type: 'subscribe', receiverId: call.c, publisherId: call.s } as const;
    const result = await f.applier.apply(call.sessionId, intent, { confirmedViolations: true });
    expect(result).toMatchObject({ ok: true });
    expect(hears(h, call.sessionId, call.c)).toEqual(sorted(call.a, call.s));
  });

  it('refuses an intent that does not fit the session, audited', async () => {
    f = t.f = await fixture(h);
    const result = await f.applier.apply(call.sessionId, {
      type: 'hold',
      participantId: 'not-a-member',
    });
    expect(result).toMatchObject({ ok: false, code: 'invalid-intent' });
    expect((await f.entries())[0]).toMatchObject({ outcome: 'refused' });
  });
});

describe('rebase', () => {
  it('keeps a concurrent external change made between preview and apply', async () => {
    call = await normalCall(h, { secondAgent: true });
    const { sessionId, c, a, s } = call;
    const a2 = call.a2 ?? '';
    f = t.f = await fixture(h);
    const intent = { type: 'whisper', supervisorId: s, agentIds: [a] } as const;
    const preview = await f.applier.preview(sessionId, intent);
    expect(preview.ok).toBe(true);
    // Someone else narrows A's row: A no longer hears A2 (a cell the whisper does not touch).
    await set(h, sessionId, a, listOf(sessionId, c));
    const result = await f.applier.apply(sessionId, intent);
    expect(result).toMatchObject({ ok: true });
    expect(hears(h, sessionId, a)).toEqual(sorted(c, s));
    expect(hears(h, sessionId, a2)).toEqual(sorted(a, c));
    expect(hears(h, sessionId, c)).toEqual(sorted(a, a2));
    expect(hears(h, sessionId, s)).toEqual(sorted(a, a2, c));
  });
});
