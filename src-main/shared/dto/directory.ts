/**
 * The call directory as every layer sees it: the live calls a contact center's backend reports, each
 * with its participants' display names and roles. The feed's wire format is documented in
 * `docs/directory-feed.schema.json` (version 1); main parses it (src-main/directory/) into these
 * types, which a renderer may see. Never a token or a URL with credentials: those stay in main.
 * Runs anywhere: imports nothing outside shared/.
 */
import { ROLES, type Role } from '../routing/model';

/** The feed format version this Patchbay reads. */
export const DIRECTORY_FEED_VERSION = 1;

/** Roles in the directory are the console's roles: customer, agent, supervisor, other. */
export const DIRECTORY_ROLES = ROLES;
export type DirectoryRole = Role;

/** Limits of the feed format (the JSON schema states the same numbers). */
export const DIRECTORY_LIMITS = Object.freeze({
  /** Calls in one snapshot (a large contact center's floor, with room to spare). */
  maxCalls: 1000,
  /** Participants per call: Bandwidth's limit per session. */
  maxParticipantsPerCall: 20,
  /** Session and participant ids, as the Bandwidth API issues them. */
  maxIdLength: 128,
  maxLabelLength: 100,
  maxQueueLength: 60,
  maxDisplayNameLength: 80,
  /** A whole response or stream event, in bytes. */
  maxBytes: 4 * 1024 * 1024,
});

/** Where the Local demo's embedded feed lives on the local API's port (outside /v1). */
export const DEMO_DIRECTORY_PATHS = Object.freeze({
  calls: '/directory/v1/calls',
  events: '/directory/v1/calls/events',
});

export interface DirectoryParticipant {
  participantId: string;
  displayName: string;
  role: DirectoryRole;
}

export interface DirectoryCall {
  sessionId: string;
  label: string;
  queue: string;
  /** ISO 8601 date-time with an offset (`Z` or `±hh:mm`). */
  startedAt: string;
  participants: DirectoryParticipant[];
}

/** One full snapshot of the live calls: a call absent from it has ended. */
export interface DirectorySnapshot {
  version: typeof DIRECTORY_FEED_VERSION;
  /** When the backend produced this content (ISO 8601). */
  generatedAt: string;
  /** The Server-Sent Events variant of the feed, when the backend offers one (absolute URL). */
  events?: string | undefined;
  calls: DirectoryCall[];
}

/** How much to trust what the directory shows now. */
export type DirectoryHealth = 'ok' | 'stale' | 'failing';

export interface DirectoryStatus {
  /**
   * `ok`: the last request succeeded. `stale`: it failed, for less than the client's grace period,
   * and the last good snapshot is shown. `failing`: failures for longer than that, or no good
   * snapshot yet.
   */
  health: DirectoryHealth;
  /** How the snapshot arrives: polled with ETag, or pushed over Server-Sent Events. */
  transport: 'poll' | 'stream';
  /** Plain words: why it is stale or failing (undefined when ok). */
  reason?: string | undefined;
  /** Epoch ms of the last good answer (a snapshot or a 304). */
  lastSuccessAt?: number | undefined;
  /** Epoch ms of the next attempt, while waiting after a failure. */
  nextAttemptAt?: number | undefined;
  /** Calls in the last good snapshot. */
  calls: number;
}

export interface DirectoryParticipantRef {
  sessionId: string;
  participant: DirectoryParticipant;
}

/** What changed between two snapshots (see src-main/directory/diff.ts). */
export interface DirectoryChanges {
  started: DirectoryCall[];
  ended: DirectoryCall[];
  joined: DirectoryParticipantRef[];
  left: DirectoryParticipantRef[];
  renamed: { sessionId: string; participantId: string; from: string; to: string }[];
  roleChanged: {
    sessionId: string;
    participantId: string;
    from: DirectoryRole;
    to: DirectoryRole;
  }[];
  /** Calls whose label or queue changed (the new call). */
  relabelled: DirectoryCall[];
}

/** What a directory client publishes: the current snapshot, what changed, and its status. */
export interface DirectoryUpdate {
  /** The last good snapshot; undefined while the feed has never answered well. */
  snapshot: DirectorySnapshot | undefined;
  changes: DirectoryChanges;
  status: DirectoryStatus;
}
