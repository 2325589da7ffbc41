/**
 * Profiles with their credentials: settings hold the profile (never the password), the SecretStore
 * holds the password. Adding a Bandwidth profile verifies the credentials first (injected `verify`,
 * the HTTP client's harmless call) and changes nothing unless every step succeeds.
 */
import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import {
  LOCAL_DEMO_PROFILE_ID,
  BANDWIDTH_PRODUCTION_BASE_URL,
  type Profile,
} from '../settings/schema';
import type { SettingsStore } from '../settings/settings-store';
import {
  checkAccountId,
  checkAll,
  checkBaseUrl,
  checkDeviceGateway,
  checkName,
  checkPassword,
  checkUsername,
  ProfileError,
} from './profile-validation';
import { apiSecrets, type ActiveSecrets } from './active-secrets';
import {
  clearProfileDirectory,
  directorySecretKey,
  profileDirectorySource,
  setProfileDirectory,
  verifyDirectoryFeed,
  type DirectoryCredentials,
  type LocalDirectoryProvider,
  type NewProfileDirectory,
  type VerifyDirectory,
} from './profile-directory';
import { keychainError, type SecretStore } from './secret-store';
import { verifyFailure } from './verify-failure';

/** What an API call needs. Main process only: never send this to a renderer, log or file. */
export interface ProfileCredentials {
  baseUrl: string;
  accountId: string;
  username: string;
  password: string;
}

export type VerifyFailureKind =
  'unauthorized' | 'forbidden' | 'not-webrtc-api' | 'network' | 'other';
export type VerifyCredentialsResult =
  { ok: true } | { ok: false; kind: VerifyFailureKind; message: string };
/** A harmless authenticated call against the API (provided by the Bandwidth client). */
export type VerifyCredentials = (
  credentials: ProfileCredentials,
) => Promise<VerifyCredentialsResult>;
/** The embedded local API's current credentials, for the built-in Local demo profile. */
export type LocalCredentialsProvider = () => ProfileCredentials | Promise<ProfileCredentials>;

export interface NewBandwidthProfile {
  name: string;
  accountId: string;
  username: string;
  password: string;
  /** Default: the production API, https://api.webrtc.bandwidth.com/v1. */
  baseUrl?: string;
  /** Where my own audio connects; default (absent): Bandwidth's, wss://device.webrtc.bandwidth.com. */
  deviceGatewayUrl?: string;
}

export interface ProfileServiceOptions {
  settings: SettingsStore;
  secrets: SecretStore;
  verify: VerifyCredentials;
  localCredentials: LocalCredentialsProvider;
  /** Fed with each profile's API password and Basic token when they are handed out (scrubbing). */
  activeSecrets?: ActiveSecrets;
  /** The embedded feed behind the Local demo's directory (none: the Local demo has no directory). */
  localDirectory?: LocalDirectoryProvider;
  /** Reads a directory feed once before it is saved (default: a real GET). */
  verifyDirectory?: VerifyDirectory;
  newId?: () => string;
}

export class ProfileService {
  readonly #settings: SettingsStore;
  readonly #secrets: SecretStore;
  readonly #verify: VerifyCredentials;
  readonly #localCredentials: LocalCredentialsProvider;
  readonly #activeSecrets: ActiveSecrets | undefined;
  readonly #localDirectory: LocalDirectoryProvider | undefined;
  readonly #verifyDirectory: VerifyDirectory;
  readonly #newId: () => string;
  /** Adds and removes run one at a time (checks, keychain and settings stay consistent). */
  readonly #exclusive = pLimit(1);

  constructor(options: ProfileServiceOptions) {
    this.#settings = options.settings;
    this.#secrets = options.secrets;
    this.#verify = options.verify;
    this.#localCredentials = options.localCredentials;
    this.#activeSecrets = options.activeSecrets;
    this.#localDirectory = options.localDirectory;
    this.#verifyDirectory = options.verifyDirectory ?? verifyDirectoryFeed;
    this.#newId = options.newId ?? randomUUID;
  }

  list(): Profile[] {
    return this.#settings.listProfiles();
  }

  get(profileId: string): Profile {
    const profile = this.#settings.getProfile(profileId);
    if (!profile) throw new ProfileError('profile-not-found', 'There is no such profile.');
    return profile;
  }

  /**
   * Validates every field (all errors at once), verifies the credentials against the API, and only
   * then checks the keychain and stores: a supervisor learns whether the credentials are right
   * before any keychain trouble. Nothing changes on failure.
   */
  addBandwidthProfile(input: NewBandwidthProfile): Promise<Profile> {
    return this.#exclusive(async () => {
      const existing = this.#settings.listProfiles();
      const { name, deviceGatewayUrl, ...credentials } = checkAll({
        name: () => checkName(input.name, existing),
        accountId: () => checkAccountId(input.accountId),
        username: () => checkUsername(input.username),
        password: () => checkPassword(input.password),
        baseUrl: () => checkBaseUrl(input.baseUrl ?? BANDWIDTH_PRODUCTION_BASE_URL),
        deviceGatewayUrl: () =>
          input.deviceGatewayUrl === undefined
            ? undefined
            : checkDeviceGateway(input.deviceGatewayUrl),
      });

      let result: VerifyCredentialsResult;
      try {
        result = await this.#verify({ ...credentials });
      } catch (error) {
        const message = error instanceof Error ? error.message : 'unexpected error';
        result = { ok: false, kind: 'other', message };
      }
      if (!result.ok) throw verifyFailure(result, credentials);

      const keychain = await this.#secrets.available();
      if (!keychain.ok) throw keychainError(keychain, { checked: 'credentials' });

      // Checked again: a rename may have taken the name while the verification call was running.
      checkName(name, this.#settings.listProfiles());
      const { password, ...rest } = credentials;
      const profile: Profile = {
        id: this.#newId(),
        name,
        kind: 'bandwidth',
        ...rest,
        ...(deviceGatewayUrl === undefined ? {} : { deviceGatewayUrl }),
      };
      await this.#secrets.set(profile.id, password);
      try {
        return this.#settings.addProfile(profile);
      } catch (error) {
        await this.#secrets.delete(profile.id).catch(() => false);
        throw error;
      }
    });
  }

  rename(profileId: string, name: string): Profile {
    this.get(profileId);
    const checked = checkName(name, this.#settings.listProfiles(), profileId);
    return this.#settings.renameProfile(profileId, checked);
  }

  /** Names (or, with null, forgets) the profile's supervisor; the settings store checks the name. */
  setSupervisor(profileId: string, displayName: string | null): Profile {
    this.get(profileId);
    const supervisor = displayName === null ? null : { displayName };
    return this.#settings.setProfileSupervisor(profileId, supervisor);
  }

  /**
   * Sets a Bandwidth profile's device gateway base URL (checked and normalised), or with null goes
   * back to Bandwidth's. The Local demo's gateway is the embedded local API's: it cannot be set.
   */
  setDeviceGateway(profileId: string, url: string | null): Profile {
    const profile = this.get(profileId);
    if (profile.kind === 'local') {
      throw new ProfileError(
        'builtin-profile',
        'The Local demo always uses the embedded local API’s own device gateway; it cannot be changed.',
        'deviceGatewayUrl',
      );
    }
    const checked = url === null ? null : checkDeviceGateway(url);
    return this.#settings.setProfileDeviceGateway(profileId, checked);
  }

  /** Removes a profile and its keychain entry. The built-in Local demo cannot be removed. */
  remove(profileId: string): Promise<void> {
    return this.#exclusive(async () => {
      if (profileId === LOCAL_DEMO_PROFILE_ID) {
        throw new ProfileError(
          'builtin-profile',
          'The built-in "Local demo" profile cannot be removed.',
        );
      }
      const profile = this.get(profileId);
      if (profile.kind === 'bandwidth') await this.#secrets.delete(profile.id);
      if (profile.directory) await this.#secrets.delete(directorySecretKey(profile.id));
      this.#settings.removeProfile(profile.id);
      this.#activeSecrets?.forget(profile.id);
    });
  }

  /**
   * Sets a profile's call directory: checks the URL and token, reads the feed once with them, then
   * keeps the token in the keychain and the URL in settings. Nothing changes on failure.
   */
  setDirectory(profileId: string, input: NewProfileDirectory): Promise<Profile> {
    return this.#exclusive(async () =>
      setProfileDirectory(this.#directoryDeps(), this.get(profileId), input),
    );
  }

  /** Removes a profile's call directory (URL and token). */
  clearDirectory(profileId: string): Promise<Profile> {
    return this.#exclusive(async () =>
      clearProfileDirectory(this.#directoryDeps(), this.get(profileId)),
    );
  }

  /** For main-process requests only: the profile's feed and token, or undefined without one. */
  async getDirectory(profileId: string): Promise<DirectoryCredentials | undefined> {
    const source = await profileDirectorySource(
      this.#secrets,
      this.get(profileId),
      this.#localDirectory,
    );
    if (source) {
      this.#activeSecrets?.register(profileId, [{ kind: 'directory-token', value: source.token }]);
    }
    return source;
  }

  #directoryDeps(): Parameters<typeof setProfileDirectory>[0] {
    return { settings: this.#settings, secrets: this.#secrets, verify: this.#verifyDirectory };
  }

  /**
   * For main-process API calls only. The Local demo gets the embedded local API's credentials.
   * Whatever is handed out is registered as the profile's active secrets first.
   */
  async getCredentials(profileId: string): Promise<ProfileCredentials> {
    const credentials = await this.#readCredentials(profileId);
    this.#activeSecrets?.register(
      profileId,
      apiSecrets(credentials.username, credentials.password),
    );
    return credentials;
  }

  async #readCredentials(profileId: string): Promise<ProfileCredentials> {
    const profile = this.get(profileId);
    if (profile.kind === 'local') return { ...(await this.#localCredentials()) };
    const password = await this.#secrets.get(profile.id);
    if (password === null) {
      throw new ProfileError(
        'credentials-missing',
        `The keychain holds no password for profile "${profile.name}"; remove the profile and add it again.`,
      );
    }
    const { baseUrl, accountId, username } = profile;
    return { baseUrl, accountId, username, password };
  }
}
