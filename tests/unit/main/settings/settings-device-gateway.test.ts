import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LOCAL_DEMO_PROFILE,
  LOCAL_DEMO_PROFILE_ID,
  SETTINGS_SCHEMA_VERSION,
  SettingsError,
} from '../../../../src-main/settings';
import { openMigratedUnchanged, openStore, PROD_PROFILE, useTempDir } from './fixtures';

const folder = useTempDir();

const prod = { ...PROD_PROFILE };
const v4 = {
  schemaVersion: 4,
  profiles: [{ ...LOCAL_DEMO_PROFILE }, { ...prod, supervisor: { displayName: 'Dana Reyes' } }],
  watchedSessions: {},
  participantRoles: {},
  preferences: { pollFastMs: 1000, pollSlowMs: 10000, confirmations: true, theme: 'dark' },
  window: { bounds: null, maximized: false },
};

describe('settings version 5: a profile may name its device gateway', () => {
  it('migrates version 4 to 5 without changing anything (no stored gateway: Bandwidth’s default)', async () => {
    const store = await openMigratedUnchanged(folder.dir, v4);
    expect(store.getProfile('p-prod')).toEqual(v4.profiles[1]);
    expect(store.getProfile(LOCAL_DEMO_PROFILE_ID)?.deviceGatewayUrl).toBeUndefined();
    expect(SETTINGS_SCHEMA_VERSION).toBe(5);
    expect(JSON.parse(await readFile(join(folder.dir, 'settings.json'), 'utf8'))).toMatchObject({
      schemaVersion: 5,
    });
  });

  it('sets, persists and clears a Bandwidth profile’s gateway', () => {
    const store = openStore(folder.dir);
    store.addProfile(prod);
    store.setProfileDeviceGateway('p-prod', 'wss://gw.example.com:8443');
    expect(openStore(folder.dir).getProfile('p-prod')?.deviceGatewayUrl).toBe(
      'wss://gw.example.com:8443',
    );
    store.setProfileDeviceGateway('p-prod', null);
    expect(openStore(folder.dir).getProfile('p-prod')).toEqual(prod);
  });

  it('refuses a bad or unnormalised URL and any gateway on the Local demo, changing nothing', async () => {
    const store = openStore(folder.dir);
    store.addProfile(prod);
    store.setProfileDeviceGateway('p-prod', 'wss://gw.example.com');
    const before = await readFile(join(folder.dir, 'settings.json'), 'utf8');
    expect(() => store.setProfileDeviceGateway('p-prod', 'wss://gw.example.com/v3')).toThrow(
      /Invalid profile device gateway: profiles\.1\.deviceGatewayUrl: The device gateway URL must not end in \/v3/,
    );
    expect(() => store.setProfileDeviceGateway('p-prod', 'https://gw.example.com')).toThrow(
      /must start with wss:\/\//,
    );
    expect(() => store.setProfileDeviceGateway('p-prod', 'wss://gw.example.com/')).toThrow(
      /is not normalised/,
    );
    expect(() =>
      store.setProfileDeviceGateway(LOCAL_DEMO_PROFILE_ID, 'ws://127.0.0.1:5170'),
    ).toThrow(/the Local demo's device gateway is the embedded local API's own/);
    expect(() => store.setProfileDeviceGateway('nope', 'wss://gw.example.com')).toThrow(
      SettingsError,
    );
    expect(await readFile(join(folder.dir, 'settings.json'), 'utf8')).toBe(before);
    expect(store.getProfile('p-prod')?.deviceGatewayUrl).toBe('wss://gw.example.com');
  });

  it('keeps a file whose Local demo names a gateway aside, rather than trusting it', async () => {
    const local = { ...LOCAL_DEMO_PROFILE, deviceGatewayUrl: 'wss://elsewhere.example.com' };
    await writeFile(
      join(folder.dir, 'settings.json'),
      JSON.stringify({ ...v4, schemaVersion: 5, profiles: [local, prod] }),
    );
    const store = openStore(folder.dir);
    expect(store.loadReport).toMatchObject({ status: 'recovered' });
    expect(store.getProfile(LOCAL_DEMO_PROFILE_ID)?.deviceGatewayUrl).toBeUndefined();
  });
});
