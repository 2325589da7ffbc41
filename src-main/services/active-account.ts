import {
  createBandwidthClient,
  withScrubbedErrors,
  type BandwidthClient,
  type BandwidthClientOptions,
} from '../bandwidth';
import type { ProfileService } from '../credentials';
import type { DirectoryClient } from '../directory';
import { IpcError } from '../ipc/errors';
import type { DirectoryUpdate } from '../shared/dto/directory';
import { DEFAULT_TIMING, LiveSync, type SessionUpdate, type WatcherTiming } from '../live';
import { LOCAL_DEMO_PROFILE_ID, type Profile, type SettingsStore } from '../settings';
import { createProfileDirectoryClient } from './directory-client';

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

/** The embedded local API, as the built-in Local demo profile reaches it. */
export interface LocalBackend {
  readonly baseUrl: string;
  readonly accountId: string;
  readonly directoryUrl: string;
  /** The sessions it holds now (unlike Bandwidth's, it can list them). */
  sessions(): readonly { id: string; tag?: string | undefined }[];
}

/** Client tuning (tests shorten timeouts and record requests). */
export type ClientTuning = Partial<
  Omit<BandwidthClientOptions, 'baseUrl' | 'accountId' | 'credentials'>
>;

export interface ActiveAccountDeps {
  settings: SettingsStore;
  /** Profiles with their keychain credentials and directory tokens. */
  profiles: ProfileService;
  local: LocalBackend;
  /** Scrubs the text of every error the account's client throws (the outgoing scrubber). */
  scrubText: (text: string) => string;
  client?: ClientTuning | undefined;
}

type UpdateListener = (active: ActiveProfile, update: SessionUpdate) => void;
type DirectoryUpdateListener = (active: ActiveProfile, update: DirectoryUpdate) => void;

/**
 * Which profile the console works on now, and what it holds for it: a Bandwidth client, the live
 * watchers of its watched sessions and its directory client, rebuilt on every switch. Credentials
 * are read from the keychain at call time. Starts on the Local demo.
 */
export class ActiveAccount {
  readonly #deps: ActiveAccountDeps;
  readonly #updates = new Set<UpdateListener>();
  readonly #directoryUpdates = new Set<DirectoryUpdateListener>();
  #unfollowDirectory: (() => void) | undefined;
  #current: ActiveProfile;

  constructor(deps: ActiveAccountDeps) {
    this.#deps = deps;
    this.#current = this.#activate(deps.profiles.get(LOCAL_DEMO_PROFILE_ID));
  }

  get current(): ActiveProfile {
    return this.#current;
  }

  /**
   * The active profile, when it is the one a request that changes something was made for. When
   * another profile became active in between (another window, a switch between a preview and its
   * apply), the request is refused before anything is read or written: it was meant for another
   * account.
   */
  for(profileId: string): ActiveProfile {
    const active = this.#current;
    if (active.profile.id === profileId) return active;
    const meant = this.#deps.settings.getProfile(profileId)?.name;
    const which =
      meant === undefined ? 'a profile that no longer exists' : `the profile “${meant}”`;
    throw new IpcError(
      'profile-changed',
      `Nothing was changed: this was asked for ${which}, but “${active.profile.name}” is the active profile now. Look at the screen again and retry.`,
    );
  }

  /** Makes a profile the active one (nothing happens when it already is). */
  switchTo(profileId: string): void {
    const profile = this.#deps.profiles.get(profileId);
    if (profile.id === this.#current.profile.id) return;
    this.#deactivate();
    this.#current = this.#activate(profile);
    this.#followDirectory();
  }

  /** The active profile's settings changed (its directory): re-read it and rebuild its directory. */
  reload(profileId: string): void {
    const active = this.#current;
    if (active.profile.id !== profileId) return;
    this.#stopFollowingDirectory();
    void active.directory?.close();
    // In place: the live watchers' updates are matched to this very object.
    active.profile = this.#deps.profiles.get(profileId);
    active.directory = this.#directoryFor(active.profile);
    this.#followDirectory();
  }

  /** The poll intervals of the preferences, for the active profile's watchers. */
  applyPollPreferences(): void {
    this.#current.live.setTiming(this.#timing());
  }

  /** What the active profile's watchers observe (a switched-away profile's updates are dropped). */
  onUpdate(listener: UpdateListener): () => void {
    this.#updates.add(listener);
    return () => this.#updates.delete(listener);
  }

  /**
   * What the active profile's call directory publishes (snapshots, changes, status). While anyone
   * listens, the active profile's directory client runs; a switch or a directory change follows the
   * new one.
   */
  onDirectory(listener: DirectoryUpdateListener): () => void {
    this.#directoryUpdates.add(listener);
    this.#followDirectory();
    return () => {
      this.#directoryUpdates.delete(listener);
      if (this.#directoryUpdates.size === 0) this.#stopFollowingDirectory();
    };
  }

  close(): void {
    this.#deactivate();
    this.#updates.clear();
    this.#directoryUpdates.clear();
  }

  #followDirectory(): void {
    const active = this.#current;
    const directory = active.directory;
    if (this.#unfollowDirectory || this.#directoryUpdates.size === 0 || !directory) return;
    this.#unfollowDirectory = directory.subscribe((update) => {
      if (active !== this.#current || active.directory !== directory) return;
      for (const listener of this.#directoryUpdates) listener(active, update);
    });
  }

  #stopFollowingDirectory(): void {
    this.#unfollowDirectory?.();
    this.#unfollowDirectory = undefined;
  }

  #deactivate(): void {
    this.#stopFollowingDirectory();
    this.#current.live.close();
    void this.#current.directory?.close();
  }

  #timing(): WatcherTiming {
    const { pollFastMs, pollSlowMs } = this.#deps.settings.getPreferences();
    return { ...DEFAULT_TIMING, fastMs: pollFastMs, slowMs: pollSlowMs };
  }

  #directoryFor(profile: Profile): DirectoryClient | undefined {
    return createProfileDirectoryClient(
      this.#deps.profiles,
      profile,
      this.#deps.local.directoryUrl,
    );
  }

  #activate(profile: Profile): ActiveProfile {
    const { profiles, local, settings, scrubText } = this.#deps;
    const credentials = async (): Promise<{ username: string; password: string }> => {
      const { username, password } = await profiles.getCredentials(profile.id);
      return { username, password };
    };
    const baseUrl = profile.kind === 'local' ? local.baseUrl : profile.baseUrl;
    const accountId = profile.kind === 'local' ? local.accountId : profile.accountId;
    const client = withScrubbedErrors(
      createBandwidthClient({ ...this.#deps.client, baseUrl, accountId, credentials }),
      scrubText,
    );
    const live = new LiveSync(client, this.#timing());
    const active: ActiveProfile = { profile, client, live, directory: this.#directoryFor(profile) };
    live.onUpdate((update) => {
      if (active !== this.#current) return;
      for (const listener of this.#updates) listener(active, update);
    });
    if (profile.kind === 'local') this.#seedLocalRegister(profile.id);
    for (const watched of settings.listWatchedSessions(profile.id)) live.watch(watched.id);
    return active;
  }

  /**
   * The embedded API, unlike Bandwidth's, knows its own sessions: on the Local demo's first start
   * its calls are registered as watched, so a newcomer sees live calls at once.
   */
  #seedLocalRegister(profileId: string): void {
    const settings = this.#deps.settings;
    if (settings.listWatchedSessions(profileId).length > 0) return;
    for (const session of this.#deps.local.sessions()) {
      settings.addWatchedSession(profileId, { id: session.id, label: session.tag ?? '' });
    }
  }
}
