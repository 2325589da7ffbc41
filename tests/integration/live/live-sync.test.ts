import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLocalApi, type LocalApi } from '../../../src-main/local-api';
import { createBandwidthClient, type BandwidthClient } from '../../../src-main/bandwidth';
import { LiveSync, type SessionUpdate } from '../../../src-main/live';

let api: LocalApi;
let client: BandwidthClient;
let live: LiveSync;

async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

async function call(): Promise<{ sessionId: string; agent: string; customer: string }> {
  const session = await client.createSession({ tag: 'call-live' });
  const { participant: agent } = await client.createParticipant({ tag: 'agent-x' });
  const { participant: customer } = await client.createParticipant({ tag: 'customer-x' });
  await client.addParticipantToSession({
    sessionId: session.id,
    participantId: agent.id,
  });
  await client.addParticipantToSession({
    sessionId: session.id,
    participantId: customer.id,
    subscriptions: { sessionId: session.id, participants: [{ participantId: agent.id }] },
  });
  return { sessionId: session.id, agent: agent.id, customer: customer.id };
}

beforeAll(async () => {
  api = await createLocalApi({ port: 0 });
  // The watcher owns its backoff; the client under it does not retry, so requests can be counted.
  client = createBandwidthClient({
    baseUrl: api.baseUrl,
    accountId: api.accountId,
    credentials: () => ({ username: api.username, password: api.password }),
    retryLimit: 0,
    timeoutMs: 2_000,
  });
});
afterAll(async () => api.close());
beforeEach(() => {
  api.control.clearFaults();
});
afterEach(() => live?.close());

describe('LiveSync', () => {
  it('makes exactly one list request per poll per session, and nothing else', async () => {
    const calls = await Promise.all([call(), call(), call()]);
    api.control.resetStats();
    let polls = 0;
    const counting: BandwidthClient = {
      ...client,
      listSessionParticipants: (r, o) => {
        polls += 1;
        return client.listSessionParticipants(r, o);
      },
    };
    live = new LiveSync(counting, { fastMs: 40, slowMs: 40, maxBackoffMs: 1_000 });
    for (const c of calls) live.watch(c.sessionId);
    await until(() => polls >= 15, '15 polls');
    live.close();
    await sleep(60);
    const stats = api.control.stats();
    expect(stats.listSessionParticipants).toBe(polls);
    const others = Object.entries(stats).filter(
      ([op, n]) => op !== 'listSessionParticipants' && n > 0,
    );
    expect(others).toEqual([]);
    for (const c of calls) expect(live.snapshot(c.sessionId)).toBeUndefined();
  });

  it('polls the focused session fast and the others slowly', async () => {
    const [a, b] = await Promise.all([call(), call()]);
    const counts = new Map<string, number>();
    const counting: BandwidthClient = {
      ...client,
      listSessionParticipants: (r, o) => {
        counts.set(r.sessionId, (counts.get(r.sessionId) ?? 0) + 1);
        return client.listSessionParticipants(r, o);
      },
    };
    live = new LiveSync(counting, { fastMs: 20, slowMs: 5_000, maxBackoffMs: 1_000 });
    live.focus(a.sessionId);
    live.watch(a.sessionId);
    live.watch(b.sessionId);
    await until(() => (counts.get(a.sessionId) ?? 0) >= 12, 'fast polls');
    expect(counts.get(b.sessionId) ?? 0).toBe(1);
  });

  it('publishes a live snapshot with every member and its subscriptions', async () => {
    const c = await call();
    live = new LiveSync(client, { fastMs: 30, slowMs: 30, maxBackoffMs: 500 });
    const updates: SessionUpdate[] = [];
    live.onUpdate((u) => updates.push(u));
    live.watch(c.sessionId);
    await until(() => updates.some((u) => u.snapshot.state === 'live'), 'live');
    const snapshot = live.snapshot(c.sessionId);
    expect(snapshot?.participants.map((p) => p.id).sort()).toEqual([c.agent, c.customer].sort());
    const customer = snapshot?.participants.find((p) => p.id === c.customer);
    expect(customer?.subscriptions?.participants).toEqual([{ participantId: c.agent }]);
  });

  it('marks changes it did not make as external, and its own as console', async () => {
    const c = await call();
    live = new LiveSync(client, { fastMs: 25, slowMs: 25, maxBackoffMs: 500 });
    const changes: SessionUpdate['changes'] = [];
    live.onUpdate((u) => changes.push(...u.changes));
    live.watch(c.sessionId);
    await until(() => live.snapshot(c.sessionId)?.state === 'live', 'live');

    const mine = { sessionId: c.sessionId, participants: [{ participantId: c.customer }] };
    live.expectSubscriptions(c.sessionId, c.agent, mine);
    await client.updateParticipantSubscriptions({
      sessionId: c.sessionId,
      participantId: c.agent,
      subscriptions: mine,
    });
    await until(() => changes.length >= 1, 'own change');
    expect(changes[0]).toMatchObject({
      participantId: c.agent,
      kind: 'subscriptions',
      origin: 'console',
    });

    // Someone else mutes the agent for the customer.
    await client.updateParticipantSubscriptions({
      sessionId: c.sessionId,
      participantId: c.customer,
      subscriptions: {},
    });
    await until(() => changes.length >= 2, 'external change');
    expect(changes[1]).toMatchObject({
      participantId: c.customer,
      kind: 'subscriptions',
      origin: 'external',
    });

    const { participant: sup } = await client.createParticipant({ tag: 'supervisor-x' });
    live.expectMembership(c.sessionId, sup.id, 'joined');
    await client.addParticipantToSession({ sessionId: c.sessionId, participantId: sup.id });
    await until(() => changes.length >= 3, 'join');
    expect(changes[2]).toMatchObject({ participantId: sup.id, kind: 'joined', origin: 'console' });
    await client.removeParticipantFromSession({ sessionId: c.sessionId, participantId: sup.id });
    await until(() => changes.length >= 4, 'leave');
    expect(changes[3]).toMatchObject({ participantId: sup.id, kind: 'left', origin: 'external' });
  });

  it('backs off while the API fails, says unreachable, and recovers', async () => {
    const c = await call();
    live = new LiveSync(client, { fastMs: 20, slowMs: 20, maxBackoffMs: 400 });
    live.watch(c.sessionId);
    await until(() => live.snapshot(c.sessionId)?.state === 'live', 'live');
    api.control.resetStats();
    api.control.addFailure({ kind: 'status', status: 503, operation: 'listSessionParticipants' });
    await sleep(1_000);
    const failing = api.control.stats().listSessionParticipants;
    const snapshot = live.snapshot(c.sessionId);
    expect(snapshot?.state).toBe('unreachable');
    expect(snapshot?.error).toMatch(/503/);
    expect(snapshot?.participants).toHaveLength(2); // the last known state is kept
    // Without backoff a 20 ms interval would have made about 50 requests in that second.
    expect(failing).toBeLessThanOrEqual(12);
    expect(failing).toBeGreaterThanOrEqual(2);
    api.control.clearFaults();
    await live.refresh(c.sessionId);
    expect(live.snapshot(c.sessionId)).toMatchObject({ state: 'live', consecutiveFailures: 0 });
  });

  it('says ended on 404 and stops polling that session', async () => {
    const c = await call();
    live = new LiveSync(client, { fastMs: 20, slowMs: 20, maxBackoffMs: 400 });
    live.watch(c.sessionId);
    await until(() => live.snapshot(c.sessionId)?.state === 'live', 'live');
    await client.deleteSession({ sessionId: c.sessionId });
    await until(() => live.snapshot(c.sessionId)?.state === 'ended', 'ended');
    api.control.resetStats();
    await sleep(150);
    expect(api.control.stats().listSessionParticipants).toBe(0);
  });

  it('falls back to per-participant subscription reads only when the list lacks them', async () => {
    const c = await call();
    let subscriptionReads = 0;
    const stripped: BandwidthClient = {
      ...client,
      listSessionParticipants: async (r, o) =>
        (await client.listSessionParticipants(r, o)).map(
          ({ subscriptions: _omit, ...rest }) => rest,
        ),
      getParticipantSubscriptions: (r, o) => {
        subscriptionReads += 1;
        return client.getParticipantSubscriptions(r, o);
      },
    };
    live = new LiveSync(stripped, { fastMs: 1_000, slowMs: 1_000, maxBackoffMs: 1_000 });
    live.watch(c.sessionId);
    const snapshot = await live.refresh(c.sessionId);
    expect(subscriptionReads).toBeGreaterThanOrEqual(2);
    const customer = snapshot.participants.find((p) => p.id === c.customer);
    expect(customer?.subscriptions?.participants).toEqual([{ participantId: c.agent }]);
  });

  it('discovers a session from a participant id', async () => {
    const c = await call();
    live = new LiveSync(client, { fastMs: 1_000, slowMs: 1_000, maxBackoffMs: 1_000 });
    expect(await live.discoverFromParticipant(c.agent)).toBe(c.sessionId);
    expect(live.isWatched(c.sessionId)).toBe(true);
    const { participant: loner } = await client.createParticipant({});
    expect(await live.discoverFromParticipant(loner.id)).toBeNull();
  });
});
