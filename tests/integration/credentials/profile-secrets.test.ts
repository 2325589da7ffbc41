import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { KeychainUnavailableError, KeytarSecretStore } from '../../../src-main/credentials';
import {
  LOCAL_DEMO_PROFILE,
  SettingsStore,
  type SettingsBackend,
} from '../../../src-main/settings';
import { assertKeyring, keyringGate } from '../../support/keyring';
import { failure, input, PASSWORD, useProfileHarness } from './profile-harness';

const gate = await keyringGate();

describe.skipIf(!gate.run)('ProfileService secrecy and failures (real keychain)', () => {
  const h = useProfileHarness('secrets');
  beforeAll(() => assertKeyring(gate));

  it('checks the credentials first, then the keychain: unavailable, it says so in words and stores nothing', async () => {
    const broken = h.build(
      new KeytarSecretStore({
        // keytar loads, but the Secret Service is not there (not running, locked, no D-Bus).
        loadKeytar: () => {
          const down = (): Promise<never> =>
            Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'));
          return Promise.resolve({ getPassword: down, setPassword: down, deletePassword: down });
        },
      }),
    );
    const before = await h.state();
    h.verify.mockResolvedValue({ ok: true });
    const error = await failure(broken.addBandwidthProfile(input));
    expect(h.verify).toHaveBeenCalledTimes(1);
    expect(error).toBeInstanceOf(KeychainUnavailableError);
    expect(error.message).toMatch(
      /^The credentials work, but Patchbay cannot save the password because the system keychain is unavailable \(it is locked, or not running\)\..*never in a file: unlock or start it/,
    );
    // The technical text is kept apart (for "details"), never in the message.
    expect(error.message).not.toMatch(/D-Bus|X11/);
    expect((error as KeychainUnavailableError).reason).toMatch(/D-Bus without X11/);
    expect(await h.state()).toEqual(before);

    // Wrong credentials are reported as such, whatever the keychain's state.
    h.verify.mockResolvedValue({ ok: false, kind: 'unauthorized', message: 'Unauthorized' });
    expect(await failure(broken.addBandwidthProfile(input))).toMatchObject({
      code: 'credentials-rejected',
    });
    expect(await h.state()).toEqual(before);
  });

  it('takes the password back out of the keychain when the settings cannot be saved', async () => {
    let writes = 0;
    const failing = new SettingsStore({
      cwd: h.dir,
      configName: 'failing',
      createBackend: (): SettingsBackend => ({
        path: join(h.dir, 'failing.json'),
        get store(): Record<string, unknown> {
          return {};
        },
        set store(_value: Record<string, unknown>) {
          if (++writes > 1) throw new Error('disk full'); // the first write is the defaults at creation
        },
      }),
    });
    const error = await failure(
      h.build(new KeytarSecretStore(), failing).addBandwidthProfile(input),
    );
    expect(error).toMatchObject({ code: 'settings-write-failed' });
    expect(await h.keychainAccounts()).toEqual([]);
    expect(failing.listProfiles()).toEqual([LOCAL_DEMO_PROFILE]);
  });

  it('never shows the password: not in settings files, returned profiles, or any error message', async () => {
    const seen: string[] = [];
    const record = (value: unknown): void => {
      seen.push(JSON.stringify(value) ?? '');
      if (value instanceof Error) seen.push(value.message, value.stack ?? '', String(value));
    };
    const basic = Buffer.from(`api-user:${PASSWORD}`).toString('base64');
    // A verify function that echoes the secret in its message (as a careless HTTP layer might).
    for (const kind of ['unauthorized', 'forbidden', 'network', 'other'] as const) {
      h.verify.mockResolvedValueOnce({
        ok: false,
        kind,
        message: `bad ${PASSWORD} / Basic ${basic}`,
      });
      record(await failure(h.service.addBandwidthProfile(input)));
    }
    h.verify.mockRejectedValueOnce(new Error(`thrown with ${PASSWORD}`));
    record(await failure(h.service.addBandwidthProfile(input)));
    record(await failure(h.service.addBandwidthProfile({ ...input, username: `${PASSWORD}:` }))); // wrong field
    record(
      await failure(
        h.service.addBandwidthProfile({ ...input, baseUrl: `https://x:${PASSWORD}@h/v1` }),
      ),
    );
    record(await failure(h.service.addBandwidthProfile({ ...input, password: `${PASSWORD}\n` })));
    const profile = await h.service.addBandwidthProfile(input);
    record(profile);
    record(h.service.list());
    record(h.service.get(profile.id));
    record(h.service.rename(profile.id, 'Renamed'));
    record(await failure(h.service.addBandwidthProfile({ ...input, name: 'Renamed' })));
    record(h.settings.snapshot());
    seen.push(await h.settingsFiles());
    for (const text of seen) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(basic);
    }
    expect(await h.service.getCredentials(profile.id)).toMatchObject({ password: PASSWORD });
  });
});
