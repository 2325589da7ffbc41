import { isBandwidthApiError } from '../bandwidth';
import { IpcError } from '../ipc/errors';
import type { SettingsStore, WatchedSession } from '../settings';
import { MAX_PARTICIPANTS_PER_SESSION, type PublishPermission } from '../shared/bandwidth-api';
import type { CreatedParticipant } from '../shared/contract';
import { phoneTransferBxml } from '../shared/phone-transfer';
import type { Role } from '../shared/routing/model';
import type { SessionView } from '../shared/dto/session-view';
import type { ActiveAccount, ActiveProfile } from './active-account';
import { TypedEmitter, type ConsoleEvents } from './emitter';
import { directoryCallOf, sessionView, type MyParticipant } from './session-views';
import type { DirectoryChanges } from '../shared/dto/directory';

export interface SessionsServiceDeps {
  active: ActiveAccount;
  settings: SettingsStore;
  /** Where "me" is on a profile, so my participant shows by the supervisor's name. */
  me?: (profileId: string) => MyParticipant | undefined;
}

export interface NewParticipant {
  publishPermissions: PublishPermission[];
  tag?: string | undefined;
  callbackUrl?: string | undefined;
}

/**
 * Sessions and participants of the active profile: the register of watched sessions (there is no
 * list-sessions endpoint), the few lifecycle calls the console makes, and `sessions:update` for
 * every change its watchers observe — in the register's sessions and in the calls the directory
 * lists (the floor watches those; the renderer keeps only its register's, the health rules all). Routing is elsewhere. A call that changes something names the
 * profile it was made for and is refused, changing nothing, when another one is active.
 */
export class SessionsService {
  readonly events = new TypedEmitter<Pick<ConsoleEvents, 'sessions:update'>>();
  readonly #active: ActiveAccount;
  readonly #settings: SettingsStore;
  readonly #me: (profileId: string) => MyParticipant | undefined;

  constructor(deps: SessionsServiceDeps) {
    this.#active = deps.active;
    this.#settings = deps.settings;
    this.#me = deps.me ?? (() => undefined);
    deps.active.onUpdate((active, update) => {
      const { profile } = active;
      const sessionId = update.snapshot.sessionId;
      const watched = this.#shown(active, sessionId);
      if (!watched) return;
      const roles = this.#settings.getParticipantRoles(profile.id);
      const call = directoryCallOf(active.directory, sessionId);
      const session = sessionView(watched, update.snapshot, roles, call, this.#me(profile.id));
      this.events.emit('sessions:update', {
        profileId: profile.id,
        session,
        changes: update.changes,
      });
    });
    // Names, roles and labels from the call directory: watched sessions it changed are shown anew.
    deps.active.onDirectory((active, { changes }) => {
      for (const sessionId of touchedSessions(changes)) {
        const watched = this.#shown(active, sessionId);
        if (!watched) continue;
        const roles = this.#settings.getParticipantRoles(active.profile.id);
        const call = directoryCallOf(active.directory, sessionId);
        const snapshot = active.live.snapshot(sessionId);
        const mine = this.#me(active.profile.id);
        const session = sessionView(watched, snapshot, roles, call, mine);
        this.events.emit('sessions:update', { profileId: active.profile.id, session, changes: [] });
      }
    });
  }

  list(): SessionView[] {
    const active = this.#active.current;
    const watched = this.#settings.listWatchedSessions(active.profile.id);
    return watched.map((w) => this.#view(active, w.id));
  }

  async refresh(sessionId: string): Promise<SessionView> {
    return this.#refresh(this.#active.current, sessionId);
  }

  /** Watches a session by id after checking it exists in this account. */
  async watch(profileId: string, sessionId: string, label?: string): Promise<SessionView> {
    return this.#watch(this.#active.for(profileId), sessionId, label);
  }

  async create(profileId: string, tag: string | undefined): Promise<SessionView> {
    const active = this.#active.for(profileId);
    const session = await active.client.createSession(tag ? { tag } : {});
    return this.#watch(active, session.id, tag);
  }

  /** Finds the session a participant is in and watches it. */
  async discover(profileId: string, participantId: string): Promise<SessionView> {
    const active = this.#active.for(profileId);
    const participant = await active.client
      .getParticipant({ participantId })
      .catch((error: unknown) => {
        if (isBandwidthApiError(error) && error.kind === 'not-found') {
          throw new IpcError(
            'not-found',
            `There is no participant ${participantId} in this account.`,
          );
        }
        throw error;
      });
    const sessionId = participant.sessions?.[0];
    if (!sessionId) {
      throw new IpcError('not-in-session', `Participant ${participantId} is not in any session.`);
    }
    return this.#watch(active, sessionId);
  }

  unwatch(profileId: string, sessionId: string): null {
    this.#unwatch(this.#active.for(profileId), sessionId);
    return null;
  }

  async delete(profileId: string, sessionId: string): Promise<null> {
    const active = this.#active.for(profileId);
    await active.client.deleteSession({ sessionId });
    if (this.#watched(active.profile.id, sessionId)) this.#unwatch(active, sessionId);
    return null;
  }

  /** The session on screen polls fast; `null` when none is. */
  focus(profileId: string, sessionId: string | null): null {
    this.#active.for(profileId).live.focus(sessionId);
    return null;
  }

  async createParticipant(profileId: string, input: NewParticipant): Promise<CreatedParticipant> {
    const { client } = this.#active.for(profileId);
    const created = await client.createParticipant({
      publishPermissions: input.publishPermissions,
      ...(input.tag ? { tag: input.tag } : {}),
      ...(input.callbackUrl ? { callbackUrl: input.callbackUrl } : {}),
    });
    // The token is shown once and never stored: it is only in this response.
    return { ...created, bxmlTemplate: phoneTransferBxml(created.token, 'CALL_ID') };
  }

  async addParticipant(
    profileId: string,
    sessionId: string,
    participantId: string,
  ): Promise<SessionView> {
    const active = this.#active.for(profileId);
    const { client } = active;
    const members = await client.listSessionParticipants({ sessionId });
    if (members.some((m) => m.id === participantId)) return this.#refresh(active, sessionId);
    if (members.length >= MAX_PARTICIPANTS_PER_SESSION) {
      throw new IpcError(
        'session-full',
        `This session already has ${MAX_PARTICIPANTS_PER_SESSION} participants, the most Bandwidth allows. Remove someone first.`,
      );
    }
    return this.#changeMembership(active, sessionId, participantId, 'joined', () =>
      client.addParticipantToSession({ sessionId, participantId }),
    );
  }

  async removeParticipant(
    profileId: string,
    sessionId: string,
    participantId: string,
  ): Promise<SessionView> {
    const active = this.#active.for(profileId);
    return this.#changeMembership(active, sessionId, participantId, 'left', () =>
      active.client.removeParticipantFromSession({ sessionId, participantId }),
    );
  }

  async deleteParticipant(profileId: string, participantId: string): Promise<null> {
    await this.#active.for(profileId).client.deleteParticipant({ participantId });
    return null;
  }

  setRole(profileId: string, participantId: string, role: Role | null): null {
    const { profile } = this.#active.for(profileId);
    this.#settings.setParticipantRole(profile.id, participantId, role);
    return null;
  }

  #watched(profileId: string, sessionId: string): WatchedSession | undefined {
    return this.#settings.listWatchedSessions(profileId).find((w) => w.id === sessionId);
  }

  /** A session in the register, or a call the directory lists (as the register would keep it). */
  #shown(active: ActiveProfile, sessionId: string): WatchedSession | undefined {
    const watched = this.#watched(active.profile.id, sessionId);
    if (watched) return watched;
    const call = directoryCallOf(active.directory, sessionId);
    return call && { id: sessionId, label: call.label, addedAt: call.startedAt };
  }

  #view(active: ActiveProfile, sessionId: string): SessionView {
    const { profile, live } = active;
    const watched = this.#watched(profile.id, sessionId);
    if (!watched) throw new IpcError('not-watched', `Session ${sessionId} is not being watched.`);
    const roles = this.#settings.getParticipantRoles(profile.id);
    const call = directoryCallOf(active.directory, sessionId);
    return sessionView(watched, live.snapshot(sessionId), roles, call, this.#me(profile.id));
  }

  async #watch(active: ActiveProfile, sessionId: string, label?: string): Promise<SessionView> {
    const { client, live, profile } = active;
    const session = await client.getSession({ sessionId }).catch((error: unknown) => {
      if (isBandwidthApiError(error) && error.kind === 'not-found') {
        throw new IpcError(
          'not-found',
          `There is no session ${sessionId} in account ${client.accountId} (it may have ended).`,
        );
      }
      throw error;
    });
    if (!this.#watched(profile.id, sessionId)) {
      this.#settings.addWatchedSession(profile.id, {
        id: sessionId,
        label: label ?? session.tag ?? '',
      });
    }
    live.watch(sessionId);
    // A session in the register is read at the slow interval, even if the floor read it slower.
    live.setCadence(sessionId, 'normal');
    await live.refresh(sessionId);
    return this.#view(active, sessionId);
  }

  #unwatch(active: ActiveProfile, sessionId: string): void {
    this.#view(active, sessionId);
    active.live.unwatch(sessionId);
    this.#settings.removeWatchedSession(active.profile.id, sessionId);
  }

  async #refresh(active: ActiveProfile, sessionId: string): Promise<SessionView> {
    this.#view(active, sessionId);
    await active.live.refresh(sessionId);
    return this.#view(active, sessionId);
  }

  /** A membership write the watchers expect (so it is not drift), then the session's new view. */
  async #changeMembership(
    active: ActiveProfile,
    sessionId: string,
    participantId: string,
    kind: 'joined' | 'left',
    write: () => Promise<unknown>,
  ): Promise<SessionView> {
    active.live.expectMembership(sessionId, participantId, kind);
    try {
      await write();
    } finally {
      active.live.settled(sessionId, participantId, kind);
    }
    return this.#refreshOrWatch(active, sessionId);
  }

  async #refreshOrWatch(active: ActiveProfile, sessionId: string): Promise<SessionView> {
    if (!this.#watched(active.profile.id, sessionId)) return this.#watch(active, sessionId);
    return this.#refresh(active, sessionId);
  }
}

/** The sessions whose label, queue, people, names or roles a directory update changed. */
function touchedSessions(changes: DirectoryChanges): Set<string> {
  return new Set([
    ...changes.started.map((c) => c.sessionId),
    ...changes.relabelled.map((c) => c.sessionId),
    ...changes.ended.map((c) => c.sessionId),
    ...changes.joined.map((r) => r.sessionId),
    ...changes.left.map((r) => r.sessionId),
    ...changes.renamed.map((r) => r.sessionId),
    ...changes.roleChanged.map((r) => r.sessionId),
  ]);
}
