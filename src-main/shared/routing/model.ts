/**
 * The routing model: one session's participants (with the role the console assigned) and each
 * receiver's subscriptions exactly as the API holds them, plus the normalisation of the API's three
 * subscription forms, as the API's subscription semantics define them (DEVELOPERS.md).
 * Pure: no node:*, no electron, no I/O; inputs are never mutated.
 */
import type { Participant, PublishPermission, Subscriptions } from '../bandwidth-api';
import { PUBLISH_PERMISSIONS } from '../bandwidth-api';

export const ROLES = ['customer', 'agent', 'supervisor', 'other'] as const;
/** Assigned in the console, never by the API. */
export type Role = (typeof ROLES)[number];

export interface RoutingParticipant {
  readonly id: string;
  readonly tag?: string;
  readonly publishPermissions: readonly PublishPermission[];
  readonly role: Role;
  /**
   * True when nobody assigned the role: it is only what the tag suggests (`agent-…`), and a tag
   * is whatever the backend — or a caller — put there. A suggested role never relaxes a guardrail,
   * and a preset that relies on one asks first (./assumptions.ts).
   */
  readonly roleSuggested?: true;
  /**
   * The person's name from the call directory, when it knows them: shown instead of the role word
   * and short id (./labels.ts). Untrusted text from a backend; never written to Bandwidth.
   */
  readonly displayName?: string;
}

export interface RoutingSession {
  readonly sessionId: string;
  /** The session's members, in a stable display order. */
  readonly participants: readonly RoutingParticipant[];
  /** Each receiver's subscriptions as the API returns them; a receiver without a key has none. */
  readonly subscriptions: Readonly<Record<string, Subscriptions>>;
}

/**
 * Which streams of one publisher a receiver gets: `'all'`, or a sorted, duplicate-free, non-empty
 * list of stream aliases (an empty alias list in the API means all streams and is normalised here).
 */
export type StreamSelection = 'all' | readonly string[];

/**
 * A receiver's subscriptions reduced to their meaning:
 * - `none`: `{}`, an empty body, or a `sessionId` naming another session (delivers nothing here);
 * - `session`: `{sessionId}` with `participants` missing or empty — everyone in the session,
 *   including participants added later;
 * - `participants`: a non-empty list (the `sessionId` beside it is ignored). Entries may name the
 *   receiver itself or non-members; `effective()` drops those. Duplicate entries for one publisher
 *   are merged (*assumed*): all streams if any entry has no aliases, else the union of aliases.
 */
export type NormalizedSubscriptions =
  | { readonly level: 'none' }
  | { readonly level: 'session' }
  | { readonly level: 'participants'; readonly entries: ReadonlyMap<string, StreamSelection> };

/** `[]` and missing mean all streams; otherwise sorted and de-duplicated. */
export function normalizeStreams(aliases: readonly string[] | null | undefined): StreamSelection {
  if (aliases === null || aliases === undefined || aliases.length === 0) return 'all';
  return [...new Set(aliases)].sort();
}

export function sameStreams(a: StreamSelection | null, b: StreamSelection | null): boolean {
  if (a === null || b === null) return a === b;
  if (a === 'all' || b === 'all') return a === b;
  return a.length === b.length && a.every((alias, i) => alias === b[i]);
}

/** Union of two selections (`'all'` absorbs everything). */
function unionStreams(a: StreamSelection, b: StreamSelection): StreamSelection {
  if (a === 'all' || b === 'all') return 'all';
  return normalizeStreams([...a, ...b]);
}

/** True when every stream `inner` delivers is also delivered by `outer` (`null` = nothing). */
export function streamsWithin(
  inner: StreamSelection | null,
  outer: StreamSelection | null,
): boolean {
  if (inner === null) return true;
  if (outer === null) return false;
  if (outer === 'all') return true;
  if (inner === 'all') return false;
  return inner.every((alias) => outer.includes(alias));
}

export function normalizeSubscriptions(
  subscriptions: Subscriptions | null | undefined,
  sessionId: string,
): NormalizedSubscriptions {
  const list = subscriptions?.participants ?? [];
  if (list.length > 0) {
    const entries = new Map<string, StreamSelection>();
    for (const entry of list) {
      const streams = normalizeStreams(entry.streamAliases);
      const seen = entries.get(entry.participantId);
      entries.set(entry.participantId, seen === undefined ? streams : unionStreams(seen, streams));
    }
    return { level: 'participants', entries };
  }
  if (subscriptions?.sessionId !== undefined && subscriptions.sessionId === sessionId) {
    return { level: 'session' };
  }
  return { level: 'none' };
}

export function findParticipant(
  session: RoutingSession,
  participantId: string,
): RoutingParticipant | undefined {
  return session.participants.find((p) => p.id === participantId);
}

/** A supervised session has at least one member with the role `supervisor`. */
export function isSupervised(session: RoutingSession): boolean {
  return session.participants.some((p) => p.role === 'supervisor');
}

export function subscriptionsOf(session: RoutingSession, receiverId: string): Subscriptions {
  return session.subscriptions[receiverId] ?? {};
}

/** A copy of `session` whose listed receivers have new subscriptions. */
export function withSubscriptions(
  session: RoutingSession,
  changes: Readonly<Record<string, Subscriptions>>,
): RoutingSession {
  return { ...session, subscriptions: { ...session.subscriptions, ...changes } };
}

/**
 * Builds a RoutingSession from the API's `GET /sessions/{id}/participants` list (each participant
 * carries its `subscriptions`), the roles the console assigned and, for the others, the roles
 * their tags suggest (marked `roleSuggested`). Participants with neither get `other`; a
 * participant without `publishPermissions` is taken to publish both kinds (*assumed* API default).
 * `names` are the call directory's display names by participant id (a blank one is ignored).
 */
export function sessionFromApi(
  sessionId: string,
  participants: readonly Participant[],
  roles: Readonly<Record<string, Role>>,
  suggested: Readonly<Record<string, Role>> = {},
  names: Readonly<Record<string, string>> = {},
): RoutingSession {
  const subscriptions: Record<string, Subscriptions> = {};
  const members: RoutingParticipant[] = [];
  for (const p of participants) {
    if (members.some((m) => m.id === p.id)) continue;
    members.push({
      id: p.id,
      ...(p.tag === undefined ? {} : { tag: p.tag }),
      publishPermissions: [...(p.publishPermissions ?? PUBLISH_PERMISSIONS)],
      ...memberRole(roles[p.id], suggested[p.id]),
      ...displayNameOf(Object.hasOwn(names, p.id) ? names[p.id] : undefined),
    });
    subscriptions[p.id] = p.subscriptions ?? {};
  }
  return { sessionId, participants: members, subscriptions };
}

function displayNameOf(name: unknown): { displayName?: string } {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  return trimmed ? { displayName: trimmed } : {};
}

function memberRole(
  assigned: Role | undefined,
  suggested: Role | undefined,
): { role: Role; roleSuggested?: true } {
  if (assigned !== undefined) return { role: assigned };
  return suggested === undefined ? { role: 'other' } : { role: suggested, roleSuggested: true };
}
