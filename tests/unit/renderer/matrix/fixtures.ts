/** A supervised call as the routing model sees it: customer C, agent A, supervisor S (monitoring). */
import type { Subscriptions } from '../../../../src-main/shared/bandwidth-api';
import type { RoutingSession } from '../../../../src-main/shared/routing';

export const SESSION = 'sess-1';
export const C = 'c0ffee00-0000-4000-8000-000000000001';
export const A = 'a9e47000-0000-4000-8000-000000000002';
export const S = '5a9e0000-0000-4000-8000-000000000003';

const list = (...ids: string[]): Subscriptions => ({
  sessionId: SESSION,
  participants: ids.map((participantId) => ({ participantId })),
});

export function monitoredCall(overrides: Record<string, Subscriptions> = {}): RoutingSession {
  return {
    sessionId: SESSION,
    participants: [
      { id: C, tag: `customer-${C}`, publishPermissions: ['AUDIO'], role: 'customer' },
      { id: A, tag: `agent-${A}`, publishPermissions: ['AUDIO', 'VIDEO'], role: 'agent' },
      { id: S, tag: `supervisor-${S}`, publishPermissions: ['AUDIO'], role: 'supervisor' },
    ],
    subscriptions: { [C]: list(A), [A]: list(C), [S]: list(C, A), ...overrides },
  };
}

export { list };

/** `n` participants with role `other`, nobody subscribed. */
export function bigSession(n: number): RoutingSession {
  const participants = Array.from({ length: n }, (_, i) => ({
    id: `p${String(i).padStart(2, '0')}`,
    publishPermissions: ['AUDIO' as const],
    role: 'other' as const,
  }));
  return { sessionId: SESSION, participants, subscriptions: {} };
}
