/**
 * The forwarding decision, pure: from the stored state, what each receiver must get, and whether a
 * given published stream falls inside that. Built on `deliveredPublishers` (participant level,
 * session level resolved against today's members, stream aliases) plus the publisher's
 * `publishPermissions` (a kind it may not publish is never forwarded). The media plane diffs this
 * against what it forwards now and renegotiates the difference.
 */
import type { PublishPermission } from '../../shared/bandwidth-api';
import { deliveredPublishers } from '../delivery';
import type { LocalApiState } from '../state';

export type MediaKind = 'audio' | 'video';

/** One published stream of one kind: a browser track, or a simulated voice. */
export interface PublishedStream {
  publisherId: string;
  /** The stream id (msid) the publisher gave it; unique per publisher. */
  streamId: string;
  kind: MediaKind;
  /** The alias the publisher chose (`microphone`, `screenShare`, …); absent when none. */
  alias?: string;
}

/** What one receiver wants from one publisher, for one kind. */
export interface WantedMedia {
  publisherId: string;
  kind: MediaKind;
  /** `'all'`: every stream of that publisher; otherwise only streams with one of these aliases. */
  aliases: readonly string[] | 'all';
}

export function kindOf(permission: PublishPermission): MediaKind {
  return permission === 'AUDIO' ? 'audio' : 'video';
}

export function permissionOf(kind: MediaKind): PublishPermission {
  return kind === 'audio' ? 'AUDIO' : 'VIDEO';
}

/**
 * For every participant that is a member of a session: the media it must receive now. A member with
 * nothing to receive maps to an empty list; non-members are absent.
 */
export function desiredMedia(state: LocalApiState): Map<string, WantedMedia[]> {
  const desired = new Map<string, WantedMedia[]>();
  for (const session of state.sessions) {
    for (const receiverId of session.participantIds) {
      const wanted: WantedMedia[] = [];
      for (const delivered of deliveredPublishers(state, session.id, receiverId)) {
        for (const permission of delivered.media) {
          wanted.push({
            publisherId: delivered.participantId,
            kind: kindOf(permission),
            aliases: delivered.streamAliases,
          });
        }
      }
      desired.set(receiverId, wanted);
    }
  }
  return desired;
}

/** True when `stream` is inside what `wanted` asks for. */
export function wants(wanted: readonly WantedMedia[], stream: PublishedStream): boolean {
  return wanted.some(
    (w) =>
      w.publisherId === stream.publisherId &&
      w.kind === stream.kind &&
      (w.aliases === 'all' || (stream.alias !== undefined && w.aliases.includes(stream.alias))),
  );
}

/** The alias every simulated voice publishes under. */
const VOICE_ALIAS = 'microphone';

/** The one stream a simulated participant publishes (its stream id doubles as its endpoint id). */
export function voiceStream(participantId: string): PublishedStream {
  return {
    publisherId: participantId,
    streamId: `voice-${participantId}`,
    kind: 'audio',
    alias: VOICE_ALIAS,
  };
}

/** A stable key for a published stream. */
export function streamKey(stream: PublishedStream): string {
  return `${stream.publisherId}/${stream.streamId}/${stream.kind}`;
}
