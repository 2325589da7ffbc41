/**
 * Issue 16: a profile's device gateway base URL, end to end through the dispatcher (contract,
 * schema, handler, profiles service, settings store): optional on add, editable afterwards, never on
 * the Local demo; bad input gets its own message and changes nothing, on disk included.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_DEMO_PROFILE_ID, SettingsStore } from '../../../src-main/settings';
import type { ProfilesState, ProfileView } from '../../../src-main/shared/contract';
import type { Result } from '../../../src-main/shared/result';
import { securityHeaders } from '../../../src-main/shared/security-policy';
import type { MeAudioGrant, MeOutcome } from '../../../src-main/shared/dto/me';
import { assertKeyring, keyringGate } from '../../support/keyring';
import { LocalApiClient } from '../../support/local-api-client';
import { startConsole, type TestConsole } from '../../support/reliability/console';

const gate = await keyringGate();
const announced: ProfilesState[] = [];
let tc: TestConsole;

function call(name: string, input: unknown): Promise<Result<unknown>> {
  return tc.invoke(name, input);
}
function value<T>(name: string, input: unknown): Promise<T> {
  return tc.call<T>(name, input);
}
/** Requests the account's API has served (verifying credentials is one). */
function apiCalls(): number {
  return Object.values(tc.composed.localApi.control.stats()).reduce((sum, n) => sum + n, 0);
}
/** What the CSP of a document served now lets it connect to (the web host and app:// alike). */
function connectSources(): string[] {
  const csp = securityHeaders(tc.composed.deviceGateways())['Content-Security-Policy'] ?? '';
  const directive = csp.split('; ').find((d) => d.startsWith('connect-src ')) ?? '';
  return directive.split(' ').slice(1);
}
function settingsFile(): Promise<string> {
  return readFile(join(tc.dir, 'settings.json'), 'utf8');
}

describe.runIf(gate.run)('a profile’s device gateway over IPC (real keychain, real HTTP)', () => {
  // Another account: the embedded local API's own, added as a Bandwidth profile.
  let account: {
    name: string;
    accountId: string;
    username: string;
    password: string;
    baseUrl: string;
  };

  beforeAll(async () => {
    assertKeyring(gate);
    tc = await startConsole();
    tc.composed.events.on('profiles:changed', (state) => announced.push(state));
    const { accountId, username, password, baseUrl } = tc.composed.localApi;
    account = { name: 'Prod', accountId, username, password, baseUrl };
  });

  afterAll(async () => {
    const state = tc ? await value<ProfilesState>('profiles:list', {}) : undefined;
    for (const p of state?.profiles ?? []) {
      if (p.kind === 'bandwidth') await call('profiles:remove', { profileId: p.id });
    }
    await tc?.close();
  });

  it('reports a bad gateway with every other wrong field at once, before verifying', async () => {
    const before = await settingsFile();
    const result = await call('profiles:add', {
      ...account,
      name: '',
      deviceGatewayUrl: 'wss://gw.example.com/v3',
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-fields',
        details: [
          { path: 'name', message: expect.stringMatching(/profile name/) },
          {
            path: 'deviceGatewayUrl',
            message:
              'The device gateway URL must not end in /v3: the SDK adds /v3/ itself, so leave it off.',
          },
        ],
      },
    });
    const alone = await call('profiles:add', {
      ...account,
      deviceGatewayUrl: 'ws://gw.example.com',
    });
    expect(alone).toMatchObject({
      ok: false,
      error: { code: 'invalid-device-gateway', message: expect.stringMatching(/plain ws:\/\//) },
    });
    expect(apiCalls()).toBe(0); // nothing verified: the checks came first
    expect(await settingsFile()).toBe(before);
  });

  it('stores the gateway given on add (normalised) and shows it in the profile view', async () => {
    const added = await value<ProfileView>('profiles:add', {
      ...account,
      deviceGatewayUrl: ' wss://GW.example.com:8443/ ',
    });
    expect(added.deviceGatewayUrl).toBe('wss://gw.example.com:8443');
    expect(apiCalls()).toBeGreaterThan(0); // verified this time
    expect(new SettingsStore({ cwd: tc.dir }).getProfile(added.id)?.deviceGatewayUrl).toBe(
      'wss://gw.example.com:8443',
    );
    const withOut = await value<ProfileView>('profiles:add', {
      ...account,
      name: 'Prod default gateway',
    });
    expect(withOut).not.toHaveProperty('deviceGatewayUrl');
  });

  it('edits it on an existing profile, announces the change, and clears it back to Bandwidth’s', async () => {
    const { profiles } = await value<ProfilesState>('profiles:list', {});
    const prod = profiles.find((p) => p.name === 'Prod');
    if (!prod) throw new Error('no Prod profile');
    const set = await value<ProfilesState>('profiles:setDeviceGateway', {
      profileId: prod.id,
      url: 'ws://127.0.0.1:5170',
    });
    expect(set.profiles.find((p) => p.id === prod.id)?.deviceGatewayUrl).toBe(
      'ws://127.0.0.1:5170',
    );
    expect(announced.at(-1)).toEqual(set);
    // The next document's CSP lets it reach the new gateway (and still the Local demo's own).
    const localGateway = `ws://${new URL(tc.composed.localApi.baseUrl).host}`;
    expect(connectSources()).toEqual(expect.arrayContaining(['ws://127.0.0.1:5170', localGateway]));
    const cleared = await value<ProfilesState>('profiles:setDeviceGateway', {
      profileId: prod.id,
      url: null,
    });
    expect(cleared.profiles.find((p) => p.id === prod.id)).not.toHaveProperty('deviceGatewayUrl');
    expect(new SettingsStore({ cwd: tc.dir }).getProfile(prod.id)).not.toHaveProperty(
      'deviceGatewayUrl',
    );
    expect(connectSources()).not.toContain('ws://127.0.0.1:5170');
    expect(connectSources()).toContain('wss://device.webrtc.bandwidth.com');
  });

  it('refuses a bad URL, the Local demo and an unknown profile, changing nothing', async () => {
    const { profiles } = await value<ProfilesState>('profiles:list', {});
    const prod = profiles.find((p) => p.name === 'Prod');
    if (!prod) throw new Error('no Prod profile');
    await value('profiles:setDeviceGateway', { profileId: prod.id, url: 'wss://gw.example.com' });
    const before = await settingsFile();
    const count = announced.length;
    const refusals: [unknown, object][] = [
      [
        { profileId: prod.id, url: 'wss://gw.example.com/v3/' },
        { code: 'invalid-device-gateway', message: expect.stringMatching(/leave it off/) },
      ],
      [
        { profileId: prod.id, url: 'wss://gw.example.com/?token=x' },
        { code: 'invalid-device-gateway', message: expect.stringMatching(/query string/) },
      ],
      [
        { profileId: prod.id, url: `wss://${'a'.repeat(2050)}` },
        { code: 'invalid-input', message: expect.stringMatching(/at most 2048 characters/) },
      ],
      [
        { profileId: LOCAL_DEMO_PROFILE_ID, url: 'ws://127.0.0.1:5170' },
        {
          code: 'builtin-profile',
          message: expect.stringMatching(/local API’s own device gateway/),
        },
      ],
      [{ profileId: 'nope', url: null }, { code: 'profile-not-found' }],
      [{ profileId: prod.id }, { code: 'invalid-input' }],
      [{ profileId: prod.id, url: 'wss://gw.example.com', extra: 1 }, { code: 'invalid-input' }],
    ];
    for (const [input, error] of refusals) {
      expect(await call('profiles:setDeviceGateway', input)).toMatchObject({ ok: false, error });
    }
    expect(await settingsFile()).toBe(before);
    expect(announced).toHaveLength(count);
  });

  it('me:audio on the active profile names its gateway as set now, without switching again', async () => {
    const { profiles } = await value<ProfilesState>('profiles:list', {});
    const prod = profiles.find((p) => p.name === 'Prod');
    if (!prod) throw new Error('no Prod profile');
    await value('profiles:select', { profileId: prod.id });
    await value('profiles:setSupervisor', { profileId: prod.id, displayName: 'Dana Reyes' });
    await value('profiles:setDeviceGateway', { profileId: prod.id, url: 'wss://one.example.com' });
    // A call on that account (the embedded local API's, standing in for Bandwidth).
    const api = new LocalApiClient(tc.composed.localApi);
    const session = await api.createSession('call-gateway');
    for (const tag of ['customer-g', 'agent-g']) {
      const { participant } = await api.createParticipant({ tag, publishPermissions: ['AUDIO'] });
      await api.add(session.id, participant.id);
    }
    await value('sessions:watch', { profileId: prod.id, sessionId: session.id });
    const joined = await value<MeOutcome>('me:act', {
      profileId: prod.id,
      sessionId: session.id,
      mode: 'monitor',
      confirmed: true,
    });
    expect(joined).toMatchObject({ status: 'done' });
    try {
      const first = await value<MeAudioGrant>('me:audio', { profileId: prod.id });
      expect(first.websocketUrl).toBe('wss://one.example.com');
      await value('profiles:setDeviceGateway', {
        profileId: prod.id,
        url: 'wss://two.example.com',
      });
      const second = await value<MeAudioGrant>('me:audio', { profileId: prod.id });
      expect(second.websocketUrl).toBe('wss://two.example.com');
      await value('profiles:setDeviceGateway', { profileId: prod.id, url: null });
      const third = await value<MeAudioGrant>('me:audio', { profileId: prod.id });
      expect(third.websocketUrl).toBe('wss://device.webrtc.bandwidth.com');
    } finally {
      await value('me:leave', { profileId: prod.id });
      await value('profiles:select', { profileId: LOCAL_DEMO_PROFILE_ID });
    }
  });
});
