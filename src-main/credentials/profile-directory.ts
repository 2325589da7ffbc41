/**
 * A profile's call directory: its feed URL in settings, its bearer token in the keychain under its
 * own entry (`directory:<profileId>`), never in settings, never to the renderer, never in an error.
 * Setting one checks the fields, reads the feed once with the token, then the keychain; nothing is
 * saved unless all of that succeeds (a token replaced in the keychain is put back if settings
 * cannot be written). The Local demo's directory is the embedded feed with an in-process token.
 */
import { DirectoryRequestError, fetchFeed, type DirectoryFailureKind } from '../directory/http';
import { LOCAL_DEMO_PROFILE_ID, type Profile } from '../settings/schema';
import type { SettingsStore } from '../settings/settings-store';
import { checkAll, ProfileError } from './profile-validation';
import { redactSecrets } from './scrubber';
import { keychainError, type SecretStore } from './secret-store';

/** Where a directory feed is and its token. Main process only. */
export interface DirectoryCredentials {
  url: string;
  token: string;
}

export interface NewProfileDirectory {
  url: string;
  token: string;
}

export type VerifyDirectoryResult =
  { ok: true; calls: number } | { ok: false; kind: DirectoryFailureKind; message: string };
/** One read of the feed with the token (default: a real GET, see verifyDirectoryFeed). */
export type VerifyDirectory = (source: DirectoryCredentials) => Promise<VerifyDirectoryResult>;
/** The embedded local API's feed, for the built-in Local demo profile. */
export type LocalDirectoryProvider = () => DirectoryCredentials;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The keychain entry of a profile's directory token (the account password's is the profile id). */
export function directorySecretKey(profileId: string): string {
  return `directory:${profileId}`;
}

function checkDirectoryUrl(value: unknown): string {
  const fail = (why: string): never => {
    throw new ProfileError('invalid-directory-url', `The directory URL ${why}.`, 'directoryUrl');
  };
  let url: URL;
  try {
    url = new URL(typeof value === 'string' ? value.trim() : '');
  } catch {
    return fail('is not a valid URL (for example https://cc.example.com/directory/v1/calls)');
  }
  const loopback = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !loopback) {
    fail('must use https (plain http is allowed only for localhost)');
  }
  if (url.username || url.password) fail('must not contain credentials; enter the token instead');
  if (url.hash) fail('must not have a fragment');
  if (url.href.length > 2048) fail('must be at most 2048 characters');
  return url.href;
}

function checkDirectoryToken(value: unknown): string {
  const token = typeof value === 'string' ? value.trim() : '';
  if (!/^[\x21-\x7e]{1,4096}$/.test(token)) {
    throw new ProfileError(
      'invalid-directory-token',
      'The directory token must be 1 to 4096 printable characters without spaces (it is sent as "Authorization: Bearer <token>").',
      'directoryToken',
    );
  }
  return token;
}

/** The default verification: one GET of the feed, parsed. */
export const verifyDirectoryFeed: VerifyDirectory = async ({ url, token }) => {
  try {
    const answer = await fetchFeed({ url, token, timeoutMs: 10_000, maxBytes: 4 * 1024 * 1024 });
    return { ok: true, calls: answer.kind === 'snapshot' ? answer.snapshot.calls.length : 0 };
  } catch (error) {
    if (error instanceof DirectoryRequestError) {
      return { ok: false, kind: error.kind, message: error.message };
    }
    throw error;
  }
};

function verifyFailure(
  result: Extract<VerifyDirectoryResult, { ok: false }>,
  token: string,
): ProfileError {
  const message = `${redactSecrets(result.message, [token])} Nothing was saved.`;
  if (result.kind === 'unauthorized' || result.kind === 'forbidden') {
    return new ProfileError('directory-rejected', message, 'directoryToken');
  }
  if (result.kind === 'bad-feed' || result.kind === 'not-json' || result.kind === 'too-large') {
    return new ProfileError('directory-invalid', message, 'directoryUrl');
  }
  return new ProfileError('directory-unreachable', message, 'directoryUrl');
}

export interface DirectoryDeps {
  settings: SettingsStore;
  secrets: SecretStore;
  verify: VerifyDirectory;
}

/** Checks, verifies with one read, then checks the keychain and stores the token and the URL. */
export async function setProfileDirectory(
  deps: DirectoryDeps,
  profile: Profile,
  input: NewProfileDirectory,
): Promise<Profile> {
  if (profile.kind === 'local') {
    throw new ProfileError(
      'builtin-profile',
      "The Local demo's directory is built in: it is the embedded demo contact center's feed.",
    );
  }
  // Both fields at once; then the feed is read with them, and only then is the keychain touched.
  const { url, token } = checkAll({
    url: () => checkDirectoryUrl(input.url),
    token: () => checkDirectoryToken(input.token),
  });
  let result: VerifyDirectoryResult;
  try {
    result = await deps.verify({ url, token });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'unexpected error';
    result = {
      ok: false,
      kind: 'network',
      message: `The directory could not be read (${message}).`,
    };
  }
  if (!result.ok) throw verifyFailure(result, token);
  const keychain = await deps.secrets.available();
  if (!keychain.ok) throw keychainError(keychain, { checked: 'directory' });

  const key = directorySecretKey(profile.id);
  const previous = await deps.secrets.get(key);
  await deps.secrets.set(key, token);
  try {
    return deps.settings.setProfileDirectory(profile.id, { url });
  } catch (error) {
    if (previous === null) await deps.secrets.delete(key).catch(() => false);
    else await deps.secrets.set(key, previous).catch(() => undefined);
    throw error;
  }
}

/** Forgets a profile's directory: the URL in settings and the token in the keychain. */
export async function clearProfileDirectory(
  deps: DirectoryDeps,
  profile: Profile,
): Promise<Profile> {
  if (profile.kind === 'local') {
    throw new ProfileError('builtin-profile', "The Local demo's directory is built in.");
  }
  const cleared = deps.settings.setProfileDirectory(profile.id, null);
  await deps.secrets.delete(directorySecretKey(profile.id));
  return cleared;
}

/** The feed and its token for main-process requests; undefined when the profile has none. */
export async function profileDirectorySource(
  secrets: SecretStore,
  profile: Profile,
  local: LocalDirectoryProvider | undefined,
): Promise<DirectoryCredentials | undefined> {
  if (profile.id === LOCAL_DEMO_PROFILE_ID || profile.kind === 'local') return local?.();
  if (profile.directory === undefined) return undefined;
  const token = await secrets.get(directorySecretKey(profile.id));
  if (token === null) {
    throw new ProfileError(
      'credentials-missing',
      `The keychain holds no directory token for profile "${profile.name}"; set its directory again.`,
    );
  }
  return { url: profile.directory.url, token };
}
