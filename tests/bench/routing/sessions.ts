/**
 * Bench sessions: one supervisor plus customers and agents (3 → S C A; 8 → S + 3 C + 4 A;
 * 20 → S + 9 C + 10 A), created through the real API, and the named starting states the
 * scenarios begin from. Setup runs at 0 ms latency and is never counted.
 */
import type { BandwidthClient } from '../../../src-main/bandwidth';
import type { Subscriptions } from '../../../src-main/shared/bandwidth-api';
import { applyIntent, planWrite, sessionFromApi } from '../../../src-main/shared/routing';
import type { Intent, Role, RoutingSession } from '../../../src-main/shared/routing';

export interface BenchSession {
  readonly sessionId: string;
  readonly size: number;
  readonly supervisorId: string;
  readonly customerIds: readonly string[];
  readonly agentIds: readonly string[];
  /** Every member, in the API's list order. */
  readonly memberIds: readonly string[];
  readonly roles: Readonly<Record<string, Role>>;
}

export type Subs = Readonly<Record<string, Subscriptions>>;

/** The starting states scenarios refer to. */
export type StartName = 'normal' | 'barge' | 'fullyWire' | 'monitor';

export async function createBenchSession(
  client: BandwidthClient,
  size: number,
): Promise<BenchSession> {
  const { id: sessionId } = await client.createSession({ tag: `bench-${size}` });
  const make = async (tag: string): Promise<string> =>
    (await client.createParticipant({ tag, publishPermissions: ['AUDIO'] })).participant.id;
  const supervisorId = await make('supervisor-bench');
  const customers = Math.floor((size - 1) / 2);
  const customerIds: string[] = [];
  const agentIds: string[] = [];
  for (let i = 0; i < customers; i += 1) customerIds.push(await make(`customer-bench-${i}`));
  for (let i = 0; i < size - 1 - customers; i += 1) agentIds.push(await make(`agent-bench-${i}`));
  const roles: Record<string, Role> = { [supervisorId]: 'supervisor' };
  for (const id of customerIds) roles[id] = 'customer';
  for (const id of agentIds) roles[id] = 'agent';
  for (const id of [supervisorId, ...customerIds, ...agentIds]) {
    await client.addParticipantToSession({ sessionId, participantId: id });
  }
  const memberIds = (await client.listSessionParticipants({ sessionId })).map((p) => p.id);
  return { sessionId, size, supervisorId, customerIds, agentIds, memberIds, roles };
}

/** The session as the routing model sees it, with the given subscriptions. */
export function modelOf(s: BenchSession, subscriptions: Subs): RoutingSession {
  return {
    sessionId: s.sessionId,
    participants: s.memberIds.map((id) => ({
      id,
      publishPermissions: ['AUDIO'],
      role: s.roles[id] ?? 'other',
    })),
    subscriptions,
  };
}

/** The normal call: every non-supervisor hears every other one; the supervisor hears nobody. */
export function normalCall(s: BenchSession): Subs {
  const talkers = [...s.customerIds, ...s.agentIds];
  const out: Record<string, Subscriptions> = { [s.supervisorId]: {} };
  for (const r of talkers) {
    out[r] = {
      sessionId: s.sessionId,
      participants: talkers.filter((p) => p !== r).map((participantId) => ({ participantId })),
    };
  }
  return out;
}

/** The subscriptions after `intent` is applied to `from` (what the planner targets). */
export function after(s: BenchSession, from: Subs, intent: Intent): Subs {
  return applyIntent(modelOf(s, from), intent).subscriptions;
}

export function startState(s: BenchSession, name: StartName): Subs {
  const normal = normalCall(s);
  const sup = s.supervisorId;
  switch (name) {
    case 'normal':
      return normal;
    case 'barge':
      return after(s, normal, { type: 'barge', supervisorId: sup });
    case 'fullyWire':
      return after(s, normal, { type: 'fullyWire' });
    case 'monitor':
      return after(s, normal, { type: 'monitor', supervisorId: sup });
  }
}

/**
 * Puts the server in `state` (latency must be 0): one list read, then a PUT for each member whose
 * effective subscriptions differ. Uncounted setup.
 */
export async function resetTo(
  client: BandwidthClient,
  s: BenchSession,
  state: Subs,
): Promise<void> {
  const list = await client.listSessionParticipants({ sessionId: s.sessionId });
  const fresh = sessionFromApi(s.sessionId, list, s.roles);
  for (const id of s.memberIds) {
    const desired = state[id] ?? {};
    if (planWrite(fresh, id, fresh.subscriptions[id] ?? {}, desired) === null) continue;
    await client.updateParticipantSubscriptions({
      sessionId: s.sessionId,
      participantId: id,
      subscriptions: desired,
    });
  }
}
