/** A profile's directory: URL in settings, bearer token in the real keychain, verified by one real read. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  directorySecretKey,
  KEYCHAIN_SERVICE,
  KeychainUnavailableError,
  ProfileError,
  type SecretStore,
} from '../../../src-main/credentials';
import { createLocalApi, type LocalApi } from '../../../src-main/local-api';
import { LOCAL_DEMO_PROFILE_ID } from '../../../src-main/settings';
import { failure, input, keytar, useProfileHarness } from './profile-harness';

let api: LocalApi;
beforeAll(async () => {
  api = await createLocalApi({ seed: 'demo' });
});
afterAll(() => api.close());

const h = useProfileHarness('directory');

async function directoryEntries(): Promise<string[]> {
  return (await keytar.findCredentials(KEYCHAIN_SERVICE))
    .map((c) => c.account)
    .filter((account) => account.startsWith(`directory:profile-directory-${process.pid}-`));
}

async function withEntries<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } finally {
    for (const account of await directoryEntries())
      await keytar.deletePassword(KEYCHAIN_SERVICE, account);
  }
}

describe('a profile directory', () => {
  it('keeps the token in the keychain under its own entry, the URL in settings, after one good read', () =>
    withEntries(async () => {
      const profile = await h.service.addBandwidthProfile(input);
      const updated = await h.service.setDirectory(profile.id, {
        url: api.directory.url,
        token: api.directory.token,
      });
      expect(updated.directory).toEqual({ url: api.directory.url });
      expect(await keytar.getPassword(KEYCHAIN_SERVICE, directorySecretKey(profile.id))).toBe(
        api.directory.token,
      );
      expect(await h.settingsFiles()).not.toContain(api.directory.token);
      expect(JSON.stringify(h.service.list())).not.toContain(api.directory.token);
      expect(await h.service.getDirectory(profile.id)).toEqual({
        url: api.directory.url,
        token: api.directory.token,
      });

      const cleared = await h.service.clearDirectory(profile.id);
      expect(cleared.directory).toBeUndefined();
      expect(await directoryEntries()).toEqual([]);
      expect(await h.service.getDirectory(profile.id)).toBeUndefined();
    }));

  it('reads the feed first, then the keychain; both fields are checked at once', () =>
    withEntries(async () => {
      const profile = await h.service.addBandwidthProfile(input);
      const down = (): Promise<never> => Promise.reject(new Error('no D-Bus session'));
      const locked: SecretStore = {
        available: () => Promise.resolve({ ok: false, reason: 'no D-Bus session' }),
        get: down,
        set: down,
        delete: down,
      };
      const broken = h.build(locked);
      const before = await h.state();
      // A feed nobody answers is reported as such, whatever the keychain's state.
      const unreachable = (await failure(
        broken.setDirectory(profile.id, { url: 'http://127.0.0.1:1/calls', token: 'abc' }),
      )) as ProfileError;
      expect(unreachable.code).toBe('directory-unreachable');
      const error = await failure(
        broken.setDirectory(profile.id, { url: api.directory.url, token: api.directory.token }),
      );
      expect(error).toBeInstanceOf(KeychainUnavailableError);
      expect(error.message).toMatch(
        /^The directory feed answered, but Patchbay cannot save its token because the system keychain is unavailable/,
      );
      expect(error.message).not.toContain('D-Bus');
      const both = (await failure(
        broken.setDirectory(profile.id, { url: 'not a url', token: '' }),
      )) as ProfileError;
      expect(both.code).toBe('invalid-fields');
      expect(both.fields.map((f) => f.path)).toEqual(['directoryUrl', 'directoryToken']);
      expect(await h.state()).toEqual(before);
    }));

  it('removing the profile removes its directory token too', () =>
    withEntries(async () => {
      const profile = await h.service.addBandwidthProfile(input);
      await h.service.setDirectory(profile.id, {
        url: api.directory.url,
        token: api.directory.token,
      });
      expect(await directoryEntries()).toHaveLength(1);
      await h.service.remove(profile.id);
      expect(await directoryEntries()).toEqual([]);
    }));

  it.each([
    [
      'a refused token',
      () => ({ url: api.directory.url, token: 'wrong-token-123' }),
      'directory-rejected',
      /refused the token/,
    ],
    [
      'a plain-http remote URL',
      () => ({ url: 'http://cc.example.test/calls', token: 't' }),
      'invalid-directory-url',
      /must use https/,
    ],
    [
      'credentials in the URL',
      () => ({ url: 'https://u:p@cc.example.test/calls', token: 't' }),
      'invalid-directory-url',
      /must not contain credentials/,
    ],
    [
      'a token with a space',
      () => ({ url: api.directory.url, token: 'two words' }),
      'invalid-directory-token',
      /printable characters without spaces/,
    ],
    [
      'nobody listening',
      () => ({ url: 'http://127.0.0.1:1/calls', token: 'abc' }),
      'directory-unreachable',
      /Could not reach the directory feed/,
    ],
  ])('%s: a specific error, and nothing saved', async (_name, make, code, message) =>
    withEntries(async () => {
      const profile = await h.service.addBandwidthProfile(input);
      const before = await h.state();
      const error = await failure(h.service.setDirectory(profile.id, make()));
      expect(error).toBeInstanceOf(ProfileError);
      expect((error as ProfileError).code).toBe(code);
      expect(error.message).toMatch(message);
      expect(error.message).not.toContain('wrong-token-123');
      expect(await h.state()).toEqual(before);
      expect(await directoryEntries()).toEqual([]);
    }),
  );

  it('a feed that is not version 1: directory-invalid naming the field, nothing saved', () =>
    withEntries(async () => {
      const server = createServer((_req, res) =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end('{"version":2,"generatedAt":"2026-01-01T00:00:00Z","calls":[]}'),
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const profile = await h.service.addBandwidthProfile(input);
        const before = await h.state();
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/calls`;
        const error = (await failure(
          h.service.setDirectory(profile.id, { url, token: 'abc' }),
        )) as ProfileError;
        expect(error.code).toBe('directory-invalid');
        expect(error.message).toMatch(/version must be 1/);
        expect(await h.state()).toEqual(before);
      } finally {
        server.close();
      }
    }));

  it("the Local demo's directory is built in: it cannot be set, and reads the embedded feed", async () => {
    const error = (await failure(
      h.service.setDirectory(LOCAL_DEMO_PROFILE_ID, { url: api.directory.url, token: 'x' }),
    )) as ProfileError;
    expect(error.code).toBe('builtin-profile');
    // The harness's service has no local feed; one built with a provider reads it.
    expect(await h.service.getDirectory(LOCAL_DEMO_PROFILE_ID)).toBeUndefined();
  });
});
