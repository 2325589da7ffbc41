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
import { fixedSecrets, Scrubber } from './scrubber';
import { keychainError, type SecretStore } from './secret-store';

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

function verifyFailure(
  result: Extract<VerifyCredentialsResult, { ok: false }>,
  credentials: ProfileCredentials,
): ProfileError {
  const secrets = fixedSecrets(apiSecrets(credentials.username, credentials.password));
  const detail = new Scrubber({ secrets })
    .text(result.message)
    .trim()
    .replace(/[.\s]+$/, '');
  const suffix = detail ? ` (${detail})` : '';
  switch (result.kind) {
    case 'unauthorized':
      return new ProfileError(
        'credentials-rejected',
        `Bandwidth did not accept these credentials for account ${credentials.accountId} (401): check the username and password — or the account id may be mistyped. Nothing was saved.`,
      );
    case 'forbidden':
      return new ProfileError(
        'no-webrtc-access',
        `The credentials work, but this account has no WebRTC access (account ${credentials.accountId}, 403). Ask Bandwidth support to enable WebRTC for it; nothing was saved.`,
      );
    case 'not-webrtc-api':
      return new ProfileError(
        'not-webrtc-api',
        `${credentials.baseUrl}: this does not look like the WebRTC API base URL (…/v1; Bandwidth's is ${BANDWIDTH_PRODUCTION_BASE_URL}). Check the base URL; nothing was saved.`,
      );
    case 'network':
      return new ProfileError(
        'network',
        `Could not reach ${credentials.baseUrl}${suffix}. Check the base URL and your network connection; nothing was saved.`,
      );
    default:
      return new ProfileError(
        'verification-failed',
        `The credentials could not be verified${suffix}; nothing was saved.`,
      );
  }
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
      const { name, ...credentials }: { name: string } & ProfileCredentials = checkAll({
        name: () => checkName(input.name, existing),
        accountId: () => checkAccountId(input.accountId),
        username: () => checkUsername(input.username),
        password: () => checkPassword(input.password),
        baseUrl: () => checkBaseUrl(input.baseUrl ?? BANDWIDTH_PRODUCTION_BASE_URL),
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
      const profile: Profile = { id: this.#newId(), name, kind: 'bandwidth', ...rest };
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
