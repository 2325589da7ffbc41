import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_DEMO_PROFILE, migrateSettings, SettingsError } from '../../../../src-main/settings';
import { FIXED_NOW, openStore, tempDir } from './fixtures';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

const prod = {
  id: 'p-prod',
  name: 'Production',
  kind: 'bandwidth' as const,
  accountId: '9900000',
  username: 'api',
  baseUrl: 'https://api.webrtc.bandwidth.com/v1',
};
const v3 = {
  schemaVersion: 3,
  profiles: [{ ...LOCAL_DEMO_PROFILE }, { ...prod, directory: { url: 'https://cc.test/d' } }],
  watchedSessions: {},
  participantRoles: { 'p-prod': { p1: 'agent' } },
  preferences: { pollFastMs: 1000, pollSlowMs: 10000, confirmations: true, theme: 'dark' },
  window: { bounds: null, maximized: false },
};

describe('settings version 4: each profile knows its supervisor', () => {
  it('migrates version 3 to 4 without changing anything else (no profile has a supervisor yet)', async () => {
    expect(migrateSettings(structuredClone(v3), FIXED_NOW)).toEqual({
      settings: { ...v3, schemaVersion: 4 },
      fromVersion: 3,
    });
    await writeFile(join(dir, 'settings.json'), JSON.stringify(v3));
    const store = openStore(dir);
    expect(store.loadReport).toEqual({ status: 'migrated', fromVersion: 3, toVersion: 4 });
    expect(store.getProfile('p-prod')?.supervisor).toBeUndefined();
    expect(store.getProfile('p-prod')?.directory).toEqual({ url: 'https://cc.test/d' });
  });

  it('sets (trimmed), persists and clears the display name', () => {
    const store = openStore(dir);
    store.addProfile(prod);
    store.setProfileSupervisor('p-prod', { displayName: '  Dana Reyes ' });
    expect(openStore(dir).getProfile('p-prod')?.supervisor).toEqual({ displayName: 'Dana Reyes' });
    store.setProfileSupervisor('p-prod', null);
    expect(openStore(dir).getProfile('p-prod')).toEqual(prod);
  });

  it('refuses an empty, over-long or control-character name and an unknown profile, changing nothing', async () => {
    const store = openStore(dir);
    store.addProfile(prod);
    store.setProfileSupervisor('p-prod', { displayName: 'Dana Reyes' });
    const before = await readFile(join(dir, 'settings.json'), 'utf8');
    for (const displayName of ['   ', 'x'.repeat(81), 'Dana\nReyes']) {
      expect(() => store.setProfileSupervisor('p-prod', { displayName })).toThrow(SettingsError);
    }
    expect(() =>
      store.setProfileSupervisor('p-prod', { displayName: 'D', token: 's' } as never),
    ).toThrow(/Invalid profile supervisor/);
    expect(() => store.setProfileSupervisor('nope', { displayName: 'D' })).toThrow(
      /no profile with id "nope"/,
    );
    expect(await readFile(join(dir, 'settings.json'), 'utf8')).toBe(before);
    expect(store.getProfile('p-prod')?.supervisor).toEqual({ displayName: 'Dana Reyes' });
  });
});
