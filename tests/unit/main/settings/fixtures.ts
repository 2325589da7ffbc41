import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import {
  migrateSettings,
  SETTINGS_SCHEMA_VERSION,
  SettingsStore,
  type Profile,
} from '../../../../src-main/settings';

export const FIXED_NOW = new Date('2025-03-04T05:06:07.089Z');

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'patchbay-settings-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function openStore(dir: string): SettingsStore {
  return new SettingsStore({ cwd: dir, now: () => FIXED_NOW });
}

/** A throwaway settings folder per test (registers beforeEach/afterEach; read `dir` in tests). */
export function useTempDir(): { readonly dir: string } {
  let dir = '';
  let cleanup: () => Promise<void> = async () => undefined;
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());
  return {
    get dir() {
      return dir;
    },
  };
}

/** A Bandwidth profile as the settings store keeps it. */
export const PROD_PROFILE: Readonly<Profile> = Object.freeze({
  id: 'p-prod',
  name: 'Production',
  kind: 'bandwidth',
  accountId: '9900000',
  username: 'api',
  baseUrl: 'https://api.webrtc.bandwidth.com/v1',
});

/**
 * An older settings file migrates to the current version with nothing but its version changed, and
 * the store opened on it says so; returns that store.
 */
export async function openMigratedUnchanged(
  dir: string,
  raw: { schemaVersion: number } & Record<string, unknown>,
): Promise<SettingsStore> {
  const fromVersion = raw.schemaVersion;
  expect(migrateSettings(structuredClone(raw), FIXED_NOW)).toEqual({
    settings: { ...raw, schemaVersion: SETTINGS_SCHEMA_VERSION },
    fromVersion,
  });
  await writeFile(join(dir, 'settings.json'), JSON.stringify(raw));
  const store = openStore(dir);
  expect(store.loadReport).toEqual({
    status: 'migrated',
    fromVersion,
    toVersion: SETTINGS_SCHEMA_VERSION,
  });
  return store;
}
