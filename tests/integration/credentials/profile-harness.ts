/** Shared setup for the ProfileService tests: a throwaway settings folder, the real keychain, a fake verify. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as KeytarModule from 'keytar';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import {
  KEYCHAIN_SERVICE,
  KeytarSecretStore,
  ProfileService,
  type NewBandwidthProfile,
  type ProfileCredentials,
  type SecretStore,
  type VerifyCredentials,
} from '../../../src-main/credentials';
import { SettingsStore } from '../../../src-main/settings';

export const keytar = createRequire(import.meta.url)('keytar') as typeof KeytarModule;
export const PASSWORD = 'pw-Zq9!unique-SECRET-7781';
export const LOCAL: ProfileCredentials = {
  baseUrl: 'http://127.0.0.1:4010/v1',
  accountId: 'local',
  username: 'local-user',
  password: 'local-api-pw',
};
export const input: NewBandwidthProfile = {
  name: 'Production',
  accountId: '9900000',
  username: 'api-user',
  password: PASSWORD,
  baseUrl: 'https://api.webrtc.bandwidth.com/v1/',
};

export interface ProfileHarness {
  readonly dir: string;
  readonly settings: SettingsStore;
  readonly verify: ReturnType<typeof vi.fn<VerifyCredentials>>;
  readonly service: ProfileService;
  build(secrets?: SecretStore, settings?: SettingsStore): ProfileService;
  /** This file's keychain entries only (other keychain test files may run at the same time). */
  keychainAccounts(): Promise<string[]>;
  /** Every file in the settings folder, concatenated. */
  settingsFiles(): Promise<string>;
  /** Profiles, settings files and keychain entries: what a refused change must leave alone. */
  state(): Promise<unknown>;
}

/** Registers beforeEach/afterEach; read the fields inside tests. */
export function useProfileHarness(tag: string): ProfileHarness {
  const prefix = `profile-${tag}-${process.pid}-`;
  let ids = 0;
  let dir = '';
  let settings: SettingsStore | undefined;
  let service: ProfileService | undefined;
  let verify = vi.fn<VerifyCredentials>();
  const harness: ProfileHarness = {
    get dir() {
      return dir;
    },
    get settings() {
      if (!settings) throw new Error('harness used outside a test');
      return settings;
    },
    get verify() {
      return verify;
    },
    get service() {
      if (!service) throw new Error('harness used outside a test');
      return service;
    },
    build: (secrets = new KeytarSecretStore(), store = harness.settings) =>
      new ProfileService({
        settings: store,
        secrets,
        verify,
        localCredentials: () => LOCAL,
        newId: () => `${prefix}${++ids}`,
      }),
    keychainAccounts: async () =>
      (await keytar.findCredentials(KEYCHAIN_SERVICE))
        .map((c) => c.account)
        .filter((a) => a.startsWith(prefix))
        .sort(),
    settingsFiles: async () => {
      const names = await readdir(dir);
      return (await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')))).join('\n');
    },
    state: async () => ({
      profiles: harness.service.list(),
      file: await harness.settingsFiles(),
      keychain: await harness.keychainAccounts(),
    }),
  };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'patchbay-profiles-'));
    settings = new SettingsStore({ cwd: dir });
    verify = vi.fn<VerifyCredentials>(() => Promise.resolve({ ok: true }));
    ids = 0;
    service = harness.build();
  });
  afterEach(async () => {
    for (const account of await harness.keychainAccounts()) {
      await keytar.deletePassword(KEYCHAIN_SERVICE, account);
    }
    await rm(dir, { recursive: true, force: true });
  });
  return harness;
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  const result = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(result).toBeInstanceOf(Error);
  return result as Error;
}
