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

/** The system keychain cannot be used: not installed, not running, locked, or keytar failed to load. */
export class KeychainUnavailableError extends Error {
  readonly code = 'keychain-unavailable';
  /** What the keychain layer reported, with any secret removed. */
  readonly reason: string;

  constructor(reason: string, platform: NodeJS.Platform = process.platform) {
    super(
      `The system keychain is unavailable: ${reason}. Patchbay keeps account passwords only in ` +
        `${keychainName(platform)} and never in a file; unlock or start it and try again.`,
    );
    this.name = 'KeychainUnavailableError';
    this.reason = reason;
  }
}

/**
 * keytar is an optional dependency: where it could not be compiled (no libsecret headers), npm
 * installs everything else and leaves it out. Adding a cloud profile then says what to do.
 */
export class KeychainModuleMissingError extends KeychainUnavailableError {
  constructor(reason: string, platform: NodeJS.Platform = process.platform) {
    super(reason, platform);
    this.name = 'KeychainModuleMissingError';
    const install =
      platform === 'linux' ? 'install libsecret-1-dev (Debian and Ubuntu), then run' : 'run';
    this.message =
      `The OS keychain library is not available in this installation: ${install} ` +
      '`npm install` again and restart Patchbay; nothing was stored.';
  }
}

/** The error for an unavailable keychain, telling a missing module from a keychain not running. */
export function keychainError(
  availability: Extract<KeychainAvailability, { ok: false }>,
): KeychainUnavailableError {
  return availability.moduleMissing
    ? new KeychainModuleMissingError(availability.reason)
    : new KeychainUnavailableError(availability.reason);
}
