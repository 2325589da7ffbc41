import { isBandwidthApiError } from '../bandwidth';
import { IpcError } from '../ipc/errors';
import { MAX_PARTICIPANTS_PER_SESSION, type PublishPermission } from '../shared/bandwidth-api';
import type { CreatedParticipant } from '../shared/contract';
import { phoneTransferBxml } from '../shared/phone-transfer';
import type { Role } from '../shared/routing/model';
import type { SessionView } from '../shared/dto/session-view';
import type { ConsoleCore } from './console-core';
import { sessionView } from './session-views';

/**
 * Sessions and participants of the active profile: the register of watched sessions (there is no
 * list-sessions endpoint) and the few lifecycle calls the console makes. Routing is elsewhere.
 */
export class SessionsService {
  constructor(private readonly core: ConsoleCore) {}

  list(): SessionView[] {
    const { profile } = this.core.active;
    return this.core.settings.listWatchedSessions(profile.id).map((w) => this.view(w.id));
  }

  view(sessionId: string): SessionView {
    const { profile, live } = this.core.active;
    const watched = this.core.settings
      .listWatchedSessions(profile.id)
      .find((w) => w.id === sessionId);
    if (!watched) throw new IpcError('not-watched', `Session ${sessionId} is not being watched.`);
    const roles = this.core.settings.getParticipantRoles(profile.id);
    return sessionView(watched, live.snapshot(sessionId), roles);
  }

  /** Watches a session by id after checking it exists in this account. */
  async watch(sessionId: string, label?: string): Promise<SessionView> {
    const { client, live, profile } = this.core.active;
    const session = await client.getSession({ sessionId }).catch((error: unknown) => {
      if (isBandwidthApiError(error) && error.kind === 'not-found') {
        throw new IpcError(
          'not-found',
          `There is no session ${sessionId} in account ${client.accountId} (it may have ended).`,
        );
      }
      throw error;
    });
    const settings = this.core.settings;
    if (!settings.listWatchedSessions(profile.id).some((w) => w.id === sessionId)) {
      settings.addWatchedSession(profile.id, { id: sessionId, label: label ?? session.tag ?? '' });
    }
    live.watch(sessionId);
    await live.refresh(sessionId);
    return this.view(sessionId);
  }

  async create(tag: string | undefined): Promise<SessionView> {
    const { client } = this.core.active;
    const session = await client.createSession(tag ? { tag } : {});
    return this.watch(session.id, tag);
  }

  /** Finds the session a participant is in and watches it. */
  async discover(participantId: string): Promise<SessionView> {
    const { client } = this.core.active;
    const participant = await client.getParticipant({ participantId }).catch((error: unknown) => {
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
    return this.watch(sessionId);
  }

  unwatch(sessionId: string): null {
    const { live, profile } = this.core.active;
    this.view(sessionId);
    live.unwatch(sessionId);
    this.core.settings.removeWatchedSession(profile.id, sessionId);
    return null;
  }

  async delete(sessionId: string): Promise<null> {
    const { client } = this.core.active;
    await client.deleteSession({ sessionId });
    if (this.isWatched(sessionId)) this.unwatch(sessionId);
    return null;
  }

  focus(sessionId: string | null): null {
    this.core.active.live.focus(sessionId);
    return null;
  }

  async refresh(sessionId: string): Promise<SessionView> {
    this.view(sessionId);
    await this.core.active.live.refresh(sessionId);
    return this.view(sessionId);
  }

  async createParticipant(input: {
    publishPermissions: PublishPermission[];
    tag?: string | undefined;
    callbackUrl?: string | undefined;
  }): Promise<CreatedParticipant> {
    const { client } = this.core.active;
    const created = await client.createParticipant({
      publishPermissions: input.publishPermissions,
      ...(input.tag ? { tag: input.tag } : {}),
      ...(input.callbackUrl ? { callbackUrl: input.callbackUrl } : {}),
    });
    // The token is shown once and never stored: it is only in this response.
    return { ...created, bxmlTemplate: phoneTransferBxml(created.token, 'CALL_ID') };
  }

  async addParticipant(sessionId: string, participantId: string): Promise<SessionView> {
    const { client, live } = this.core.active;
    const members = await client.listSessionParticipants({ sessionId });
    if (members.some((m) => m.id === participantId)) return this.refresh(sessionId);
    if (members.length >= MAX_PARTICIPANTS_PER_SESSION) {
      throw new IpcError(
        'session-full',
        `This session already has ${MAX_PARTICIPANTS_PER_SESSION} participants, the most Bandwidth allows. Remove someone first.`,
      );
    }
    live.expectMembership(sessionId, participantId, 'joined');
    try {
      await client.addParticipantToSession({ sessionId, participantId });
    } finally {
      live.settled(sessionId, participantId, 'joined');
    }
    return this.refreshIfWatched(sessionId);
  }

  async removeParticipant(sessionId: string, participantId: string): Promise<SessionView> {
    const { client, live } = this.core.active;
    live.expectMembership(sessionId, participantId, 'left');
    try {
      await client.removeParticipantFromSession({ sessionId, participantId });
    } finally {
      live.settled(sessionId, participantId, 'left');
    }
    return this.refreshIfWatched(sessionId);
  }

  async deleteParticipant(participantId: string): Promise<null> {
    await this.core.active.client.deleteParticipant({ participantId });
    return null;
  }

  setRole(participantId: string, role: Role | null): null {
    this.core.settings.setParticipantRole(this.core.active.profile.id, participantId, role);
    return null;
  }

  private isWatched(sessionId: string): boolean {
    const { profile } = this.core.active;
    return this.core.settings.listWatchedSessions(profile.id).some((w) => w.id === sessionId);
  }

  private async refreshIfWatched(sessionId: string): Promise<SessionView> {
    if (!this.isWatched(sessionId)) return this.watch(sessionId);
    return this.refresh(sessionId);
  }
}
