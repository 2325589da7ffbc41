/**
 * The local API's in-memory state and the semantics of the eleven operations, without HTTP. Every
 * failure is a `LocalApiError` (status + message) that the server maps to a Bandwidth error body.
 * Operations check everything before they change anything: a rejected request changes nothing.
 *
 * Assumed where the spec is silent (see DEVELOPERS.md, which lists what we assume):
 * - `publishPermissions` defaults to ["AUDIO", "VIDEO"] when absent on create.
 * - Adding a participant that is in another session → 409; adding one already in this session →
 *   success, and a body (if any) replaces its subscriptions; a 21st participant → 400.
 * - Subscription entries must name members of the session (400 otherwise), never the receiver itself,
 *   never the same publisher twice. A non-empty `participants` list overrides the body's `sessionId`
 *   (the spec: it "will override any sessionId specified in the body"); without one, a body
 *   `sessionId` must equal the path's session.
 * - At most MAX_SESSIONS sessions and MAX_PARTICIPANTS participants are stored at once; one more is
 *   a 400 that says so (limits.ts: the state, and so every state write, stays bounded).
 * - Removing a participant from a session (or deleting it) drops its subscriptions and every other
 *   receiver's entries naming it; a receiver whose explicit list becomes empty ends with NO
 *   subscriptions (never session level: that could leak a whisper).
 */
import { randomUUID } from 'node:crypto';
import { MAX_PARTICIPANTS_PER_SESSION } from '../shared/bandwidth-api';
import type {
  CreateParticipantRequest,
  CreateSessionRequest,
  Participant,
  Session,
  Subscriptions,
} from '../shared/bandwidth-api';
import { badRequest, conflict, notFound } from './errors';
import { MAX_PARTICIPANTS, MAX_SESSIONS, checkRoom } from './limits';
import { cloneState, emptyState } from './state';
import type { LocalApiState, StoredParticipant, StoredSession } from './state';

export { deliveredPublishers } from './delivery';

const DEFAULT_PUBLISH_PERMISSIONS = ['AUDIO', 'VIDEO'] as const;

export interface StoreOptions {
  state?: LocalApiState;
  /** Called after every change (persistence listens here). */
  onChange?: () => void;
}

export class Store {
  #sessions = new Map<string, StoredSession>();
  #participants = new Map<string, StoredParticipant>();
  #sessionOf = new Map<string, string>();
  readonly #onChange: () => void;

  constructor(options: StoreOptions = {}) {
    this.#onChange = options.onChange ?? ((): void => {});
    this.#load(cloneState(options.state ?? emptyState()));
  }

  /** A deep copy of the whole state. */
  snapshot(): LocalApiState {
    return cloneState({
      sessions: [...this.#sessions.values()],
      participants: [...this.#participants.values()],
    });
  }

  /** Replaces the whole state (the caller vouches for its invariants, e.g. via `parseState`). */
  replace(state: LocalApiState): void {
    this.#load(cloneState(state));
    this.#onChange();
  }

  sessionIds(): string[] {
    return [...this.#sessions.keys()];
  }

  createParticipant(input: CreateParticipantRequest, id: string = randomUUID()): Participant {
    checkRoom(
      this.#participants.size,
      MAX_PARTICIPANTS,
      'participants',
      'delete unused ones first',
    );
    const participant: StoredParticipant = {
      id,
      callbackUrl: input.callbackUrl ?? null,
      publishPermissions: [...(input.publishPermissions ?? DEFAULT_PUBLISH_PERMISSIONS)],
      deviceApiVersion: input.deviceApiVersion ?? 'V3',
      subscriptions: {},
    };
    if (input.tag !== undefined) participant.tag = input.tag;
    this.#participants.set(id, participant);
    this.#onChange();
    return this.#view(participant);
  }

  getParticipant(participantId: string): Participant {
    return this.#view(this.#participant(participantId));
  }

  deleteParticipant(participantId: string): void {
    this.#participant(participantId);
    const sessionId = this.#sessionOf.get(participantId);
    if (sessionId !== undefined) this.#leave(sessionId, participantId);
    this.#participants.delete(participantId);
    this.#onChange();
  }

  createSession(input: CreateSessionRequest, id: string = randomUUID()): Session {
    checkRoom(this.#sessions.size, MAX_SESSIONS, 'sessions', 'delete ended ones first');
    const session: StoredSession = { id, participantIds: [] };
    if (input.tag !== undefined) session.tag = input.tag;
    this.#sessions.set(id, session);
    this.#onChange();
    return sessionView(session);
  }

  getSession(sessionId: string): Session {
    return sessionView(this.#session(sessionId));
  }

  deleteSession(sessionId: string): void {
    const session = this.#session(sessionId);
    for (const pid of session.participantIds) {
      this.#sessionOf.delete(pid);
      const member = this.#participants.get(pid);
      if (member !== undefined) member.subscriptions = {};
    }
    this.#sessions.delete(sessionId);
    this.#onChange();
  }

  listSessionParticipants(sessionId: string): Participant[] {
    return this.#session(sessionId).participantIds.map((pid) => this.#view(this.#participant(pid)));
  }

  /** `subscriptions` undefined: membership only (an existing member keeps its subscriptions). */
  addParticipantToSession(
    sessionId: string,
    participantId: string,
    subscriptions?: Subscriptions,
  ): void {
    const session = this.#session(sessionId);
    const participant = this.#participant(participantId);
    const current = this.#sessionOf.get(participantId);
    if (current !== undefined && current !== sessionId) {
      throw conflict(
        `Participant ${participantId} is already in session ${current}; a participant can be in ` +
          'only one session, so remove it from that session first',
      );
    }
    const joining = current === undefined;
    if (joining && session.participantIds.length >= MAX_PARTICIPANTS_PER_SESSION) {
      throw badRequest(
        `Session ${sessionId} already has ${MAX_PARTICIPANTS_PER_SESSION} participants, ` +
          'the most a session can hold',
      );
    }
    const members = joining ? [...session.participantIds, participantId] : session.participantIds;
    const normalised =
      subscriptions === undefined
        ? undefined
        : this.#checkSubscriptions(session.id, members, participantId, subscriptions);
    if (joining) {
      session.participantIds.push(participantId);
      this.#sessionOf.set(participantId, sessionId);
    }
    if (normalised !== undefined) participant.subscriptions = normalised;
    this.#onChange();
  }

  removeParticipantFromSession(sessionId: string, participantId: string): void {
    this.#member(sessionId, participantId);
    this.#leave(sessionId, participantId);
    this.#onChange();
  }

  /** The stored subscriptions, normalised; `{}` when there are none. */
  getParticipantSubscriptions(sessionId: string, participantId: string): Subscriptions {
    return structuredClone(this.#member(sessionId, participantId).subscriptions);
  }

  /** Full replace; `undefined` or `{}` clears. */
  updateParticipantSubscriptions(
    sessionId: string,
    participantId: string,
    subscriptions?: Subscriptions,
  ): void {
    const participant = this.#member(sessionId, participantId);
    const members = this.#session(sessionId).participantIds;
    participant.subscriptions = this.#checkSubscriptions(
      sessionId,
      members,
      participantId,
      subscriptions ?? {},
    );
    this.#onChange();
  }

  #load(state: LocalApiState): void {
    this.#sessions = new Map(state.sessions.map((s) => [s.id, s]));
    this.#participants = new Map(state.participants.map((p) => [p.id, p]));
    this.#sessionOf = new Map();
    for (const s of state.sessions)
      for (const pid of s.participantIds) this.#sessionOf.set(pid, s.id);
  }

  #session(sessionId: string): StoredSession {
    const session = this.#sessions.get(sessionId);
    if (session === undefined) throw notFound(`Session ${sessionId} not found`);
    return session;
  }

  #participant(participantId: string): StoredParticipant {
    const participant = this.#participants.get(participantId);
    if (participant === undefined) throw notFound(`Participant ${participantId} not found`);
    return participant;
  }

  /** The participant, after checking that both exist and that it is a member of the session. */
  #member(sessionId: string, participantId: string): StoredParticipant {
    this.#session(sessionId);
    const participant = this.#participant(participantId);
    if (this.#sessionOf.get(participantId) !== sessionId) {
      throw notFound(`Participant ${participantId} is not in session ${sessionId}`);
    }
    return participant;
  }

  /** Validates a subscriptions body against the session and returns it normalised. */
  #checkSubscriptions(
    sessionId: string,
    members: readonly string[],
    receiverId: string,
    subs: Subscriptions,
  ): Subscriptions {
    const entries = subs.participants ?? [];
    // A non-empty list wins over the body's sessionId; only the session-level form names one.
    if (entries.length === 0 && subs.sessionId !== undefined && subs.sessionId !== sessionId) {
      throw badRequest(
        `sessionId ${JSON.stringify(subs.sessionId)} does not match the session in the path ` +
          `(${sessionId})`,
      );
    }
    entries.forEach((entry, index) => {
      const where = `participants[${index}]`;
      if (entry.participantId === receiverId) {
        throw badRequest(
          `${where}: participant ${receiverId} cannot subscribe to itself (a receiver never ` +
            'receives its own media)',
        );
      }
      if (!this.#participants.has(entry.participantId)) {
        throw badRequest(
          `${where}: participant ${JSON.stringify(entry.participantId)} does not exist`,
        );
      }
      if (!members.includes(entry.participantId)) {
        throw badRequest(
          `${where}: participant ${entry.participantId} is not in session ${sessionId}`,
        );
      }
    });
    if (entries.length > 0) return structuredClone({ sessionId, participants: entries });
    if (subs.sessionId !== undefined) return { sessionId };
    return {};
  }

  /** Takes a participant out of a session, with the subscription cleanup described above. */
  #leave(sessionId: string, participantId: string): void {
    const session = this.#session(sessionId);
    session.participantIds = session.participantIds.filter((id) => id !== participantId);
    this.#sessionOf.delete(participantId);
    const leaving = this.#participants.get(participantId);
    if (leaving !== undefined) leaving.subscriptions = {};
    for (const id of session.participantIds) {
      const receiver = this.#participants.get(id);
      const entries = receiver?.subscriptions.participants;
      if (receiver === undefined || entries === undefined) continue;
      const kept = entries.filter((e) => e.participantId !== participantId);
      if (kept.length === entries.length) continue;
      receiver.subscriptions = kept.length > 0 ? { sessionId, participants: kept } : {};
    }
  }

  #view(p: StoredParticipant): Participant {
    const sessionId = this.#sessionOf.get(p.id);
    const view: Participant = {
      id: p.id,
      callbackUrl: p.callbackUrl,
      publishPermissions: [...p.publishPermissions],
      sessions: sessionId === undefined ? [] : [sessionId],
      subscriptions: structuredClone(p.subscriptions),
    };
    if (p.tag !== undefined) view.tag = p.tag;
    view.deviceApiVersion = p.deviceApiVersion;
    return view;
  }
}

function sessionView(s: StoredSession): Session {
  return s.tag === undefined ? { id: s.id } : { id: s.id, tag: s.tag };
}
