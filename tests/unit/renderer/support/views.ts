/** SessionView builders for renderer tests. */
import type { Subscriptions } from '../../../../src-main/shared/bandwidth-api';
import type { Role } from '../../../../src-main/shared/routing';
import type { ParticipantView, SessionView } from '../../../../src-main/shared/dto/session-view';

export const CUSTOMER = '7f3a0000-0000-4000-8000-000000000001';
export const AGENT = '21bc0000-0000-4000-8000-000000000002';
export const SUPERVISOR = '9a0c0000-0000-4000-8000-000000000003';
export const SESSION = 'aaaa1111-0000-4000-8000-00000000000a';

export function member(
  id: string,
  role: Role | null,
  subscriptions: Subscriptions = {},
  tag?: string,
): ParticipantView {
  return {
    id,
    role,
    roleSource: role === null ? null : 'assigned',
    subscriptions,
    publishPermissions: ['AUDIO'],
    sessions: [SESSION],
    ...(tag === undefined ? {} : { tag }),
  };
}

export function sessionView(
  participants: ParticipantView[] = [],
  overrides: Partial<SessionView> = {},
): SessionView {
  return {
    id: SESSION,
    label: 'call-1',
    addedAt: '2024-01-01T00:00:00.000Z',
    state: 'live',
    observedAt: 1_700_000_000_000,
    participants,
    ...overrides,
  };
}

/** Customer hears agent, agent hears customer, supervisor hears both (monitor). */
export function monitoredCall(): SessionView {
  const list = (...ids: string[]): Subscriptions => ({
    sessionId: SESSION,
    participants: ids.map((participantId) => ({ participantId })),
  });
  return sessionView([
    member(CUSTOMER, 'customer', list(AGENT)),
    member(AGENT, 'agent', list(CUSTOMER)),
    member(SUPERVISOR, 'supervisor', list(CUSTOMER, AGENT)),
  ]);
}
