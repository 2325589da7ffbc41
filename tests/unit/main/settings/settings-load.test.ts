import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  LOCAL_DEMO_PROFILE,
  migrateSettings,
  SETTINGS_SCHEMA_VERSION,
  settingsSchema,
  SettingsVersionError,
} from '../../../../src-main/settings';
import { FIXED_NOW, openStore, tempDir } from './fixtures';

let dir: string;
let cleanup: () => Promise<void>;
let file: string;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  file = join(dir, 'settings.json');
});
afterEach(() => cleanup());

const v1 = {
  schemaVersion: 1,
  profiles: [
    {
      id: 'p-prod',
      name: 'Production',
      accountId: '9900000',
      username: 'api',
      baseUrl: 'https://api.webrtc.bandwidth.com/v1',
    },
  ],
  watchedSessions: { 'p-prod': ['sess-a', 'sess-b'] },
  preferences: { pollIntervalMs: 200, theme: 'dark' },
  windowBounds: { x: 5, y: 6, width: 1000, height: 700 },
  windowMaximized: true,
};

describe('settings migrations', () => {
  it('migrates version 1 to the current version (pure function)', () => {
    const { settings, fromVersion } = migrateSettings(structuredClone(v1), FIXED_NOW);
    expect(fromVersion).toBe(1);
    expect(settings).toMatchObject({
      schemaVersion: SETTINGS_SCHEMA_VERSION,
      profiles: [{ id: 'p-prod', kind: 'bandwidth' }],
      watchedSessions: {
        'p-prod': [{ id: 'sess-a', label: '', addedAt: FIXED_NOW.toISOString() }, { id: 'sess-b' }],
      },
      participantRoles: {},
      preferences: { pollFastMs: 500, pollSlowMs: 10_000, confirmations: true, theme: 'dark' },
      window: { bounds: { x: 5, y: 6, width: 1000, height: 700 }, maximized: true },
    });
    expect(settings).not.toHaveProperty('windowBounds');
  });

  it('migrates a version 1 file on open, adds the Local demo, and rewrites the file', async () => {
    await writeFile(file, JSON.stringify(v1));
    const store = openStore(dir);
    expect(store.loadReport).toEqual({
      status: 'migrated',
      fromVersion: 1,
      toVersion: SETTINGS_SCHEMA_VERSION,
    });
    expect(store.listProfiles().map((p) => p.id)).toEqual([LOCAL_DEMO_PROFILE.id, 'p-prod']);
    const onDisk: unknown = JSON.parse(await readFile(file, 'utf8'));
    expect(settingsSchema.parse(onDisk)).toEqual(store.snapshot());
    expect(openStore(dir).loadReport).toEqual({ status: 'loaded' });
  });

  it('takes a file without a version as version 1', async () => {
    const unversioned: Partial<typeof v1> = { ...v1 };
    delete unversioned.schemaVersion;
    await writeFile(file, JSON.stringify(unversioned));
    expect(openStore(dir).loadReport).toMatchObject({ status: 'migrated', fromVersion: 1 });
  });

  it('refuses unknown versions', () => {
    expect(() => migrateSettings({ schemaVersion: 99 }, FIXED_NOW)).toThrow(SettingsVersionError);
    expect(() => migrateSettings({ schemaVersion: 'two' }, FIXED_NOW)).toThrow(
      /not one Patchbay knows/,
    );
  });
});

describe('unusable settings files are kept aside, never deleted', () => {
  async function expectKeptAside(content: string, problem: RegExp): Promise<void> {
    await writeFile(file, content);
    const store = openStore(dir);
    expect(store.loadReport.status).toBe('recovered');
    if (store.loadReport.status !== 'recovered') return;
    expect(store.loadReport.problem).toMatch(problem);
    expect(store.loadReport.keptAt).toBe(`${file}.corrupt-20250304T050607089Z`);
    expect(store.loadReport.message).toContain(store.loadReport.keptAt);
    expect(await readFile(store.loadReport.keptAt, 'utf8')).toBe(content);
    expect(store.listProfiles()).toEqual([LOCAL_DEMO_PROFILE]);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
      schemaVersion: SETTINGS_SCHEMA_VERSION,
    });
  }

  it('a damaged (cut short) JSON file', () =>
    expectKeptAside('{"schemaVersion":2,"profi', /not valid JSON/));
  it('JSON that is not an object', () => expectKeptAside('[1,2,3]', /does not hold a JSON object/));
  it('a file from a newer Patchbay', () =>
    expectKeptAside(JSON.stringify({ schemaVersion: 7 }), /newer Patchbay \(settings version 7/));
  it('a file that breaks the schema (a password field)', () =>
    expectKeptAside(
      JSON.stringify({
        ...settingsSchema.parse(openStoreSnapshot()),
        profiles: [{ ...LOCAL_DEMO_PROFILE, password: 'x' }],
      }),
      /does not match the settings schema.*password/,
    ));

  it('does not touch other files in the folder', async () => {
    await writeFile(file, 'garbage');
    openStore(dir);
    expect((await readdir(dir)).sort()).toEqual([
      'settings.json',
      'settings.json.corrupt-20250304T050607089Z',
    ]);
  });
});

function openStoreSnapshot(): unknown {
  return {
    schemaVersion: SETTINGS_SCHEMA_VERSION,
    profiles: [LOCAL_DEMO_PROFILE],
    watchedSessions: {},
    participantRoles: {},
    preferences: { pollFastMs: 1000, pollSlowMs: 10_000, confirmations: true, theme: 'system' },
    window: { bounds: null, maximized: false },
  };
}
