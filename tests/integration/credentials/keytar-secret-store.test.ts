import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  KEYCHAIN_SERVICE,
  KeychainModuleMissingError,
  KeychainUnavailableError,
  KeytarSecretStore,
  type KeytarApi,
} from '../../../src-main/credentials';
import { assertKeyring, keyringGate } from '../../support/keyring';

const gate = await keyringGate();
const keytar = createRequire(import.meta.url)('keytar') as KeytarApi;
const PASSWORD = 'Zq9!pw-üñî-SECRET-4417';

describe.skipIf(!gate.run)('KeytarSecretStore (real keychain)', () => {
  const store = new KeytarSecretStore();
  const used: string[] = [];
  const id = (name: string): string => {
    const profileId = `test-${name}-${process.pid}`;
    used.push(profileId);
    return profileId;
  };
  beforeAll(() => assertKeyring(gate));
  afterEach(async () => {
    await Promise.all(used.splice(0).map((p) => keytar.deletePassword(KEYCHAIN_SERVICE, p)));
  });

  it('reports the keychain available', async () => {
    await expect(store.available()).resolves.toEqual({ ok: true });
  });

  it('stores under service "Patchbay", account = profile id; reads, replaces and deletes', async () => {
    const profileId = id('roundtrip');
    await store.set(profileId, PASSWORD);
    expect(await keytar.getPassword('Patchbay', profileId)).toBe(PASSWORD);
    expect(await store.get(profileId)).toBe(PASSWORD);
    await store.set(profileId, 'second');
    expect(await store.get(profileId)).toBe('second');
    expect(await store.delete(profileId)).toBe(true);
    expect(await store.get(profileId)).toBeNull();
    expect(await store.delete(profileId)).toBe(false);
  });

  it('keeps profiles apart', async () => {
    const [a, b] = [id('a'), id('b')];
    await store.set(a, 'pw-a');
    await store.set(b, 'pw-b');
    expect([await store.get(a), await store.get(b)]).toEqual(['pw-a', 'pw-b']);
  });

  it('refuses an empty profile id or password before touching the keychain', async () => {
    await expect(store.set('', PASSWORD)).rejects.toThrow(TypeError);
    await expect(store.set(id('empty'), '')).rejects.toThrow(/non-empty password/);
  });
});

describe('KeytarSecretStore when the keychain is unavailable', () => {
  it('reports a keytar that fails to load as KeychainUnavailableError, not a crash', async () => {
    const store = new KeytarSecretStore({
      loadKeytar: () => Promise.reject(new Error("Cannot find module 'keytar'")),
    });
    expect(await store.available()).toEqual({
      ok: false,
      reason: "the keytar native module could not be loaded (Cannot find module 'keytar')",
      moduleMissing: true,
    });
    const error = await store.set('p1', PASSWORD).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    expect((error as Error).message).toMatch(
      /^The OS keychain library is not available in this installation: .*`npm install` again.*nothing was stored\.$/,
    );
    await expect(store.get('p1')).rejects.toMatchObject({ code: 'keychain-unavailable' });
  });

  it('a loader that throws synchronously (npm left keytar out) is the same clear error', async () => {
    const store = new KeytarSecretStore({
      loadKeytar: () => {
        throw Object.assign(new Error("Cannot find module 'keytar'"), { code: 'MODULE_NOT_FOUND' });
      },
    });
    expect(await store.available()).toMatchObject({ ok: false, moduleMissing: true });
    await expect(store.get('p1')).rejects.toBeInstanceOf(KeychainModuleMissingError);
  });

  it('names libsecret on Linux only', () => {
    expect(new KeychainModuleMissingError('x', 'linux').message).toContain(
      'install libsecret-1-dev (Debian and Ubuntu), then run `npm install` again',
    );
    expect(new KeychainModuleMissingError('x', 'darwin').message).toContain(
      'available in this installation: run `npm install` again',
    );
  });

  it('never puts the password in the error, even if the keychain layer echoes it', async () => {
    const echoing: KeytarApi = {
      getPassword: () => Promise.resolve(null),
      setPassword: (_s, _a, password) =>
        Promise.reject(new Error(`cannot store ${password}: locked`)),
      deletePassword: () => Promise.resolve(false),
    };
    const error = (await new KeytarSecretStore({ loadKeytar: () => Promise.resolve(echoing) })
      .set('p1', PASSWORD)
      .catch((e: unknown) => e)) as KeychainUnavailableError;
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    expect(error.reason).toBe('cannot store [redacted]: locked');
    expect(`${error.message} ${error.stack ?? ''}`).not.toContain(PASSWORD);
  });

  it.skipIf(process.platform !== 'linux')(
    'reports a real unreachable Secret Service clearly (child process)',
    () => {
      const script = fileURLToPath(new URL('./fixtures/unavailable-keychain.ts', import.meta.url));
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus',
      };
      delete env['DISPLAY'];
      const child = spawnSync(process.execPath, ['--import', 'tsx', script, PASSWORD], {
        env,
        encoding: 'utf8',
        timeout: 15_000,
      });
      expect(child.status, child.stderr).toBe(0);
      expect(child.stdout + child.stderr).not.toContain(PASSWORD);
      const report = JSON.parse(child.stdout) as {
        available: { ok: boolean; reason?: string };
        set: { name: string; code: string; message: string };
      };
      expect(report.available.ok).toBe(false);
      expect(report.set).toMatchObject({
        name: 'KeychainUnavailableError',
        code: 'keychain-unavailable',
      });
      expect(report.set.message).toMatch(
        /^The system keychain is unavailable \(it is locked, or not running\)\. .+Secret Service/,
      );
      // The D-Bus text is the error's reason (for "details"), not its message.
      expect(report.set.message).not.toMatch(/D-Bus|DBus|X11/i);
    },
  );
});
