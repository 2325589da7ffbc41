/**
 * Participant labels and roles, built on the shared routing model so the words match the matrix
 * and the main process. Pure: no DOM.
 */
import { sessionLabels } from '$shared/routing';
import type { ParticipantView, SessionView } from '$shared/dto/session-view';
import { listWords, plural } from './format';
import { routingOf } from '$shared/routing';

/** "Customer 7f3a" for every member, unique within the session. */
export function labelsOf(session: SessionView): ReadonlyMap<string, string> {
  return sessionLabels(routingOf(session));
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
