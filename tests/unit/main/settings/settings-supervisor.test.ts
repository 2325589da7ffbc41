import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCAL_DEMO_PROFILE, SettingsError } from '../../../../src-main/settings';
import { openMigratedUnchanged, openStore, PROD_PROFILE, useTempDir } from './fixtures';

const folder = useTempDir();

const prod = { ...PROD_PROFILE };
const v3 = {
  schemaVersion: 3,
  profiles: [{ ...LOCAL_DEMO_PROFILE }, { ...prod, directory: { url: 'https://cc.test/d' } }],
  watchedSessions: {},
  participantRoles: { 'p-prod': { p1: 'agent' } },
  preferences: { pollFastMs: 1000, pollSlowMs: 10000, confirmations: true, theme: 'dark' },
  window: { bounds: null, maximized: false },
};

describe('settings version 4: each profile knows its supervisor', () => {
  it('migrates version 3 to 4 (and on to 5) without changing anything else (no profile has a supervisor yet)', async () => {
    const store = await openMigratedUnchanged(folder.dir, v3);
    expect(store.getProfile('p-prod')?.supervisor).toBeUndefined();
    expect(store.getProfile('p-prod')?.directory).toEqual({ url: 'https://cc.test/d' });
  });

  it('sets (trimmed), persists and clears the display name', () => {
    const store = openStore(folder.dir);
    store.addProfile(prod);
    store.setProfileSupervisor('p-prod', { displayName: '  Dana Reyes ' });
    expect(openStore(folder.dir).getProfile('p-prod')?.supervisor).toEqual({
      displayName: 'Dana Reyes',
    });
    store.setProfileSupervisor('p-prod', null);
    expect(openStore(folder.dir).getProfile('p-prod')).toEqual(prod);
  });

  it('refuses an empty, over-long or control-character name and an unknown profile, changing nothing', async () => {
    const store = openStore(folder.dir);
    store.addProfile(prod);
    store.setProfileSupervisor('p-prod', { displayName: 'Dana Reyes' });
    const before = await readFile(join(folder.dir, 'settings.json'), 'utf8');
    for (const displayName of ['   ', 'x'.repeat(81), 'Dana\nReyes']) {
      expect(() => store.setProfileSupervisor('p-prod', { displayName })).toThrow(SettingsError);
    }
    expect(() =>
      store.setProfileSupervisor('p-prod', { displayName: 'D', token: 's' } as never),
    ).toThrow(/Invalid profile supervisor/);
    expect(() => store.setProfileSupervisor('nope', { displayName: 'D' })).toThrow(
      /no profile with id "nope"/,
    );
    expect(await readFile(join(folder.dir, 'settings.json'), 'utf8')).toBe(before);
    expect(store.getProfile('p-prod')?.supervisor).toEqual({ displayName: 'Dana Reyes' });
  });
});
