/**
 * "Me": the profile's supervisor on a call as their own participant, one action each — Monitor,
 * Coach, Barge, Leave. The first action creates my participant (audio only), adds it (the
 * 20-participant limit explained first) and routes it, as one audited change (the routing entry's
 * reason says what was created and added); Leave ends the routing, removes and deletes it. Where my
 * participant is, is recorded before it is created (`MeRecordStore`); a leftover from a crash or a
 * restart is found and removed, audited, before anything else "me" does (and when a profile
 * becomes active). The token stays in main (`MeRoster`); the renderer sees `MeView`, and the token
 * only through `audioGrant` (`me:audio`), for its own audio connection.
 */
import pLimit from 'p-limit';
import { IpcError } from '../ipc/errors';
import { questionBeforeJoin } from '../me/ask-first';
import { audioGrant } from '../me/gateway';
import { addMe, createMe, newMeTag, removeMe } from '../me/membership';
import type { MeRecordStore } from '../me/record-store';
import type { MeRoster } from '../me/roster';
import { bargeQuestion, intentFor, MODE_WORDS } from '../me/words';
import type { AuditLike } from '../routing';
import type { Profile, SettingsStore } from '../settings';
import { MAX_PARTICIPANTS_PER_SESSION } from '../shared/bandwidth-api';
import type { MeAudioGrant, MeMode, MeOutcome, MeView } from '../shared/dto/me';
import type { Role } from '../shared/routing/model';
import { messageOf } from '../routing/plan-state';
import type { ActiveAccount, ActiveProfile } from './active-account';
import { TypedEmitter, type ConsoleEvents } from './emitter';
import type { RoutingService } from './routing';

export interface MeServiceDeps {
  active: ActiveAccount;
  settings: Pick<SettingsStore, 'getProfile' | 'getParticipantRoles' | 'setParticipantRole'>;
  routing: Pick<RoutingService, 'apply'>;
  audit: AuditLike;
  records: MeRecordStore;
  roster: MeRoster;
  /** The device gateway my audio connects to on this profile. */
  gatewayUrl: (profile: Profile) => string;
  warn: (text: string) => void;
}

/** The Local demo's supervisor, when its profile names none (the demo's people are fictional). */
export const DEMO_SUPERVISOR_NAME = 'Demo supervisor';

export class MeService {
  readonly events = new TypedEmitter<Pick<ConsoleEvents, 'me:changed'>>();
  readonly #d: MeServiceDeps;
  /** One "me" action at a time: each reads where I am and changes it. */
  readonly #one = pLimit(1);

  constructor(deps: MeServiceDeps) {
    this.#d = deps;
  }

  /** Where I am on the active profile (null: in no call). */
  state(): MeView | null {
    return this.#d.roster.get(this.#d.active.current.profile.id) ?? null;
  }

  /** My audio connection's gateway and device token, while I am on a call (the active profile). */
  audioGrant(profileId: string): MeAudioGrant {
    const { profile } = this.#d.active.for(profileId);
    // Read afresh: the gateway may have been set since the profile became active.
    const current = this.#d.settings.getProfile(profile.id) ?? profile;
    return audioGrant(this.#d.roster, profile.id, this.#d.gatewayUrl(current));
  }

  /** Monitor, Coach or Barge on a call as me: joins first when I am in no call. */
  act(profileId: string, sessionId: string, mode: MeMode, confirmed = false): Promise<MeOutcome> {
    return this.#one(async () => {
      const active = this.#d.active.for(profileId);
      await this.#recover(active);
      const displayName = this.#displayName(active.profile);
      const here = this.#d.roster.get(profileId);
      if (here && here.sessionId !== sessionId) {
        throw new IpcError(
          'me-elsewhere',
          `Nothing was changed: you are on call ${here.sessionId} as ${displayName}. Leave it first.`,
        );
      }
      if (mode === 'barge' && here?.mode !== 'barge' && !confirmed) {
        return { status: 'confirm', question: bargeQuestion(displayName) };
      }
      await refreshDirectory(active);
      return here
        ? this.#route(active, here, mode, confirmed, `As me (${displayName}): ${MODE_WORDS[mode]}.`)
        : this.#join(active, sessionId, mode, confirmed, displayName);
    });
  }

  /** Leaves the call: my routes end, my participant is removed from the session and deleted. */
  leave(profileId: string): Promise<MeOutcome> {
    return this.#one(async () => {
      const active = this.#d.active.for(profileId);
      await this.#recover(active);
      const here = this.#d.roster.get(profileId);
      if (!here) return { status: 'done', me: null, message: 'You are in no call.' };
      const intent = { type: 'endSupervision' as const, supervisorId: here.participantId };
      const reason = `As me (${here.displayName}): leaving the call.`;
      const ended = await this.#d.routing.apply(profileId, here.sessionId, intent, { reason });
      // Removing my participant ends its routes anyway; a failed first step is said, not fatal.
      const also = ended.ok ? '' : ` (ending the routes first failed: ${ended.message})`;
      await this.#remove(active, here.sessionId, here.participantId, `${reason}${also}`);
      return { status: 'done', me: null, message: `You left the call${also}.` };
    });
  }

  /**
   * The console closes: I leave the active profile's call (routes ended, participant removed and
   * deleted, audited), so nothing is left listening. A failure is said, and the record stays for
   * the next start to finish the job.
   */
  async close(): Promise<void> {
    const profileId = this.#d.active.current.profile.id;
    if (!this.#d.roster.get(profileId)) return;
    await this.leave(profileId).catch((error: unknown) => {
      this.#d.warn(`me: could not leave the call on closing (${messageOf(error)}).`);
    });
  }

  /** A leftover "me" on the active profile (crash, restart) is removed, audited. */
  recoverActive(): Promise<void> {
    return this.#one(() => this.#recover(this.#d.active.current));
  }

  async #join(
    active: ActiveProfile,
    sessionId: string,
    mode: MeMode,
    confirmed: boolean,
    displayName: string,
  ): Promise<MeOutcome> {
    const { profile, client } = active;
    // An ended call is read-only: refused before any API call.
    if (active.live.snapshot(sessionId)?.state === 'ended') {
      throw new IpcError('session-ended', 'Nothing was changed: this call has ended.');
    }
    const members = await client.listSessionParticipants({ sessionId });
    if (members.length >= MAX_PARTICIPANTS_PER_SESSION) {
      throw new IpcError(
        'session-full',
        `Nothing was changed: this call already has ${members.length} participants, the most Bandwidth allows in one session (${MAX_PARTICIPANTS_PER_SESSION}), so there is no place for you. Monitor it from someone else's seat, or wait until someone leaves.`,
      );
    }
    const roles = { directory: active.directory?.snapshot, console: this.#consoleRoles(profile) };
    const question = confirmed ? null : questionBeforeJoin(mode, sessionId, members, roles);
    if (question !== null) return { status: 'confirm', question };
    const tag = newMeTag();
    const createdAt = new Date().toISOString();
    await this.#d.records.save(profile.id, { version: 1, sessionId, tag, createdAt });
    let created: { participantId: string; token: string };
    try {
      created = await createMe(active, tag);
    } catch (error) {
      // Not created (or created outside any session, where it hears nothing): nothing to find.
      await this.#d.records.clear(profile.id);
      throw new IpcError(
        'me-create-failed',
        `Nothing was changed: your participant could not be created (${messageOf(error)}).`,
      );
    }
    const { participantId, token } = created;
    const view: MeView = { profileId: profile.id, displayName, sessionId, participantId, mode };
    this.#d.roster.hold(view, token);
    await this.#d.records.save(profile.id, {
      version: 1,
      sessionId,
      tag,
      participantId,
      createdAt,
    });
    this.#d.settings.setParticipantRole(profile.id, participantId, 'supervisor');
    try {
      await addMe(active, sessionId, participantId);
    } catch (error) {
      await this.#remove(
        active,
        sessionId,
        participantId,
        'Joining as me failed: ' + messageOf(error),
      );
      throw new IpcError(
        'me-join-failed',
        `Nothing was changed: you could not be added to the call (${messageOf(error)}); your participant was deleted again.`,
      );
    }
    const reason = `As me (${displayName}): joined the call — participant ${participantId} created (audio only) and added — ${MODE_WORDS[mode]}.`;
    return this.#route(active, view, mode, confirmed, reason, true);
  }

  async #route(
    active: ActiveProfile,
    here: MeView,
    mode: MeMode,
    confirmed: boolean,
    reason: string,
    joined = false,
  ): Promise<MeOutcome> {
    const { profile } = active;
    const intent = intentFor(mode, here.participantId);
    const how = { reason, ...(confirmed ? { confirmedViolations: true } : {}) };
    const result = await this.#d.routing.apply(profile.id, here.sessionId, intent, how);
    if (result.ok) {
      const me = this.#d.roster.update(profile.id, { mode }) ?? null;
      if (me) await this.#record(profile.id, me);
      this.#announce(profile.id, me);
      return { status: 'done', me, message: `You are ${MODE_WORDS[mode]}.` };
    }
    // Removed from the call outside Patchbay: my participant is deleted too, and I am told.
    if (!joined && 'intentError' in result && result.intentError === 'unknown-participant') {
      const why = 'Your participant was removed from the call outside Patchbay; it was deleted.';
      await this.#remove(active, here.sessionId, here.participantId, why);
      throw new IpcError(
        'me-removed',
        `Nothing was changed: ${why} Choose an action to join again.`,
      );
    }
    // A join whose routing did not happen leaves nothing behind: my participant goes again.
    if (joined) {
      const why = `Joining as me was not completed: ${result.message}`;
      await this.#remove(active, here.sessionId, here.participantId, why);
    }
    if (result.code === 'guardrail' && 'violations' in result && !confirmed) {
      return { status: 'confirm', question: result.violations[0]?.message ?? result.message };
    }
    throw new IpcError(result.code, result.message);
  }

  /** Removes and deletes my participant, forgets it everywhere, audits it. */
  async #remove(
    active: ActiveProfile,
    sessionId: string,
    participantId: string,
    reason: string,
  ): Promise<void> {
    const { profile, client } = active;
    const entry = { profileId: profile.id, accountId: client.accountId, sessionId, reason };
    const intent = { type: 'me-leave', participantId };
    try {
      const found = await removeMe(active, sessionId, participantId);
      await this.#d.audit.append({
        ...entry,
        intent: { ...intent, ...found },
        receivers: [],
        outcome: 'applied',
      });
    } catch (error) {
      const message = `Your participant ${participantId} could not be removed (${messageOf(error)}); Patchbay keeps trying.`;
      await this.#d.audit.append({
        ...entry,
        intent,
        receivers: [],
        outcome: 'failed',
        error: message,
      });
      throw new IpcError('me-remove-failed', message);
    }
    this.#d.roster.drop(profile.id);
    this.#d.settings.setParticipantRole(profile.id, participantId, null);
    await this.#d.records.clear(profile.id);
    this.#announce(profile.id, null);
  }

  /** A record without a participant held in memory is a leftover: found and removed. */
  async #recover(active: ActiveProfile): Promise<void> {
    const { profile, client } = active;
    if (this.#d.roster.get(profile.id)) return;
    const { record, warning } = await this.#d.records.load(profile.id);
    if (warning) this.#d.warn(warning);
    if (!record) return;
    let participantId = record.participantId;
    if (participantId === undefined) {
      const found = await client
        .listSessionParticipants({ sessionId: record.sessionId })
        .catch(() => []);
      participantId = found.find((p) => p.tag === record.tag)?.id;
    }
    const reason =
      'A leftover "me" from an earlier run (a crash or a restart) was removed, so it cannot listen in.';
    if (participantId === undefined) {
      await this.#d.records.clear(profile.id);
      return;
    }
    await this.#remove(active, record.sessionId, participantId, reason);
  }

  async #record(profileId: string, me: MeView): Promise<void> {
    const { record } = await this.#d.records.load(profileId);
    if (record) await this.#d.records.save(profileId, { ...record, mode: me.mode });
  }

  #announce(profileId: string, me: MeView | null): void {
    this.events.emit('me:changed', { profileId, me });
  }

  #consoleRoles(profile: Profile): Record<string, Role> {
    return this.#d.settings.getParticipantRoles(profile.id);
  }

  #displayName(profile: Profile): string {
    const name = this.#d.settings.getProfile(profile.id)?.supervisor?.displayName;
    if (name) return name;
    if (profile.kind === 'local') return DEMO_SUPERVISOR_NAME;
    throw new IpcError(
      'no-supervisor',
      `Nothing was changed: the profile “${profile.name}” names no supervisor yet. Set your name as supervisor in its settings first.`,
    );
  }
}

/** The directory's roles decide who the customer and the agent are: read it once if never read. */
async function refreshDirectory(active: ActiveProfile): Promise<void> {
  if (active.directory && active.directory.snapshot === undefined) {
    await active.directory.refresh();
  }
}
