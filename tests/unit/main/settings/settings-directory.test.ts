import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LOCAL_DEMO_PROFILE,
  LOCAL_DEMO_PROFILE_ID,
  SettingsError,
} from '../../../../src-main/settings';
import { FIXED_NOW, openMigratedUnchanged, openStore, PROD_PROFILE, useTempDir } from './fixtures';

const folder = useTempDir();

const prod = { ...PROD_PROFILE };
const v2 = {
  schemaVersion: 2,
  profiles: [{ ...LOCAL_DEMO_PROFILE }, prod],
  watchedSessions: { 'p-prod': [{ id: 's1', label: 'x', addedAt: FIXED_NOW.toISOString() }] },
  participantRoles: { 'p-prod': { p1: 'agent' } },
  preferences: { pollFastMs: 1000, pollSlowMs: 10000, confirmations: true, theme: 'dark' },
  window: { bounds: null, maximized: false },
};

describe('settings version 3: a profile directory', () => {
  it('migrates version 2 to 3 (and on to 5) without changing anything else (no profile has a directory yet)', async () => {
    const store = await openMigratedUnchanged(folder.dir, v2);
    expect(store.getProfile('p-prod')).toEqual(prod);
    expect(store.getParticipantRoles('p-prod')).toEqual({ p1: 'agent' });
  });

  it('sets, persists and clears a directory URL', async () => {
    const store = openStore(folder.dir);
    store.addProfile({ ...prod, kind: 'bandwidth' });
    store.setProfileDirectory('p-prod', { url: 'https://cc.example.test/directory/v1/calls' });
    expect(openStore(folder.dir).getProfile('p-prod')?.directory).toEqual({
      url: 'https://cc.example.test/directory/v1/calls',
    });
    store.setProfileDirectory('p-prod', null);
    expect(openStore(folder.dir).getProfile('p-prod')).toEqual(prod);
  });

  it('refuses a bad URL, a token field, and a directory on the Local demo, changing nothing', async () => {
    const store = openStore(folder.dir);
    store.addProfile({ ...prod, kind: 'bandwidth' });
    const before = await readFile(join(folder.dir, 'settings.json'), 'utf8');
    expect(() => store.setProfileDirectory('p-prod', { url: 'ftp://x.test/' })).toThrow(
      SettingsError,
    );
    expect(() =>
      store.setProfileDirectory('p-prod', { url: 'https://x.test/', token: 's' } as never),
    ).toThrow(/Invalid profile directory/);
    expect(() =>
      store.setProfileDirectory(LOCAL_DEMO_PROFILE_ID, { url: 'https://x.test/' }),
    ).toThrow(/Local demo's directory is built in/);
    expect(await readFile(join(folder.dir, 'settings.json'), 'utf8')).toBe(before);
    expect(store.getProfile('p-prod')?.directory).toBeUndefined();
  });
});
