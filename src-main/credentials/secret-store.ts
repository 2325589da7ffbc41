/**
 * Where account passwords live: the OS keychain, behind one small interface. Main process only.
 * There is deliberately no file-backed implementation: if the keychain is unavailable, callers get a
 * `KeychainUnavailableError` and the password is not stored anywhere.
 */

/** The keychain service name every Patchbay secret is stored under (account = profile id). */
export const KEYCHAIN_SERVICE = 'Patchbay';

export type KeychainAvailability = { ok: true } | { ok: false; reason: string };

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
