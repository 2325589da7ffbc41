import { join } from 'node:path';
import { AuditLog } from '../audit';
import {
  createBandwidthClient,
  verifyCredentials,
  withScrubbedErrors,
  type BandwidthClient,
  type BandwidthClientOptions,
} from '../bandwidth';
import {
  ActiveSecrets,
  ProfileService,
  Scrubber,
  type NewProfileDirectory,
  type ProfileCredentials,
  type SecretStore,
  type VerifyCredentials,
} from '../credentials';
import type { DirectoryClient } from '../directory';
import { LiveSync, DEFAULT_TIMING, type SessionUpdate } from '../live';
import { IpcError } from '../ipc/errors';
import type { LocalApi } from '../local-api';
import { LOCAL_DEMO_PROFILE_ID, type Profile, type SettingsStore } from '../settings';
import { ensurePrivateDir } from '../settings/data-folder';
import type { ProfilesState } from '../shared/contract';
import type { SessionUpdateEvent } from '../shared/dto/session-view';
import type { TimedRouteEvent } from '../routing';
import { createProfileDirectoryClient, type DirectoryTuning } from './directory-client';
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
  /** Directory client tuning (tests shorten the poll). */
  directory?: DirectoryTuning;
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
  /**
   * The profile's call directory, when it has one (the Local demo always does). It runs while
   * someone subscribes; a profile switch or a directory change replaces it (re-read it on
   * 'profiles:changed').
   */
  directory: DirectoryClient | undefined;
}

/** The active secrets and the two scrubbers over them: one for results and events, one for logs. */
export interface Scrubbing {
  readonly secrets: ActiveSecrets;
  /** Results and events: device tokens stay (the console shows them on purpose). */
  readonly outgoing: Scrubber;
  /** The audit log and console output: device tokens go too. */
  readonly logs: Scrubber;
}

function createScrubbing(): Scrubbing {
  const secrets = new ActiveSecrets();
  return {
    secrets,
    outgoing: new Scrubber({ secrets, mode: 'outgoing' }),
    logs: new Scrubber({ secrets, mode: 'log' }),
  };
}

/**
 * The main-process services, composed once and shared by the Electron shell and the web host:
 * settings, profiles with keychain credentials, the audit log, and the active profile's client and
 * watchers. Credentials are read from the keychain at call time; the passwords handed out are
 * registered with the scrubber, which every event (here) and every result (the dispatcher) passes.
 */
export class ConsoleCore {
  readonly events: TypedEmitter<CoreEvents>;
  readonly profiles: ProfileService;
  readonly routing: RoutingService;
  #active: ActiveProfile;

  private constructor(
    private readonly options: ConsoleCoreOptions,
    readonly settings: SettingsStore,
    readonly audit: AuditLog,
    readonly scrubbing: Scrubbing,
  ) {
    const local = options.localApi;
    this.events = new TypedEmitter<CoreEvents>((payload) => scrubbing.outgoing.value(payload));
    this.profiles = new ProfileService({
      settings,
      secrets: options.secrets,
      activeSecrets: scrubbing.secrets,
      verify: options.verify ?? ((c) => verifyCredentials(c)),
      localCredentials: () => ({
        baseUrl: local.baseUrl,
        accountId: local.accountId,
        username: local.username,
        password: local.password,
      }),
      localDirectory: () => ({ url: local.directory.url, token: local.directory.token }),
    });
    this.routing = new RoutingService(this, options.dataDir, (e) =>
      this.events.emit('routing:timer', e),
    );
    this.#active = this.activate(
      settings.getProfile(LOCAL_DEMO_PROFILE_ID) ?? this.profiles.get(LOCAL_DEMO_PROFILE_ID),
    );
  }

  static async create(options: ConsoleCoreOptions): Promise<ConsoleCore> {
    // Owner-only data folders (the audit log and each profile's timed routes make their own).
    await ensurePrivateDir(options.dataDir);
    await ensurePrivateDir(join(options.dataDir, 'routing'));
    const scrubbing = createScrubbing();
    const audit = await AuditLog.open({
      dir: join(options.dataDir, 'audit'),
      scrubber: scrubbing.logs,
    });
    return new ConsoleCore(options, options.settings, audit, scrubbing);
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

  profilesState(): ProfilesState {
    return { profiles: this.profiles.list(), activeId: this.#active.profile.id };
  }

  selectProfile(profileId: string): ProfilesState {
    const profile = this.profiles.get(profileId);
    if (profile.id !== this.#active.profile.id) {
      this.deactivate();
      this.#active = this.activate(profile);
    }
    return this.announceProfiles();
  }

  async removeProfile(profileId: string): Promise<ProfilesState> {
    await this.profiles.remove(profileId);
    if (this.#active.profile.id === profileId) {
      this.deactivate();
      this.#active = this.activate(this.profiles.get(LOCAL_DEMO_PROFILE_ID));
    }
    return this.announceProfiles();
  }

  /** Sets a profile's directory (verified first) and, for the active profile, its client anew. */
  async setDirectory(profileId: string, input: NewProfileDirectory): Promise<ProfilesState> {
    await this.profiles.setDirectory(profileId, input);
    this.renewDirectory(profileId);
    return this.announceProfiles();
  }

  async clearDirectory(profileId: string): Promise<ProfilesState> {
    await this.profiles.clearDirectory(profileId);
    this.renewDirectory(profileId);
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
    this.deactivate();
    this.events.clear();
    await this.audit.close();
  }

  private deactivate(): void {
    this.#active.live.close();
    void this.#active.directory?.close();
  }

  private renewDirectory(profileId: string): void {
    if (this.#active.profile.id !== profileId) return;
    void this.#active.directory?.close();
    // In place: the live watchers' updates are matched to this very object.
    this.#active.profile = this.profiles.get(profileId);
    this.#active.directory = this.directoryFor(this.#active.profile);
  }

  private directoryFor(profile: Profile): DirectoryClient | undefined {
    const localFeed = this.options.localApi.directory.url;
    return createProfileDirectoryClient(this.profiles, profile, localFeed, this.options.directory);
  }

  private activate(profile: Profile): ActiveProfile {
    const credentials = async (): Promise<{ username: string; password: string }> => {
      const c: ProfileCredentials = await this.profiles.getCredentials(profile.id);
      return { username: c.username, password: c.password };
    };
    const baseUrl = profile.kind === 'local' ? this.options.localApi.baseUrl : profile.baseUrl;
    const accountId =
      profile.kind === 'local' ? this.options.localApi.accountId : profile.accountId;
    const outgoing = this.scrubbing.outgoing;
    const client = withScrubbedErrors(
      createBandwidthClient({ ...this.options.client, baseUrl, accountId, credentials }),
      (text) => outgoing.text(text),
    );
    const { pollFastMs, pollSlowMs } = this.settings.getPreferences();
    const live = new LiveSync(client, {
      ...DEFAULT_TIMING,
      fastMs: pollFastMs,
      slowMs: pollSlowMs,
    });
    const active: ActiveProfile = { profile, client, live, directory: this.directoryFor(profile) };
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
