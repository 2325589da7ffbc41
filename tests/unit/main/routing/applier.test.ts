/** The applier's edges that the real API cannot easily provoke: the concurrency bound, a broken audit log. */
import { describe, expect, it } from 'vitest';
import type { AuditEntry, AuditEntryInput } from '../../../../src-main/audit';
import { RoutingApplier } from '../../../../src-main/routing';
import type { AuditLike, RoutingClient } from '../../../../src-main/routing';
import type { Participant, Subscriptions } from '../../../../src-main/shared/bandwidth-api';

const SID = 'session-1';

/** An in-memory API: one session, writes take a few ms; tracks how many run at once. */
function fakeClient(ids: string[]): RoutingClient & { maxInFlight: number; writes: number } {
  const subs = new Map<string, Subscriptions>(ids.map((id) => [id, {}]));
  let inFlight = 0;
  const client = {
    maxInFlight: 0,
    writes: 0,
    async listSessionParticipants(): Promise<Participant[]> {
      return ids.map((id) => ({ id, subscriptions: subs.get(id) ?? {} }));
    },
    async updateParticipantSubscriptions(r: {
      participantId: string;
      subscriptions: Subscriptions;
    }): Promise<void> {
      inFlight += 1;
      client.writes += 1;
      client.maxInFlight = Math.max(client.maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      subs.set(r.participantId, r.subscriptions);
      inFlight -= 1;
    },
    async removeParticipantFromSession(): Promise<void> {},
    async addParticipantToSession(): Promise<void> {},
  };
  return client;
}

function memoryAudit(fail = false): AuditLike & { entries: AuditEntryInput[] } {
  const entries: AuditEntryInput[] = [];
  return {
    entries,
    async append(input): Promise<AuditEntry> {
      if (fail) throw new Error('disk full');
      entries.push(input);
      return {
        ...input,
        seq: entries.length,
        time: new Date(0).toISOString(),
        osUser: 'u',
        prevHash: '0'.repeat(64),
        hash: '1'.repeat(64),
      };
    },
  };
}

const options = { profileId: 'p', accountId: 'a', roles: (): Record<string, never> => ({}) };

describe('RoutingApplier', () => {
  it('never has more PUTs in flight than its concurrency', async () => {
    const client = fakeClient(['p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
    const applier = new RoutingApplier({
      ...options,
      client,
      audit: memoryAudit(),
      concurrency: 2,
    });
    const result = await applier.apply(SID, { type: 'fullyWire' });
    expect(result).toMatchObject({ ok: true });
    expect(client.writes).toBe(6);
    expect(client.maxInFlight).toBe(2);
  });

  it('takes back a change it could not audit, and says so', async () => {
    const client = fakeClient(['p1', 'p2']);
    const applier = new RoutingApplier({ ...options, client, audit: memoryAudit(true) });
    const result = await applier.apply(SID, { type: 'fullyWire' });
    expect(result).toMatchObject({
      ok: false,
      code: 'audit-failed',
      rolledBack: true,
      changed: false,
    });
    expect(result.ok ? '' : result.message).toMatch(/could not record.*disk full.*was undone/);
    // Two writes forward, two back: everyone holds what they held before.
    expect(client.writes).toBe(4);
    const after = await client.listSessionParticipants({ sessionId: SID });
    expect(after.map((p) => p.subscriptions)).toEqual([{}, {}]);
    expect(applier.history(SID).canUndo).toBe(false);
  });

  it('a refusal it could not audit still changes nothing', async () => {
    const client = fakeClient(['p1']);
    const applier = new RoutingApplier({ ...options, client, audit: memoryAudit(true) });
    const result = await applier.apply(SID, { type: 'hold', participantId: 'nobody' });
    expect(result).toMatchObject({ ok: false, code: 'audit-failed', changed: false });
    expect(client.writes).toBe(0);
  });

  it('runs one operation at a time per session', async () => {
    const client = fakeClient(['p1', 'p2', 'p3']);
    const audit = memoryAudit();
    const applier = new RoutingApplier({ ...options, client, audit });
    const [first, second] = await Promise.all([
      applier.apply(SID, { type: 'fullyWire' }),
      applier.apply(SID, { type: 'hold', participantId: 'p1' }),
    ]);
    expect(first.ok && first.plan.writes).toHaveLength(3);
    // The hold read the state the full wiring left: it had to cut p1 from both others.
    expect(second.ok && second.plan.writes).toHaveLength(3);
    expect(audit.entries.map((e) => (e.intent as { type: string }).type)).toEqual([
      'fullyWire',
      'hold',
    ]);
  });

  it('records the directory names as they were at each change, and labels previews with them', async () => {
    const client = fakeClient(['p1', 'p2', 'p3']);
    const audit = memoryAudit();
    let names: Record<string, string> = { p1: 'Dana Whitfield', p2: 'Priya Ortega' };
    const applier = new RoutingApplier({ ...options, client, audit, names: () => names });
    const preview = await applier.preview(SID, { type: 'hold', participantId: 'p1' });
    expect(preview.ok && preview.label).toContain('Dana Whitfield');
    await applier.apply(SID, { type: 'fullyWire' });
    names = { p1: 'Dana W. Ortega' };
    await applier.apply(SID, { type: 'hold', participantId: 'p1' });
    await applier.apply(SID, { type: 'hold', participantId: 'nobody' });
    expect(audit.entries.map((e) => [e.outcome, e.names])).toEqual([
      ['applied', { p1: 'Dana Whitfield', p2: 'Priya Ortega' }],
      ['applied', { p1: 'Dana W. Ortega' }],
      ['refused', { p1: 'Dana W. Ortega' }],
    ]);
    names = {};
    await applier.apply(SID, { type: 'fullyWire' });
    expect(audit.entries.at(-1)?.names).toBeUndefined();
  });
});
