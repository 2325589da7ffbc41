import { describe, expect, it, beforeAll } from 'vitest';
import {
  ProfileError,
  type NewBandwidthProfile,
  type VerifyCredentialsResult,
} from '../../../src-main/credentials';
import { LOCAL_DEMO_PROFILE, SettingsStore } from '../../../src-main/settings';
import { assertKeyring, keyringGate } from '../../support/keyring';
import { failure, input, keytar, LOCAL, PASSWORD, useProfileHarness } from './profile-harness';

const gate = await keyringGate();

describe.skipIf(!gate.run)('ProfileService (real keychain, fake verify)', () => {
  const h = useProfileHarness('main');
  beforeAll(() => assertKeyring(gate));

  it('starts with the built-in Local demo, which uses the local API credentials and cannot be removed', async () => {
    expect(h.service.list()).toEqual([LOCAL_DEMO_PROFILE]);
    expect(await h.service.getCredentials('local-demo')).toEqual(LOCAL);
    const before = await h.state();
    const error = await failure(h.service.remove('local-demo'));
    expect(error).toMatchObject({ code: 'builtin-profile' });
    expect(error.message).toMatch(/Local demo.*cannot be removed/);
    expect(await h.state()).toEqual(before);
  });

  it('verifies before saving, keeps the password in the keychain only, and returns it for main', async () => {
    h.verify.mockImplementation(async () => {
      expect(h.service.list()).toHaveLength(1); // nothing saved yet
      expect(await h.keychainAccounts()).toEqual([]);
      return { ok: true };
    });
    const profile = await h.service.addBandwidthProfile(input);
    expect(h.verify).toHaveBeenCalledTimes(1);
    expect(h.verify).toHaveBeenCalledWith({
      baseUrl: 'https://api.webrtc.bandwidth.com/v1',
      accountId: '9900000',
      username: 'api-user',
      password: PASSWORD,
    });
    expect(profile).toEqual({
      id: `profile-main-${process.pid}-1`,
      name: 'Production',
      kind: 'bandwidth',
      accountId: '9900000',
      username: 'api-user',
      baseUrl: 'https://api.webrtc.bandwidth.com/v1',
    });
    expect(await keytar.getPassword('Patchbay', profile.id)).toBe(PASSWORD);
    expect(await h.service.getCredentials(profile.id)).toStrictEqual({
      baseUrl: 'https://api.webrtc.bandwidth.com/v1',
      accountId: '9900000',
      username: 'api-user',
      password: PASSWORD,
    });
    expect(new SettingsStore({ cwd: h.dir }).getProfile(profile.id)).toEqual(profile);
    expect(await h.settingsFiles()).not.toContain(PASSWORD);
  });

  const verifyFailures: [VerifyCredentialsResult, string, RegExp][] = [
    [
      { ok: false, kind: 'unauthorized', message: 'Unauthorized' },
      'credentials-rejected',
      /^Bandwidth did not accept these credentials for account 9900000 \(401\): check the username and password — or the account id may be mistyped\. Nothing was saved\.$/,
    ],
    [
      { ok: false, kind: 'forbidden', message: 'Forbidden' },
      'no-webrtc-access',
      /^The credentials work, but this account has no WebRTC access \(account 9900000, 403\)\./,
    ],
    [
      { ok: false, kind: 'not-webrtc-api', message: 'not the API' },
      'not-webrtc-api',
      /^https:\/\/api\.webrtc\.bandwidth\.com\/v1: this does not look like the WebRTC API base URL \(…\/v1/,
    ],
    [
      { ok: false, kind: 'network', message: 'ECONNREFUSED' },
      'network',
      /^Could not reach https:\/\/api\.webrtc\.bandwidth\.com\/v1 \(ECONNREFUSED\)\. Check the base URL/,
    ],
    [
      { ok: false, kind: 'other', message: 'HTTP 500' },
      'verification-failed',
      /could not be verified \(HTTP 500\)/,
    ],
  ];
  it.each(verifyFailures)(
    'maps a failed verification %j to a distinct error and saves nothing',
    async (result, code, message) => {
      h.verify.mockResolvedValue(result);
      const before = await h.state();
      const error = await failure(h.service.addBandwidthProfile(input));
      expect(error).toBeInstanceOf(ProfileError);
      expect(error).toMatchObject({ code });
      expect(error.message).toMatch(message);
      expect(await h.state()).toEqual(before);
    },
  );

  it('treats a verify function that throws as a failed verification', async () => {
    h.verify.mockRejectedValue(new Error('socket hang up'));
    expect(await failure(h.service.addBandwidthProfile(input))).toMatchObject({
      code: 'verification-failed',
    });
    expect(h.service.list()).toHaveLength(1);
  });

  it('reports every wrong field at once, each with its own message, before verifying', async () => {
    const before = await h.state();
    const error = await failure(
      h.service.addBandwidthProfile({
        ...input,
        name: '',
        accountId: 'not an id',
        password: '',
        baseUrl: 'ftp://x',
      }),
    );
    expect(error).toBeInstanceOf(ProfileError);
    expect(error).toMatchObject({ code: 'invalid-fields', field: 'name' });
    expect((error as ProfileError).fields.map((f) => f.path)).toEqual([
      'name',
      'accountId',
      'password',
      'baseUrl',
    ]);
    expect((error as ProfileError).fields[1]?.message).toMatch(/^The account id must be/);
    expect(error.message).toMatch(/^4 fields need attention: The profile name must be/);
    expect(h.verify).not.toHaveBeenCalled();
    expect(await h.state()).toEqual(before);
  });

  const badInputs: [string, Partial<NewBandwidthProfile>, string][] = [
    ['an empty name', { name: '   ' }, 'invalid-name'],
    ['a too long name', { name: 'x'.repeat(61) }, 'invalid-name'],
    ['a name already used (any case)', { name: 'local DEMO' }, 'duplicate-name'],
    ['an account id with a slash', { accountId: '99/../1' }, 'invalid-account-id'],
    ['an empty username', { username: '' }, 'invalid-username'],
    ['a username with a colon', { username: 'a:b' }, 'invalid-username'],
    ['an empty password', { password: '' }, 'invalid-password'],
    ['a password with a line break', { password: 'a\r\nX-Evil: 1' }, 'invalid-password'],
    ['a base URL that is not a URL', { baseUrl: 'api.webrtc' }, 'invalid-base-url'],
    [
      'a plain-http remote base URL',
      { baseUrl: 'http://api.webrtc.bandwidth.com/v1' },
      'invalid-base-url',
    ],
    [
      'a base URL with credentials',
      { baseUrl: 'https://u:p@api.example.com/v1' },
      'invalid-base-url',
    ],
    ['a base URL with a query', { baseUrl: 'https://api.example.com/v1?x=1' }, 'invalid-base-url'],
  ];
  it.each(badInputs)(
    'refuses %s with a specific error, before verifying, changing nothing',
    async (_label, patch, code) => {
      const before = await h.state();
      const error = await failure(h.service.addBandwidthProfile({ ...input, ...patch }));
      expect(error).toMatchObject({ code });
      expect(h.verify).not.toHaveBeenCalled();
      expect(await h.state()).toEqual(before);
    },
  );

  it('accepts plain http for a local API on localhost and defaults to production', async () => {
    const local = await h.service.addBandwidthProfile({
      ...input,
      name: 'Dev',
      baseUrl: 'http://localhost:4010/v1',
    });
    expect(local.baseUrl).toBe('http://localhost:4010/v1');
    const noUrl: NewBandwidthProfile = { ...input };
    delete noUrl.baseUrl;
    expect((await h.service.addBandwidthProfile(noUrl)).baseUrl).toBe(
      'https://api.webrtc.bandwidth.com/v1',
    );
  });

  it('renames with the same checks, and reports unknown profiles', async () => {
    const profile = await h.service.addBandwidthProfile(input);
    expect(h.service.rename(profile.id, '  Production EU ').name).toBe('Production EU');
    expect(h.service.rename('local-demo', 'Demo').name).toBe('Demo');
    expect(() => h.service.rename(profile.id, 'demo')).toThrow(
      expect.objectContaining({ code: 'duplicate-name' }),
    );
    expect(() => h.service.rename(profile.id, '')).toThrow(
      expect.objectContaining({ code: 'invalid-name' }),
    );
    expect(() => h.service.rename('nope', 'X')).toThrow(
      expect.objectContaining({ code: 'profile-not-found' }),
    );
    expect(h.service.rename(profile.id, 'production eu').name).toBe('production eu'); // its own name, new case
  });

  it('removes a profile with its keychain entry and watched sessions', async () => {
    const profile = await h.service.addBandwidthProfile(input);
    h.settings.addWatchedSession(profile.id, { id: 's1' });
    await h.service.remove(profile.id);
    expect(h.service.list()).toEqual([LOCAL_DEMO_PROFILE]);
    expect(await keytar.getPassword('Patchbay', profile.id)).toBeNull();
    expect(h.settings.snapshot().watchedSessions[profile.id]).toBeUndefined();
    expect(await failure(h.service.remove(profile.id))).toMatchObject({
      code: 'profile-not-found',
    });
  });

  it('says so when the keychain lost a profile password', async () => {
    const profile = await h.service.addBandwidthProfile(input);
    await keytar.deletePassword('Patchbay', profile.id);
    expect(await failure(h.service.getCredentials(profile.id))).toMatchObject({
      code: 'credentials-missing',
    });
  });
});
