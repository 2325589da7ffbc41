/**
 * Where account passwords live: the OS keychain, behind one small interface. Main process only.
 * There is deliberately no file-backed implementation: if the keychain is unavailable, callers get a
 * `KeychainUnavailableError` and the password is not stored anywhere.
 */

/** The keychain service name every Patchbay secret is stored under (account = profile id). */
export const KEYCHAIN_SERVICE = 'Patchbay';

export type KeychainAvailability =
  | { ok: true }
  | {
      ok: false;
      reason: string;
      /** The keychain module itself is missing (keytar could not be built at install time). */
      moduleMissing?: boolean;
    };

export interface SecretStore {
  /** The profile's password, or null when the keychain holds none for it. */
  get(profileId: string): Promise<string | null>;
  set(profileId: string, password: string): Promise<void>;
  /** True when an entry was deleted, false when there was none. */
  delete(profileId: string): Promise<boolean>;
  available(): Promise<KeychainAvailability>;
}

function keychainName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'the macOS Keychain';
  if (platform === 'win32') return 'the Windows Credential Manager';
  return 'the Secret Service (for example gnome-keyring or KWallet)';
}

/**
 * How a keychain failure is told: after a check passed (the API credentials, a directory feed), it
 * first says that what was typed works, so the supervisor knows only the keychain is in the way.
 */
export interface KeychainErrorContext {
  checked?: 'credentials' | 'directory';
}

const LEADS: Record<NonNullable<KeychainErrorContext['checked']>, string> = {
  credentials: 'The credentials work, but Patchbay cannot save the password because ',
  directory: 'The directory feed answered, but Patchbay cannot save its token because ',
};

function lead(context: KeychainErrorContext): string {
  return context.checked ? LEADS[context.checked] : '';
}

/**
 * The system keychain cannot be used: not installed, not running, locked, or keytar failed to load.
 * The message says what a supervisor can do; what the keychain layer reported (a D-Bus or X11
 * text) is kept apart, in `reason`, for a "details" disclosure.
 */
export class KeychainUnavailableError extends Error {
  readonly code = 'keychain-unavailable';
  /** What the keychain layer reported, with any secret removed. */
  readonly reason: string;

  constructor(
    reason: string,
    platform: NodeJS.Platform = process.platform,
    context: KeychainErrorContext = {},
  ) {
    const sentence =
      `the system keychain is unavailable (it is locked, or not running). Patchbay keeps account ` +
      `passwords only in ${keychainName(platform)} and never in a file: unlock or start it ` +
      '(logging in to your desktop session usually does), then try again.';
    const text = `${lead(context)}${sentence}${context.checked ? ' Nothing was saved.' : ''}`;
    super(`${text.charAt(0).toUpperCase()}${text.slice(1)}`);
    this.name = 'KeychainUnavailableError';
    this.reason = reason;
  }
}

/**
 * keytar is an optional dependency: where it could not be compiled (no libsecret headers), npm
 * installs everything else and leaves it out. Adding a cloud profile then says what to do.
 */
export class KeychainModuleMissingError extends KeychainUnavailableError {
  constructor(
    reason: string,
    platform: NodeJS.Platform = process.platform,
    context: KeychainErrorContext = {},
  ) {
    super(reason, platform, context);
    this.name = 'KeychainModuleMissingError';
    const install =
      platform === 'linux' ? 'install libsecret-1-dev (Debian and Ubuntu), then run' : 'run';
    const text =
      `${lead(context)}the OS keychain library is not available in this installation: ${install} ` +
      '`npm install` again and restart Patchbay; nothing was stored.';
    this.message = `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
  }
}

/** The error for an unavailable keychain, telling a missing module from a keychain not running. */
export function keychainError(
  availability: Extract<KeychainAvailability, { ok: false }>,
  context: KeychainErrorContext = {},
): KeychainUnavailableError {
  return availability.moduleMissing
    ? new KeychainModuleMissingError(availability.reason, process.platform, context)
    : new KeychainUnavailableError(availability.reason, process.platform, context);
}
