/**
 * The local API's whole state as plain, serialisable data (what persistence writes and the control
 * surface dumps), its schema, and the invariants every state must keep.
 *
 * A participant's subscriptions are stored normalised: `{}` (none), `{sessionId}` (session level) or
 * `{sessionId, participants}` with a non-empty list (participant level). Membership lives on the
 * session (`participantIds`, in joining order); a participant is in at most one session.
 */
import { z } from 'zod';
import {
  DEVICE_API_VERSIONS,
  MAX_PARTICIPANTS_PER_SESSION,
  PUBLISH_PERMISSIONS,
} from '../shared/bandwidth-api';
import type { DeviceApiVersion, PublishPermission, Subscriptions } from '../shared/bandwidth-api';

export interface StoredParticipant {
  id: string;
  callbackUrl: string | null;
  publishPermissions: PublishPermission[];
  tag?: string;
  deviceApiVersion: DeviceApiVersion;
  subscriptions: Subscriptions;
}

export interface StoredSession {
  id: string;
  tag?: string;
  /** Members in joining order. */
  participantIds: string[];
}

export interface LocalApiState {
  sessions: StoredSession[];
  participants: StoredParticipant[];
}

export function emptyState(): LocalApiState {
  return { sessions: [], participants: [] };
}

export function cloneState(state: LocalApiState): LocalApiState {
  return structuredClone(state);
}

const subscriptionsSchema = z.strictObject({
  sessionId: z.string().min(1).optional(),
  participants: z
    .array(
      z.strictObject({
        participantId: z.string().min(1),
        streamAliases: z.array(z.string()).optional(),
      }),
    )
    .min(1)
    .optional(),
});

const stateSchema = z.strictObject({
  sessions: z.array(
    z.strictObject({
      id: z.string().min(1),
      tag: z.string().optional(),
      participantIds: z.array(z.string().min(1)),
    }),
  ),
  participants: z.array(
    z.strictObject({
      id: z.string().min(1),
      callbackUrl: z.string().nullable(),
      publishPermissions: z.array(z.enum(PUBLISH_PERMISSIONS)),
      tag: z.string().optional(),
      deviceApiVersion: z.enum(DEVICE_API_VERSIONS),
      subscriptions: subscriptionsSchema,
    }),
  ),
});

/** Every broken invariant of a state, as sentences; empty when the state is sound. */
export function stateProblems(state: LocalApiState): string[] {
  const problems: string[] = [];
  const participantIds = new Set<string>();
  for (const p of state.participants) {
    if (participantIds.has(p.id)) problems.push(`participant ${p.id} appears twice`);
    participantIds.add(p.id);
  }
  const sessionOf = new Map<string, string>();
  const sessionIds = new Set<string>();
  for (const s of state.sessions) {
    if (sessionIds.has(s.id)) problems.push(`session ${s.id} appears twice`);
    sessionIds.add(s.id);
    if (s.participantIds.length > MAX_PARTICIPANTS_PER_SESSION) {
      problems.push(`session ${s.id} has more than ${MAX_PARTICIPANTS_PER_SESSION} participants`);
    }
    for (const pid of s.participantIds) {
      if (!participantIds.has(pid))
        problems.push(`session ${s.id} lists unknown participant ${pid}`);
      const other = sessionOf.get(pid);
      if (other !== undefined)
        problems.push(`participant ${pid} is in sessions ${other} and ${s.id}`);
      sessionOf.set(pid, s.id);
    }
  }
  for (const p of state.participants) {
    problems.push(...subscriptionProblems(p, sessionOf.get(p.id), state));
  }
  return problems;
}

function subscriptionProblems(
  p: StoredParticipant,
  sessionId: string | undefined,
  state: LocalApiState,
): string[] {
  const subs = p.subscriptions;
  if (subs.sessionId === undefined && subs.participants === undefined) return [];
  if (sessionId === undefined) return [`participant ${p.id} has subscriptions but no session`];
  if (subs.sessionId !== sessionId) {
    return [`participant ${p.id} has subscriptions for a session it is not in`];
  }
  const members = new Set(state.sessions.find((s) => s.id === sessionId)?.participantIds ?? []);
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const entry of subs.participants ?? []) {
    if (entry.participantId === p.id) problems.push(`participant ${p.id} subscribes to itself`);
    if (!members.has(entry.participantId)) {
      problems.push(`participant ${p.id} subscribes to non-member ${entry.participantId}`);
    }
    if (seen.has(entry.participantId)) {
      problems.push(`participant ${p.id} lists ${entry.participantId} twice`);
    }
    seen.add(entry.participantId);
  }
  return problems;
}

/**
 * Checks untrusted data (a state file, say) and returns it as a state, or throws an Error whose
 * message says what is wrong.
 */
export function parseState(value: unknown): LocalApiState {
  const result = stateSchema.safeParse(value);
  if (!result.success) {
    const details = result.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new Error(`does not match the state schema (${details})`);
  }
  const state: LocalApiState = result.data;
  const problems = stateProblems(state);
  if (problems.length > 0) {
    throw new Error(`is inconsistent (${problems.slice(0, 3).join('; ')})`);
  }
  return state;
}
