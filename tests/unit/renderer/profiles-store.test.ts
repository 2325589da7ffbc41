/** ProfilesStore against a fake bridge: listing, adding with per-field errors, rename, remove, switch. */
import { describe, expect, it } from 'vitest';
import { BusyStore } from '../../../src-renderer/lib/state/busy.svelte';
import { ProfilesStore } from '../../../src-renderer/lib/state/profiles.svelte';
import { ToastsStore } from '../../../src-renderer/lib/state/toasts.svelte';
import type { ProfileView, ProfilesState } from '../../../src-main/shared/contract';
import { fakeBridge, fail, ok, type Handlers } from './support/fake-bridge';

const LOCAL: ProfileView = {
  id: 'local-demo',
  name: 'Local demo',
  kind: 'local',
  accountId: 'local',
  username: 'local',
  baseUrl: 'http://127.0.0.1/v1',
};
const PROD: ProfileView = {
  id: 'p-1',
  name: 'Production',
  kind: 'bandwidth',
  accountId: '9900001',
  username: 'api-user',
  baseUrl: 'https://api.webrtc.bandwidth.com/v1',
};
const both: ProfilesState = { profiles: [LOCAL, PROD], activeId: LOCAL.id };
const form = {
  name: 'Production',
  accountId: '9900001',
  username: 'api-user',
  password: 's3cret',
  baseUrl: '',
  deviceGatewayUrl: '',
};

function setup(handlers: Handlers = {}) {
  const fake = fakeBridge({ 'profiles:list': () => ok(both), ...handlers });
  const toasts = new ToastsStore({ setTimer: () => 0 });
  const busy = new BusyStore({ setTimer: () => 0, clearTimer: () => undefined });
  const store = new ProfilesStore(fake.bridge, toasts, busy);
  return { fake, toasts, busy, store };
}

describe('ProfilesStore', () => {
  it('loads the list and the active profile, and tells the built-in one apart', async () => {
    const { store } = setup();
    await store.load();
    expect(store.profiles.map((p) => p.name)).toEqual(['Local demo', 'Production']);
    expect(store.active?.id).toBe('local-demo');
    expect(store.isBuiltIn(LOCAL)).toBe(true);
    expect(store.isBuiltIn(PROD)).toBe(false);
  });

  it('follows changes made elsewhere and reports a new active profile once', async () => {
    const { store, fake } = setup();
    const seen: string[] = [];
    store.onActiveChange((id) => seen.push(id));
    const off = store.connect();
    await Promise.resolve();
    await Promise.resolve();
    fake.emit('profiles:changed', { profiles: [LOCAL, PROD], activeId: PROD.id });
    fake.emit('profiles:changed', { profiles: [LOCAL, PROD], activeId: PROD.id });
    expect(store.active?.name).toBe('Production');
    expect(seen).toEqual(['local-demo', 'p-1']);
    off();
    expect(fake.listenerCount('profiles:changed')).toBe(0);
  });

  it('adds an account, sending no empty base URL, and confirms where the password went', async () => {
    const { store, fake, toasts } = setup({ 'profiles:add': () => ok(PROD) });
    await store.load();
    await expect(
      store.add({ ...form, name: 'Production', baseUrl: ' ', deviceGatewayUrl: '  ' }),
    ).resolves.toBe(true);
    expect(fake.inputs('profiles:add')).toEqual([
      { name: 'Production', accountId: '9900001', username: 'api-user', password: 's3cret' },
    ]);
    expect(toasts.polite[0]?.text).toContain('password is in the system keychain');
  });

  it('sends a base URL when one is given', async () => {
    const { store, fake } = setup({ 'profiles:add': () => ok(PROD) });
    await store.add({ ...form, baseUrl: 'https://example.com/v1 ' });
    expect(fake.inputs('profiles:add')[0]).toMatchObject({ baseUrl: 'https://example.com/v1' });
  });

  it('sends a device gateway when one is given', async () => {
    const { store, fake } = setup({ 'profiles:add': () => ok(PROD) });
    await store.add({ ...form, deviceGatewayUrl: ' wss://gw.example.com ' });
    expect(fake.inputs('profiles:add')[0]).toMatchObject({
      deviceGatewayUrl: 'wss://gw.example.com',
    });
  });

  it.each([
    ['invalid-account-id', 'accountId'],
    ['duplicate-name', 'name'],
    ['invalid-password', 'password'],
    ['invalid-base-url', 'baseUrl'],
    ['invalid-device-gateway', 'deviceGatewayUrl'],
  ] as const)('puts %s next to the %s field', async (code, field) => {
    const { store } = setup({ 'profiles:add': () => fail(code, `Bad ${field}.`) });
    await expect(store.add(form)).resolves.toBe(false);
    expect(store.fieldErrors).toEqual({ [field]: `Bad ${field}.` });
    expect(store.formError).toBeNull();
    store.clearAddErrors(field);
    expect(store.fieldErrors).toEqual({});
  });

  it.each([
    ['credentials-rejected', 'Bandwidth rejected these credentials (401): check them.'],
    ['no-webrtc-access', 'No WebRTC access (403). Ask Bandwidth support.'],
    ['network', 'Could not reach it. Check the base URL.'],
    [
      'keychain-unavailable',
      'The system keychain is unavailable: locked. Unlock it and try again.',
    ],
  ])('shows %s at form level, with its message', async (code, message) => {
    const { store, toasts } = setup({ 'profiles:add': () => fail(code, message) });
    await store.add(form);
    expect(store.formError).toBe(message);
    expect(store.fieldErrors).toEqual({});
    expect(toasts.items).toEqual([]);
  });

  it('marks every wrong field at once, from validation issues or main’s field list', async () => {
    const issues = [
      { path: 'name', message: 'The profile name must be 1 to 60 characters.' },
      { path: 'accountId', message: 'The account id must be 1 to 64 letters.' },
      { path: 'password', message: 'The API password must be 1 to 1024 characters.' },
    ];
    const { store } = setup({
      'profiles:add': () => fail('invalid-fields', '3 fields need attention.', issues),
    });
    await expect(store.add(form)).resolves.toBe(false);
    expect(store.fieldErrors).toEqual({
      name: 'The profile name must be 1 to 60 characters.',
      accountId: 'The account id must be 1 to 64 letters.',
      password: 'The API password must be 1 to 1024 characters.',
    });
    expect(store.formError).toBeNull();
  });

  it('keeps a keychain’s technical text apart, for a "details" disclosure', async () => {
    const { store } = setup({
      'profiles:add': () =>
        fail('keychain-unavailable', 'The credentials work, but Patchbay cannot save it.', {
          technical: 'Cannot autolaunch D-Bus without X11 $DISPLAY',
        }),
    });
    await store.add(form);
    expect(store.formError).toBe('The credentials work, but Patchbay cannot save it.');
    expect(store.formError).not.toContain('D-Bus');
    expect(store.formDetail).toBe('Cannot autolaunch D-Bus without X11 $DISPLAY');
    store.clearAddErrors();
    expect(store.formDetail).toBeNull();
  });

  it('clears earlier errors when trying again', async () => {
    const { store, fake } = setup({ 'profiles:add': () => fail('network', 'Down.') });
    await store.add(form);
    fake.handlers['profiles:add'] = () => ok(PROD);
    await store.add(form);
    expect(store.formError).toBeNull();
  });

  it('renames, and keeps a refusal next to that profile', async () => {
    const { store } = setup({
      'profiles:rename': ({ name }) =>
        name === 'Taken'
          ? fail('duplicate-name', 'Another profile already has this name.')
          : ok({ ...PROD, name }),
    });
    await store.load();
    await expect(store.rename(PROD.id, 'Taken')).resolves.toBe(false);
    expect(store.renameError(PROD.id)).toBe('Another profile already has this name.');
    await expect(store.rename(PROD.id, 'Prod EU')).resolves.toBe(true);
    expect(store.renameError(PROD.id)).toBeNull();
    expect(store.profiles[1]?.name).toBe('Prod EU');
  });

  it('removes a profile and says the keychain entry went with it', async () => {
    const { store, toasts } = setup({
      'profiles:remove': () => ok({ profiles: [LOCAL], activeId: LOCAL.id }),
    });
    await store.load();
    await expect(store.remove(PROD.id)).resolves.toBe(true);
    expect(store.profiles).toHaveLength(1);
    expect(toasts.polite[0]?.text).toBe(
      'Removed “Production” and deleted its password from the system keychain.',
    );
  });

  it('reports a refused removal (the built-in profile) as an error toast', async () => {
    const { store, toasts } = setup({
      'profiles:remove': () =>
        fail('builtin-profile', 'The built-in "Local demo" profile cannot be removed.'),
    });
    await store.load();
    await expect(store.remove(LOCAL.id)).resolves.toBe(false);
    expect(toasts.assertive[0]?.text).toContain('cannot be removed');
  });

  it('switches the active profile', async () => {
    const { store } = setup({ 'profiles:select': () => ok({ ...both, activeId: PROD.id }) });
    await store.load();
    const seen: string[] = [];
    store.onActiveChange((id) => seen.push(id));
    await expect(store.select(PROD.id)).resolves.toBe(true);
    expect(store.activeId).toBe(PROD.id);
    expect(seen).toEqual([PROD.id]);
  });

  it('shows why the list could not be loaded', async () => {
    const { store, toasts } = setup({
      'profiles:list': () => fail('disconnected', 'Lost the connection to the console host.'),
    });
    await store.load();
    expect(store.loaded).toBe(true);
    expect(store.loadError).toContain('Reload the window');
    expect(toasts.assertive).toHaveLength(1);
  });
});

describe('ProfilesStore: the supervisor who joins calls as "me"', () => {
  it('saves a trimmed name, clears an empty one, and keeps the list on a refusal', async () => {
    const named = { ...PROD, supervisor: { displayName: 'Dana Reyes' } };
    const { fake, store, toasts } = setup({
      'profiles:setSupervisor': ({ displayName }) =>
        displayName === 'x'.repeat(81)
          ? fail('invalid-settings', 'supervisor.displayName: must be at most 80 characters')
          : ok({ profiles: [LOCAL, displayName ? named : PROD], activeId: LOCAL.id }),
    });
    await store.load();
    expect(await store.setSupervisor(PROD.id, '  Dana Reyes ')).toBe(true);
    expect(store.profiles.find((p) => p.id === PROD.id)?.supervisor).toEqual({
      displayName: 'Dana Reyes',
    });
    expect(await store.setSupervisor(PROD.id, '   ')).toBe(true);
    expect(fake.inputs('profiles:setSupervisor')).toEqual([
      { profileId: PROD.id, displayName: 'Dana Reyes' },
      { profileId: PROD.id, displayName: null },
    ]);
    expect(await store.setSupervisor(PROD.id, 'x'.repeat(81))).toBe(false);
    expect(store.profiles.find((p) => p.id === PROD.id)?.supervisor).toBeUndefined();
    expect(toasts.items.at(-1)?.text).toMatch(/at most 80 characters/);
  });
});

describe('ProfilesStore: the device gateway my own audio connects to', () => {
  it('saves a trimmed URL, sends null for an empty one, and keeps a refusal for the field', async () => {
    const set = { ...PROD, deviceGatewayUrl: 'wss://gw.example.com' };
    const { fake, store, toasts } = setup({
      'profiles:setDeviceGateway': ({ url }) =>
        url === 'wss://gw.example.com/v3'
          ? fail('invalid-device-gateway', 'The device gateway URL must not end in /v3.')
          : ok({ profiles: [LOCAL, url === null ? PROD : set], activeId: LOCAL.id }),
    });
    await store.load();
    expect(await store.setDeviceGateway(PROD.id, ' wss://gw.example.com ')).toBe(true);
    expect(store.profiles.find((p) => p.id === PROD.id)?.deviceGatewayUrl).toBe(
      'wss://gw.example.com',
    );
    expect(toasts.items.at(-1)?.text).toContain('wss://gw.example.com');
    expect(await store.setDeviceGateway(PROD.id, 'wss://gw.example.com/v3')).toBe(false);
    expect(store.gatewayError(PROD.id)).toMatch(/must not end in \/v3/);
    expect(store.profiles.find((p) => p.id === PROD.id)?.deviceGatewayUrl).toBe(
      'wss://gw.example.com',
    );
    store.clearGatewayError(PROD.id);
    expect(store.gatewayError(PROD.id)).toBeNull();
    expect(await store.setDeviceGateway(PROD.id, '   ')).toBe(true);
    expect(store.profiles.find((p) => p.id === PROD.id)?.deviceGatewayUrl).toBeUndefined();
    expect(toasts.items.at(-1)?.text).toContain('Bandwidth’s device gateway');
    expect(fake.inputs('profiles:setDeviceGateway')).toEqual([
      { profileId: PROD.id, url: 'wss://gw.example.com' },
      { profileId: PROD.id, url: 'wss://gw.example.com/v3' },
      { profileId: PROD.id, url: null },
    ]);
  });
});

describe('ProfilesStore: a device gateway this window cannot reach until it reloads', () => {
  it('stays quiet for what the first list allowed and the Local demo, and names a later gateway', async () => {
    const custom = { ...PROD, deviceGatewayUrl: 'wss://gw.example.com' };
    const { fake, store } = setup();
    store.connect();
    await Promise.resolve();
    await Promise.resolve();
    // Loaded with PROD on Bandwidth's gateway: allowed, on the Local demo and on PROD alike.
    expect(store.gatewayNeedingReload).toBeNull();
    fake.emit('profiles:changed', { profiles: [LOCAL, PROD], activeId: PROD.id });
    expect(store.gatewayNeedingReload).toBeNull();
    // Its gateway set after the window opened: blocked until it reloads.
    fake.emit('profiles:changed', { profiles: [LOCAL, custom], activeId: PROD.id });
    expect(store.gatewayNeedingReload).toBe('wss://gw.example.com');
    // Not active: nothing to say yet.
    fake.emit('profiles:changed', { profiles: [LOCAL, custom], activeId: LOCAL.id });
    expect(store.gatewayNeedingReload).toBeNull();
    // Back to Bandwidth's: allowed again.
    fake.emit('profiles:changed', { profiles: [LOCAL, PROD], activeId: PROD.id });
    expect(store.gatewayNeedingReload).toBeNull();
  });

  it('names Bandwidth’s own gateway when the first Bandwidth profile came after the window opened', async () => {
    const { fake, store } = setup({
      'profiles:list': () => ok({ profiles: [LOCAL], activeId: LOCAL.id }),
    });
    store.connect();
    await Promise.resolve();
    await Promise.resolve();
    expect(store.profiles).toEqual([LOCAL]);
    fake.emit('profiles:changed', { profiles: [LOCAL, PROD], activeId: PROD.id });
    expect(store.gatewayNeedingReload).toBe('wss://device.webrtc.bandwidth.com');
  });
});
