/**
 * Participant labels, roles and the read-only who-hears-whom summary, built on the shared routing
 * model so the words match the matrix (next issue) and the main process. Pure: no DOM.
 */
import type { Role, RoutingSession } from '$shared/routing';
import { effective, sessionFromApi, sessionLabels } from '$shared/routing';
import type { ParticipantView, SessionView } from '$shared/dto/session-view';
import { listWords, plural } from './format';

export function routingSessionOf(session: SessionView): RoutingSession {
  const roles: Record<string, Role> = {};
  for (const p of session.participants) if (p.role !== null) roles[p.id] = p.role;
  return sessionFromApi(session.id, session.participants, roles);
}

/** "Customer 7f3a" for every member, unique within the session. */
export function labelsOf(session: SessionView): ReadonlyMap<string, string> {
  return sessionLabels(routingSessionOf(session));
}

export function labelOf(session: SessionView, participantId: string): string {
  return labelsOf(session).get(participantId) ?? `Participant ${participantId.slice(0, 4)}`;
}

/**
 * True when the role shown is only what the tag suggests (`agent-…` → agent) and nobody assigned
 * it in this console. The session view carries `assigned ?? suggested`, so a role that equals the
 * suggestion counts as suggested unless `confirmed` says it was chosen here.
 */
export function roleIsSuggested(
  participant: Pick<ParticipantView, 'roleSource'>,
  confirmed: boolean,
): boolean {
  return !confirmed && participant.roleSource === 'suggested';
}

export interface Hearing {
  participantId: string;
  label: string;
  /** "hears: Agent 7f3a, Customer 21bc" / "hears: everyone in the session (…)" / "hears: nobody". */
  text: string;
  kind: 'session' | 'some' | 'nobody';
}

/** What each member receives now, in the session's participant order. */
export function hearingOf(session: SessionView): Hearing[] {
  const routing = routingSessionOf(session);
  const labels = sessionLabels(routing);
  const receivers = effective(routing).receivers;
  return routing.participants.map((p) => {
    const label = labels.get(p.id) ?? p.id;
    const receiver = receivers[p.id];
    if (receiver?.sessionLevel) {
      return {
        participantId: p.id,
        label,
        kind: 'session',
        text: 'hears: everyone in the session (includes future participants)',
      };
    }
    const heard = (receiver?.hears ?? []).map((d) => {
      const name = labels.get(d.publisherId) ?? d.publisherId;
      return d.streams === 'all' ? name : `${name} (${d.streams.join(', ')} only)`;
    });
    return heard.length === 0
      ? { participantId: p.id, label, kind: 'nobody', text: 'hears: nobody' }
      : { participantId: p.id, label, kind: 'some', text: `hears: ${heard.join(', ')}` };
  });
}

/** The sentence a delete-session confirmation leads with. */
export function deleteSessionConsequence(session: SessionView): string {
  const count = session.participants.length;
  if (count === 0) {
    return 'Nobody is in this session now. Deleting it removes it from Bandwidth for good.';
  }
  const labels = labelsOf(session);
  const names = session.participants.map((p) => labels.get(p.id) ?? p.id);
  return `This ends the call for ${plural(count, 'participant')}: ${listWords(names)}.`;
}
