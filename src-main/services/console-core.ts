import { join } from 'node:path';
import { AuditLog } from '../audit';
import {
  createBandwidthClient,
  verifyCredentials,
  type BandwidthClient,
  type BandwidthClientOptions,
} from '../bandwidth';
import {
  ProfileService,
  type ProfileCredentials,
  type SecretStore,
  type VerifyCredentials,
} from '../credentials';
import { LiveSync, DEFAULT_TIMING, type SessionUpdate } from '../live';
import { IpcError } from '../ipc/errors';
import type { LocalApi } from '../local-api';
import { LOCAL_DEMO_PROFILE_ID, type Profile, type SettingsStore } from '../settings';
import type { ProfilesState } from '../shared/contract';
import type { SessionUpdateEvent } from '../shared/session-view';
import type { TimedRouteEvent } from '../routing';
import { TypedEmitter } from './emitter';
import { RoutingService } from './routing-service';
import { sessionView } from './session-views';

export interface ConsoleCoreOptions {
  /** Where the audit log and pending timed routes live (Electron: userData). */
  dataDir: string;
  settings: SettingsStore;
  secrets: SecretStore;
  /** The embedded local WebRTC API, backend of the built-in Local demo profile. */
  localApi: LocalApi;
  verify?: VerifyCredentials;
  /** Client tuning (tests shorten timeouts). */
  client?: Partial<Omit<BandwidthClientOptions, 'baseUrl' | 'accountId' | 'credentials'>>;
}

export interface CoreEvents {
  'sessions:update': SessionUpdateEvent;
  'profiles:changed': ProfilesState;
  'routing:timer': TimedRouteEvent;
}

/** The active account: its client and its live register of watched sessions. */
export interface ActiveProfile {
  profile: Profile;
  client: BandwidthClient;
  live: LiveSync;
}

/**
 * The main-process services, composed once and shared by the Electron shell and the web host:
 * settings, profiles with keychain credentials, the audit log, and the active profile's client and
 * watchers. Holds no secret itself: credentials are read from the keychain at call time.
 */
export class ConsoleCore {
  readonly events = new TypedEmitter<CoreEvents>();
  readonly profiles: ProfileService;
  readonly routing: RoutingService;
  #active: ActiveProfile;
  readonly #knownSecrets = new Set<string>();

  private constructor(
    private readonly options: ConsoleCoreOptions,
    readonly settings: SettingsStore,
    readonly audit: AuditLog,
  ) {
    const local = options.localApi;
    this.profiles = new ProfileService({
      settings,
      secrets: options.secrets,
      verify: options.verify ?? ((c) => verifyCredentials(c)),
      localCredentials: () => ({
        baseUrl: local.baseUrl,
        accountId: local.accountId,
        username: local.username,
        password: local.password,
      }),
    });
    this.routing = new RoutingService(this, options.dataDir, (e) =>
      this.events.emit('routing:timer', e),
    );
    this.#active = this.activate(
      settings.getProfile(LOCAL_DEMO_PROFILE_ID) ?? this.profiles.get(LOCAL_DEMO_PROFILE_ID),
    );
  }

  static async create(options: ConsoleCoreOptions): Promise<ConsoleCore> {
    const audit = await AuditLog.open({ dir: join(options.dataDir, 'audit') });
    return new ConsoleCore(options, options.settings, audit);
  }

  get active(): ActiveProfile {
    return this.#active;
  }

  /**
   * The active profile, when it is the one a request that changes something was made for. When
   * another profile became active in between (another window, a switch between a preview and its
   * apply), the request is refused before anything is read or written: it was meant for another
   * account.
   */
  activeFor(profileId: string): ActiveProfile {
    const active = this.#active;
    if (active.profile.id === profileId) return active;
    const meant = this.settings.getProfile(profileId)?.name;
    const which =
      meant === undefined ? 'a profile that no longer exists' : `the profile “${meant}”`;
    throw new IpcError(
      'profile-changed',
      `Nothing was changed: this was asked for ${which}, but “${active.profile.name}” is the active profile now. Look at the screen again and retry.`,
    );
  }

  /** Every password this process has handled, so error texts can be scrubbed of them. */
  secrets(): string[] {
    return [...this.#knownSecrets];
  }

  profilesState(): ProfilesState {
    return { profiles: this.profiles.list(), activeId: this.#active.profile.id };
  }

  selectProfile(profileId: string): ProfilesState {
    const profile = this.profiles.get(profileId);
    if (profile.id !== this.#active.profile.id) {
      this.#active.live.close();
      this.#active = this.activate(profile);
    }
    return this.announceProfiles();
  }

  async removeProfile(profileId: string): Promise<ProfilesState> {
    await this.profiles.remove(profileId);
    if (this.#active.profile.id === profileId) {
      this.#active.live.close();
      this.#active = this.activate(this.profiles.get(LOCAL_DEMO_PROFILE_ID));
    }
    return this.announceProfiles();
  }

  announceProfiles(): ProfilesState {
    const state = this.profilesState();
    this.events.emit('profiles:changed', state);
    return state;
  }

  applyPollPreferences(): void {
    const { pollFastMs, pollSlowMs } = this.settings.getPreferences();
    this.#active.live.setTiming({ ...DEFAULT_TIMING, fastMs: pollFastMs, slowMs: pollSlowMs });
  }

  async close(): Promise<void> {
    this.routing.close();
    this.#active.live.close();
    this.events.clear();
    await this.audit.close();
  }

  private activate(profile: Profile): ActiveProfile {
    const credentials = async (): Promise<{ username: string; password: string }> => {
      const c: ProfileCredentials = await this.profiles.getCredentials(profile.id);
      this.#knownSecrets.add(c.password);
      return { username: c.username, password: c.password };
    };
    const baseUrl = profile.kind === 'local' ? this.options.localApi.baseUrl : profile.baseUrl;
    const accountId =
      profile.kind === 'local' ? this.options.localApi.accountId : profile.accountId;
    const client = createBandwidthClient({
      ...this.options.client,
      baseUrl,
      accountId,
      credentials,
    });
    const { pollFastMs, pollSlowMs } = this.settings.getPreferences();
    const live = new LiveSync(client, {
      ...DEFAULT_TIMING,
      fastMs: pollFastMs,
      slowMs: pollSlowMs,
    });
    const active: ActiveProfile = { profile, client, live };
    live.onUpdate((update) => this.onLiveUpdate(active, update));
    if (profile.kind === 'local') this.seedLocalRegister(profile.id);
    for (const watched of this.settings.listWatchedSessions(profile.id)) live.watch(watched.id);
    return active;
  }

  /**
   * The embedded API, unlike Bandwidth's, knows its own sessions: on the Local demo's first start
   * its calls are registered as watched, so a newcomer sees live calls at once.
   */
  private seedLocalRegister(profileId: string): void {
    if (this.settings.listWatchedSessions(profileId).length > 0) return;
    for (const session of this.options.localApi.control.state().sessions) {
      this.settings.addWatchedSession(profileId, { id: session.id, label: session.tag ?? '' });
    }
  }

  private onLiveUpdate(active: ActiveProfile, update: SessionUpdate): void {
    if (active !== this.#active) return;
    const profileId = active.profile.id;
    const watched = this.settings
      .listWatchedSessions(profileId)
      .find((w) => w.id === update.snapshot.sessionId);
    if (!watched) return;
    const roles = this.settings.getParticipantRoles(profileId);
    const session = sessionView(watched, update.snapshot, roles);
    this.events.emit('sessions:update', { profileId, session, changes: update.changes });
  }
}
