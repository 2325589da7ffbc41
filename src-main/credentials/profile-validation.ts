/**
 * Checks for a new Bandwidth profile's fields. Each failure is a ProfileError naming the field;
 * messages never echo what was typed (a password pasted into the wrong field must not leak).
 */
import type { Profile } from '../settings/schema';
import { checkDeviceGatewayUrl } from '../shared/device-gateway';

export type ProfileErrorCode =
  | 'invalid-name'
  | 'duplicate-name'
  | 'invalid-account-id'
  | 'invalid-username'
  | 'invalid-password'
  | 'invalid-base-url'
  | 'invalid-device-gateway'
  | 'invalid-fields'
  | 'profile-not-found'
  | 'builtin-profile'
  | 'credentials-rejected'
  | 'no-webrtc-access'
  | 'not-webrtc-api'
  | 'network'
  | 'verification-failed'
  | 'credentials-missing'
  | 'invalid-directory-url'
  | 'invalid-directory-token'
  | 'directory-rejected'
  | 'directory-invalid'
  | 'directory-unreachable';

/** One field's problem, shaped like the dispatcher's validation issues (`path` is the field). */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

export class ProfileError extends Error {
  readonly code: ProfileErrorCode;
  readonly field: string | undefined;
  /** Every field that is wrong, each with its own message (one for a single-field error). */
  readonly fields: readonly FieldProblem[];

  constructor(code: ProfileErrorCode, message: string, field?: string, fields?: FieldProblem[]) {
    super(message);
    this.name = 'ProfileError';
    this.code = code;
    this.field = field;
    this.fields = fields ?? (field === undefined ? [] : [{ path: field, message }]);
  }
}

/**
 * Runs every check and reports all the fields that fail at once: one failing field is its own
 * error (its code and message); several are one `invalid-fields` error listing each.
 */
export function checkAll<T extends Record<string, () => unknown>>(
  checks: T,
): { [K in keyof T]: ReturnType<T[K]> } {
  const values: Record<string, unknown> = {};
  const failed: ProfileError[] = [];
  for (const [key, check] of Object.entries(checks)) {
    try {
      values[key] = check();
    } catch (error) {
      if (!(error instanceof ProfileError)) throw error;
      failed.push(error);
    }
  }
  const [first] = failed;
  if (first === undefined) return values as { [K in keyof T]: ReturnType<T[K]> };
  if (failed.length === 1) throw first;
  throw new ProfileError(
    'invalid-fields',
    `${failed.length} fields need attention: ${failed.map((e) => e.message).join(' ')}`,
    first.field,
    failed.flatMap((e) => e.fields),
  );
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function checkName(value: unknown, existing: readonly Profile[], selfId?: string): string {
  const name = text(value).trim();
  if (name.length === 0 || name.length > 60 || CONTROL.test(name)) {
    throw new ProfileError('invalid-name', 'The profile name must be 1 to 60 characters.', 'name');
  }
  const taken = existing.some(
    (p) => p.id !== selfId && p.name.toLowerCase() === name.toLowerCase(),
  );
  if (taken)
    throw new ProfileError('duplicate-name', 'Another profile already has this name.', 'name');
  return name;
}

export function checkAccountId(value: unknown): string {
  const accountId = text(value).trim();
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(accountId)) {
    throw new ProfileError(
      'invalid-account-id',
      "The account id must be 1 to 64 letters, digits, '-' or '_' (Bandwidth account ids are numbers such as 9900000).",
      'accountId',
    );
  }
  return accountId;
}

export function checkUsername(value: unknown): string {
  const username = text(value).trim();
  if (username.length === 0 || username.length > 128 || CONTROL.test(username)) {
    throw new ProfileError(
      'invalid-username',
      'The API username must be 1 to 128 characters.',
      'username',
    );
  }
  if (username.includes(':')) {
    throw new ProfileError(
      'invalid-username',
      "The API username cannot contain ':' (HTTP Basic auth forbids it).",
      'username',
    );
  }
  return username;
}

export function checkPassword(value: unknown): string {
  const password = text(value);
  if (password.length === 0 || password.length > 1024) {
    throw new ProfileError(
      'invalid-password',
      'The API password must be 1 to 1024 characters.',
      'password',
    );
  }
  if (CONTROL.test(password)) {
    throw new ProfileError(
      'invalid-password',
      'The API password cannot contain line breaks or control characters.',
      'password',
    );
  }
  return password;
}

/** A valid API base URL, normalised without a trailing slash. */
export function checkBaseUrl(value: unknown): string {
  const fail = (why: string): never => {
    throw new ProfileError('invalid-base-url', `The API base URL ${why}.`, 'baseUrl');
  };
  let url: URL;
  try {
    url = new URL(text(value).trim());
  } catch {
    return fail('is not a valid URL (for example https://api.webrtc.bandwidth.com/v1)');
  }
  if (
    url.protocol !== 'https:' &&
    !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))
  ) {
    fail('must use https (plain http is allowed only for localhost)');
  }
  if (url.username || url.password) {
    fail('must not contain credentials; enter them in the username and password fields');
  }
  if (url.search || url.hash) fail('must not have a query string or fragment');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** A valid device gateway base URL (`wss://host[:port]`; the SDK appends `/v3/` itself). */
export function checkDeviceGateway(value: unknown): string {
  const checked = checkDeviceGatewayUrl(text(value));
  if (!checked.ok) {
    throw new ProfileError('invalid-device-gateway', checked.message, 'deviceGatewayUrl');
  }
  return checked.url;
}
