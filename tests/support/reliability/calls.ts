/** Builds contact-center calls on a (local) Bandwidth API through the real client. */
import type { BandwidthClient } from '../../../src-main/bandwidth';
import type { Subscriptions } from '../../../src-main/shared/bandwidth-api';
import type { Role } from '../../../src-main/shared/routing';

export interface BuiltCall {
  sessionId: string;
  /** Participant id → role, in joining order. */
  roles: Record<string, Role>;
}

const list = (sessionId: string, ids: readonly string[]): Subscriptions =>
  ids.length === 0
    ? {}
    : { sessionId, participants: ids.map((participantId) => ({ participantId })) };

/**
 * A normal call: every non-supervisor hears every other non-supervisor (explicit lists), the
 * supervisors hear nobody and nobody hears them. `tags` maps a role to the tags of its members.
 */
export async function buildCall(
  client: BandwidthClient,
  members: readonly { role: Role; tag: string }[],
  sessionTag = 'call-reliability',
): Promise<BuiltCall> {
  const { id: sessionId } = await client.createSession({ tag: sessionTag });
  const roles: Record<string, Role> = {};
  for (const m of members) {
    const { participant } = await client.createParticipant({
      tag: m.tag,
      publishPermissions: ['AUDIO', 'VIDEO'],
    });
    await client.addParticipantToSession({ sessionId, participantId: participant.id });
    roles[participant.id] = m.role;
  }
  const talkers = Object.keys(roles).filter((id) => roles[id] !== 'supervisor');
  for (const id of talkers) {
    await client.updateParticipantSubscriptions({
      sessionId,
      participantId: id,
      subscriptions: list(
        sessionId,
        talkers.filter((t) => t !== id),
      ),
    });
  }
  return { sessionId, roles };
}

/** Customer, two agents, a supervisor and an observer. */
export const CONTACT_CENTER_CALL: readonly { role: Role; tag: string }[] = [
  { role: 'customer', tag: 'customer-1' },
  { role: 'agent', tag: 'agent-1' },
  { role: 'agent', tag: 'agent-2' },
  { role: 'supervisor', tag: 'supervisor-1' },
  { role: 'other', tag: 'observer-1' },
];
