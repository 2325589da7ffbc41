import { createRequire } from 'node:module';
import {
  KEYCHAIN_SERVICE,
  KeychainModuleMissingError,
  KeychainUnavailableError,
  type KeychainAvailability,
  type SecretStore,
} from './secret-store';
import { redactSecrets } from './scrubber';

/** The part of keytar this store uses. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export interface KeytarSecretStoreOptions {
  /** Defaults to `Patchbay`. */
  service?: string;
  /** How keytar is loaded; defaults to requiring the native module on first use. */
  loadKeytar?: () => Promise<KeytarApi>;
}

/** The account used to probe availability; never written. */
const PROBE_ACCOUNT = '__patchbay_keychain_probe__';
const MAX_ID_LENGTH = 256;
const MAX_PASSWORD_LENGTH = 4096;

async function loadNativeKeytar(): Promise<KeytarApi> {
  // Lazy, so that a missing or broken native module is a clear error at first use, not a crash at
  // import time; async, so that require's synchronous throw (keytar left out by npm because its
  // build failed) becomes a rejection. createRequire keeps it a plain CommonJS load for both Node
  // and the Electron bundle.
  const require = createRequire(import.meta.url);
  return require('keytar') as KeytarApi;
}

function describe(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return typeof error === 'string' && error ? error : 'unknown keychain error';
}

function checkProfileId(profileId: string): void {
  if (typeof profileId !== 'string' || profileId.length === 0 || profileId.length > MAX_ID_LENGTH) {
    throw new TypeError('A keychain entry needs a profile id of 1 to 256 characters.');
  }
}

/** The SecretStore over the OS keychain through keytar: service `Patchbay`, account = profile id. */
export class KeytarSecretStore implements SecretStore {
  readonly #service: string;
  readonly #load: () => Promise<KeytarApi>;
  #keytar: Promise<KeytarApi> | undefined;

  constructor(options: KeytarSecretStoreOptions = {}) {
    this.#service = options.service ?? KEYCHAIN_SERVICE;
    this.#load = options.loadKeytar ?? loadNativeKeytar;
  }

  async get(profileId: string): Promise<string | null> {
    checkProfileId(profileId);
    return this.#call((k) => k.getPassword(this.#service, profileId));
  }

  async set(profileId: string, password: string): Promise<void> {
    checkProfileId(profileId);
    if (typeof password !== 'string' || password.length === 0) {
      throw new TypeError('A keychain entry needs a non-empty password.');
    }
    if (password.length > MAX_PASSWORD_LENGTH) {
      throw new TypeError(`A password may be at most ${MAX_PASSWORD_LENGTH} characters.`);
    }
    await this.#call((k) => k.setPassword(this.#service, profileId, password), password);
  }

  async delete(profileId: string): Promise<boolean> {
    checkProfileId(profileId);
    return this.#call((k) => k.deletePassword(this.#service, profileId));
  }

  async available(): Promise<KeychainAvailability> {
    try {
      await this.#call((k) => k.getPassword(this.#service, PROBE_ACCOUNT));
      return { ok: true };
    } catch (error) {
      if (error instanceof KeychainModuleMissingError) {
        return { ok: false, reason: error.reason, moduleMissing: true };
      }
      if (error instanceof KeychainUnavailableError) return { ok: false, reason: error.reason };
      throw error;
    }
  }

  async #keytarApi(): Promise<KeytarApi> {
    // Through a promise chain, so that a loader that throws synchronously is a rejection too.
    this.#keytar ??= Promise.resolve()
      .then(this.#load)
      .catch((error: unknown) => {
        this.#keytar = undefined; // a later call may try again (for example after a fix)
        throw new KeychainModuleMissingError(
          `the keytar native module could not be loaded (${describe(error)})`,
        );
      });
    return this.#keytar;
  }

  async #call<T>(operation: (keytar: KeytarApi) => Promise<T>, secret?: string): Promise<T> {
    const keytar = await this.#keytarApi();
    try {
      return await operation(keytar);
    } catch (error) {
      throw new KeychainUnavailableError(redactSecrets(describe(error), [secret]));
    }
  }
}
