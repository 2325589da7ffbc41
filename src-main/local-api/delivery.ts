/**
 * What a receiver actually gets right now, computed from the stored subscriptions (delivery is
 * lazy: a session-level subscription is resolved against the members at the moment of asking, so it
 * includes participants added after it was set). Pure; used by tests to prove the semantics.
 */
import type { PublishPermission } from '../shared/bandwidth-api';
import type { LocalApiState } from './state';

export interface DeliveredPublisher {
  participantId: string;
  /** `'all'` when the entry names no stream aliases (missing or empty array). */
  streamAliases: string[] | 'all';
  /** The media kinds the publisher may publish at all. */
  media: PublishPermission[];
}

/**
 * The publishers (and stream aliases) that `receiverId` receives in `sessionId` now. Empty when the
 * receiver is not a member of that session or has no subscriptions.
 */
export function deliveredPublishers(
  state: LocalApiState,
  sessionId: string,
  receiverId: string,
): DeliveredPublisher[] {
  const session = state.sessions.find((s) => s.id === sessionId);
  const receiver = state.participants.find((p) => p.id === receiverId);
  if (session === undefined || receiver === undefined) return [];
  if (!session.participantIds.includes(receiverId)) return [];
  const media = (id: string): PublishPermission[] => [
    ...(state.participants.find((p) => p.id === id)?.publishPermissions ?? []),
  ];
  const subs = receiver.subscriptions;
  const entries = subs.participants ?? [];
  if (entries.length > 0) {
    return entries
      .filter(
        (e) => e.participantId !== receiverId && session.participantIds.includes(e.participantId),
      )
      .map((e) => ({
        participantId: e.participantId,
        streamAliases:
          e.streamAliases !== undefined && e.streamAliases.length > 0
            ? [...e.streamAliases]
            : 'all',
        media: media(e.participantId),
      }));
  }
  if (subs.sessionId === sessionId) {
    return session.participantIds
      .filter((id) => id !== receiverId)
      .map((id) => ({ participantId: id, streamAliases: 'all', media: media(id) }));
  }
  return [];
}
