/**
 * What a supervisor asks for, as plain JSON (it crosses IPC), and its validation against a session.
 * The meaning of each intent is defined where it is applied, in apply-intent.ts.
 */
import type { RoutingSession, StreamSelection } from './model';
import { findParticipant } from './model';
import { participantLabel } from './labels';

export type Intent =
  /** Receiver gets all of the publisher's streams. */
  | { readonly type: 'subscribe'; readonly receiverId: string; readonly publisherId: string }
  /** Receiver no longer gets the publisher. */
  | { readonly type: 'unsubscribe'; readonly receiverId: string; readonly publisherId: string }
  /** Receiver gets exactly these streams of the publisher (subscribing if it did not). */
  | {
      readonly type: 'setStreams';
      readonly receiverId: string;
      readonly publisherId: string;
      readonly streams: StreamSelection;
    }
  /**
   * Several cells as one change (one plan, one audit entry, one rollback): each receiver gets all
   * of the publisher's streams (`'all'`), exactly those aliases, or nothing (`null`).
   */
  | { readonly type: 'setCells'; readonly cells: readonly CellSetting[] }
  /** Nobody (or only `receiverId`) hears the publisher. */
  | { readonly type: 'mute'; readonly publisherId: string; readonly receiverId?: string }
  /** The publisher's role-based audience (or only `receiverId`) hears it again. */
  | { readonly type: 'unmute'; readonly publisherId: string; readonly receiverId?: string }
  /** The participant hears nobody and nobody hears it. */
  | { readonly type: 'hold'; readonly participantId: string }
  /** The participant is cut off from every non-supervisor; supervisor routes stay. */
  | { readonly type: 'isolate'; readonly participantId: string }
  /** Everyone hears everyone, all streams. */
  | { readonly type: 'fullyWire' }
  /** The normal call: non-supervisors hear each other, supervisors are disconnected. */
  | { readonly type: 'restoreCall' }
  /** Silent monitor: the supervisor hears `participantIds` (default: every non-supervisor). */
  | {
      readonly type: 'monitor';
      readonly supervisorId: string;
      readonly participantIds?: readonly string[];
    }
  /** Coach: only `agentIds` (default: every agent) hear the supervisor, who hears the call. */
  | {
      readonly type: 'whisper';
      readonly supervisorId: string;
      readonly agentIds?: readonly string[];
    }
  /** Every non-supervisor hears the supervisor, who hears the call. */
  | { readonly type: 'barge'; readonly supervisorId: string }
  /** Every route to and from the supervisor is removed. */
  | { readonly type: 'endSupervision'; readonly supervisorId: string }
  /** The participant leaves for another session; this session is rewired without it. */
  | { readonly type: 'move'; readonly participantId: string; readonly toSessionId: string };

export interface CellSetting {
  readonly receiverId: string;
  readonly publisherId: string;
  readonly streams: StreamSelection | null;
}

export type IntentType = Intent['type'];

/** Bounds of an intent's lists and stream aliases (main's schema and `asIntent` both use them). */
export const INTENT_LIMITS = Object.freeze({
  /** Stream aliases in one selection, and the length of each. */
  streams: 50,
  streamAlias: 200,
  /** Participants named in one monitor or whisper. */
  ids: 20,
  /** Cells in one `setCells` (a 20 × 20 matrix). */
  cells: 400,
});

export type IntentErrorCode =
  | 'unknown-participant'
  | 'same-participant'
  | 'not-a-supervisor'
  | 'customer-in-whisper'
  | 'empty-selection'
  | 'invalid-streams'
  | 'same-session';

export interface IntentProblem {
  readonly code: IntentErrorCode;
  readonly message: string;
}

/** Thrown by `applyIntent` for an intent `validateIntent` rejects; nothing is changed. */
export class IntentError extends Error {
  readonly code: IntentErrorCode;
  constructor(problem: IntentProblem) {
    super(problem.message);
    this.name = 'IntentError';
    this.code = problem.code;
  }
}

function problem(code: IntentErrorCode, message: string): IntentProblem {
  return { code, message };
}

function unknownIn(session: RoutingSession, ids: readonly string[]): IntentProblem | null {
  for (const id of ids) {
    if (findParticipant(session, id) === undefined) {
      return problem(
        'unknown-participant',
        `${participantLabel(session, id)} is not in session ${session.sessionId}.`,
      );
    }
  }
  return null;
}

function cellProblem(session: RoutingSession, receiverId: string, publisherId: string) {
  if (receiverId === publisherId) {
    return problem(
      'same-participant',
      `${participantLabel(session, receiverId)} cannot subscribe to itself.`,
    );
  }
  return null;
}

function supervisorProblem(session: RoutingSession, supervisorId: string): IntentProblem | null {
  if (findParticipant(session, supervisorId)?.role === 'supervisor') return null;
  return problem(
    'not-a-supervisor',
    `${participantLabel(session, supervisorId)} is not a supervisor; assign the supervisor role first.`,
  );
}

function streamsProblem(streams: StreamSelection): IntentProblem | null {
  if (streams === 'all') return null;
  if (streams.length === 0) {
    return problem(
      'invalid-streams',
      'An empty stream list would mean "all streams" to the API; choose "all" or unsubscribe instead.',
    );
  }
  if (streams.some((alias) => alias.trim() === '')) {
    return problem('invalid-streams', 'Stream aliases must not be empty.');
  }
  return null;
}

function selectionProblem(
  session: RoutingSession,
  supervisorId: string,
  ids: readonly string[] | undefined,
  what: string,
): IntentProblem | null {
  if (ids === undefined) return null;
  if (ids.length === 0) return problem('empty-selection', `Choose at least one ${what}.`);
  const unknown = unknownIn(session, ids);
  if (unknown !== null) return unknown;
  return ids.includes(supervisorId) ? cellProblem(session, supervisorId, supervisorId) : null;
}

/** Null when the intent can be applied to this session, else the first problem in plain words. */
export function validateIntent(session: RoutingSession, intent: Intent): IntentProblem | null {
  switch (intent.type) {
    case 'subscribe':
    case 'unsubscribe':
      return (
        unknownIn(session, [intent.receiverId, intent.publisherId]) ??
        cellProblem(session, intent.receiverId, intent.publisherId)
      );
    case 'setStreams':
      return (
        unknownIn(session, [intent.receiverId, intent.publisherId]) ??
        cellProblem(session, intent.receiverId, intent.publisherId) ??
        streamsProblem(intent.streams)
      );
    case 'setCells': {
      if (intent.cells.length === 0) return problem('empty-selection', 'Choose at least one cell.');
      for (const c of intent.cells) {
        const found =
          unknownIn(session, [c.receiverId, c.publisherId]) ??
          cellProblem(session, c.receiverId, c.publisherId) ??
          (c.streams === null ? null : streamsProblem(c.streams));
        if (found !== null) return found;
      }
      return null;
    }
    case 'mute':
    case 'unmute':
      if (intent.receiverId === undefined) return unknownIn(session, [intent.publisherId]);
      return (
        unknownIn(session, [intent.publisherId, intent.receiverId]) ??
        cellProblem(session, intent.receiverId, intent.publisherId)
      );
    case 'hold':
    case 'isolate':
      return unknownIn(session, [intent.participantId]);
    case 'fullyWire':
    case 'restoreCall':
      return null;
    case 'monitor':
      return (
        unknownIn(session, [intent.supervisorId]) ??
        supervisorProblem(session, intent.supervisorId) ??
        selectionProblem(session, intent.supervisorId, intent.participantIds, 'participant')
      );
    case 'whisper': {
      const base =
        unknownIn(session, [intent.supervisorId]) ??
        supervisorProblem(session, intent.supervisorId) ??
        selectionProblem(session, intent.supervisorId, intent.agentIds, 'agent');
      if (base !== null) return base;
      const chosen =
        intent.agentIds ?? session.participants.filter((p) => p.role === 'agent').map((p) => p.id);
      if (chosen.length === 0)
        return problem('empty-selection', 'There is no agent to whisper to.');
      const customer = chosen.find((id) => findParticipant(session, id)?.role === 'customer');
      if (customer === undefined) return null;
      return problem(
        'customer-in-whisper',
        `${participantLabel(session, customer)} is a customer; a whisper never reaches customers — use barge to speak to them.`,
      );
    }
    case 'barge':
    case 'endSupervision':
      return (
        unknownIn(session, [intent.supervisorId]) ?? supervisorProblem(session, intent.supervisorId)
      );
    case 'move':
      if (intent.toSessionId === session.sessionId) {
        return problem('same-session', 'The participant is already in that session.');
      }
      if (intent.toSessionId.trim() === '') {
        return problem('same-session', 'Choose a session to move the participant to.');
      }
      return unknownIn(session, [intent.participantId]);
  }
}
