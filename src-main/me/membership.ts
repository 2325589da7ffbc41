/**
 * My participant's life on the server: created (audio only) and added, or removed and deleted.
 * Each step tells the live watcher first, so its own change is never read as someone else's.
 * Removing tolerates what is already gone (404): the point is that nothing is left listening.
 */
import { randomUUID } from 'node:crypto';
import { isBandwidthApiError } from '../bandwidth';
import type { ActiveProfile } from '../services/active-account';

/** The tag my participant carries: no personal data (Bandwidth's rule), found again by prefix. */
export const ME_TAG_PREFIX = 'supervisor-me-';

export function newMeTag(): string {
  return `${ME_TAG_PREFIX}${randomUUID()}`;
}

export async function createMe(
  { client }: ActiveProfile,
  tag: string,
): Promise<{ participantId: string; token: string }> {
  const created = await client.createParticipant({ publishPermissions: ['AUDIO'], tag });
  return { participantId: created.participant.id, token: created.token };
}

/** Adds my participant without subscriptions (the routing change that follows gives it some). */
export async function addMe(
  { client, live }: ActiveProfile,
  sessionId: string,
  participantId: string,
): Promise<void> {
  live.expectMembership(sessionId, participantId, 'joined');
  try {
    await client.addParticipantToSession({ sessionId, participantId });
  } finally {
    live.settled(sessionId, participantId, 'joined');
  }
}

/** What removing found: `removed` from the session, `deleted` the participant (false: already gone). */
export interface Removal {
  removed: boolean;
  deleted: boolean;
}

export async function removeMe(
  { client, live }: ActiveProfile,
  sessionId: string,
  participantId: string,
): Promise<Removal> {
  live.expectMembership(sessionId, participantId, 'left');
  let removed: boolean;
  try {
    removed = await goneIs404(() =>
      client.removeParticipantFromSession({ sessionId, participantId }),
    );
  } finally {
    live.settled(sessionId, participantId, 'left');
  }
  const deleted = await goneIs404(() => client.deleteParticipant({ participantId }));
  return { removed, deleted };
}

/** Runs a removal: true when it removed something, false when it was already gone. */
async function goneIs404(step: () => Promise<void>): Promise<boolean> {
  try {
    await step();
    return true;
  } catch (error) {
    if (isBandwidthApiError(error) && error.status === 404) return false;
    throw error;
  }
}
