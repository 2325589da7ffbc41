import { readFile, stat } from 'node:fs/promises';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_PREFERENCES,
  LOCAL_DEMO_PROFILE,
  LOCAL_DEMO_PROFILE_ID,
  POLL_FAST_BOUNDS,
  POLL_SLOW_BOUNDS,
  SETTINGS_SCHEMA_VERSION,
  SettingsError,
  type Profile,
} from '../../../../src-main/settings';
import { FIXED_NOW, openStore, tempDir } from './fixtures';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

const staging: Profile = {
  id: 'p-staging',
  name: 'Staging',
  kind: 'bandwidth',
  accountId: '9900001',
  username: 'api-user',
  baseUrl: 'https://api.webrtc.bandwidth.com/v1',
};

/** Runs `change`, expects a SettingsError with `code`, and checks memory and disk did not change. */
async function expectRefused(
  store: ReturnType<typeof openStore>,
  code: string,
  change: () => unknown,
): Promise<SettingsError> {
  const before = { memory: store.snapshot(), disk: await readFile(store.path, 'utf8') };
  let caught: unknown;
  try {
    change();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SettingsError);
  expect(caught).toMatchObject({ code });
  expect(store.snapshot()).toEqual(before.memory);
  expect(await readFile(store.path, 'utf8')).toBe(before.disk);
  return caught as SettingsError;
}

describe('SettingsStore defaults', () => {
  it('starts with the Local demo profile and default preferences, and writes the file', async () => {
    const store = openStore(dir);
    expect(store.loadReport).toEqual({ status: 'created' });
    expect(store.listProfiles()).toEqual([LOCAL_DEMO_PROFILE]);
    expect(store.getPreferences()).toEqual(DEFAULT_PREFERENCES);
    expect(store.getWindowState()).toEqual({ bounds: null, maximized: false });
    const onDisk = JSON.parse(await readFile(store.path, 'utf8')) as { schemaVersion: number };
    expect(onDisk.schemaVersion).toBe(SETTINGS_SCHEMA_VERSION);
    expect((await stat(store.path)).mode & 0o777).toBe(0o600);
  });

  it('persists every kind of setting across reopening', () => {
    const store = openStore(dir);
    store.addProfile(staging);
    store.addWatchedSession(staging.id, { id: 'sess-1', label: 'Queue 4' });
    store.setParticipantRole(staging.id, 'part-1', 'agent');
    store.updatePreferences({ pollFastMs: 750, theme: 'dark', confirmations: false });
    store.setWindowState({ bounds: { x: 10, y: 20, width: 1200, height: 800 }, maximized: true });
    const again = openStore(dir);
    expect(again.loadReport).toEqual({ status: 'loaded' });
    expect(again.snapshot()).toEqual(store.snapshot());
    expect(again.listWatchedSessions(staging.id)).toEqual([
      { id: 'sess-1', label: 'Queue 4', addedAt: FIXED_NOW.toISOString() },
    ]);
  });

  it('returns copies, so callers cannot change the stored state', () => {
    const store = openStore(dir);
    const profiles = store.listProfiles();
    (profiles[0] as Profile).name = 'Changed';
    store.getPreferences().theme = 'dark';
    expect(store.listProfiles()[0]?.name).toBe('Local demo');
    expect(store.getPreferences().theme).toBe('system');
  });
});

describe('SettingsStore profiles', () => {
  it('refuses to remove the built-in Local demo profile', async () => {
    const store = openStore(dir);
    const error = await expectRefused(store, 'builtin-profile', () =>
      store.removeProfile(LOCAL_DEMO_PROFILE_ID),
    );
    expect(error.message).toMatch(/Local demo.*cannot be removed/);
  });

  it('refuses a profile with a password field, an unknown kind or a bad URL', async () => {
    const store = openStore(dir);
    const withPassword = { ...staging, password: 'hunter2' } as Profile;
    const error = await expectRefused(store, 'invalid-settings', () =>
      store.addProfile(withPassword),
    );
    expect(error.message).toMatch(/password/);
    expect(error.message).not.toContain('hunter2');
    await expectRefused(store, 'invalid-settings', () =>
      store.addProfile({ ...staging, kind: 'sip' as 'local' }),
    );
    await expectRefused(store, 'invalid-settings', () =>
      store.addProfile({ ...staging, baseUrl: 'ftp://x' }),
    );
    await expectRefused(store, 'duplicate-profile', () =>
      store.addProfile({ ...staging, id: LOCAL_DEMO_PROFILE_ID }),
    );
  });

  it('renames a profile and removes one with its sessions and roles', () => {
    const store = openStore(dir);
    store.addProfile(staging);
    store.addWatchedSession(staging.id, { id: 's1' });
    store.setParticipantRole(staging.id, 'p1', 'customer');
    expect(store.renameProfile(staging.id, 'Staging EU').name).toBe('Staging EU');
    store.removeProfile(staging.id);
    expect(store.getProfile(staging.id)).toBeUndefined();
    const snapshot = store.snapshot();
    expect(snapshot.watchedSessions[staging.id]).toBeUndefined();
    expect(snapshot.participantRoles[staging.id]).toBeUndefined();
  });

  it('reports an unknown profile', async () => {
    const store = openStore(dir);
    await expectRefused(store, 'profile-not-found', () => store.removeProfile('nope'));
    await expectRefused(store, 'profile-not-found', () =>
      store.addWatchedSession('nope', { id: 's1' }),
    );
    await expectRefused(store, 'profile-not-found', () =>
      store.setParticipantRole('nope', 'p1', 'agent'),
    );
  });
});

describe('SettingsStore watched sessions and roles', () => {
  it('adds (idempotently), relabels and removes watched sessions', async () => {
    const store = openStore(dir);
    const added = store.addWatchedSession(LOCAL_DEMO_PROFILE_ID, { id: 's1', label: 'Sales' });
    expect(store.addWatchedSession(LOCAL_DEMO_PROFILE_ID, { id: 's1', label: 'Other' })).toEqual(
      added,
    );
    expect(store.relabelWatchedSession(LOCAL_DEMO_PROFILE_ID, 's1', 'Support').label).toBe(
      'Support',
    );
    await expectRefused(store, 'session-not-watched', () =>
      store.relabelWatchedSession(LOCAL_DEMO_PROFILE_ID, 's9', 'x'),
    );
    await expectRefused(store, 'invalid-settings', () =>
      store.addWatchedSession(LOCAL_DEMO_PROFILE_ID, { id: 'has space' }),
    );
    await expectRefused(store, 'invalid-settings', () =>
      store.relabelWatchedSession(LOCAL_DEMO_PROFILE_ID, 's1', 'x'.repeat(101)),
    );
    expect(store.removeWatchedSession(LOCAL_DEMO_PROFILE_ID, 's1')).toBe(true);
    expect(store.removeWatchedSession(LOCAL_DEMO_PROFILE_ID, 's1')).toBe(false);
    expect(store.listWatchedSessions(LOCAL_DEMO_PROFILE_ID)).toEqual([]);
  });

  it('sets and clears participant roles per profile, refusing unknown roles and reserved ids', async () => {
    const store = openStore(dir);
    store.setParticipantRole(LOCAL_DEMO_PROFILE_ID, 'p1', 'supervisor');
    store.setParticipantRole(LOCAL_DEMO_PROFILE_ID, 'p2', 'other');
    store.setParticipantRole(LOCAL_DEMO_PROFILE_ID, 'p2', null);
    expect(store.getParticipantRoles(LOCAL_DEMO_PROFILE_ID)).toEqual({ p1: 'supervisor' });
    await expectRefused(store, 'invalid-settings', () =>
      store.setParticipantRole(LOCAL_DEMO_PROFILE_ID, 'p3', 'boss' as 'agent'),
    );
    await expectRefused(store, 'invalid-settings', () =>
      store.setParticipantRole(LOCAL_DEMO_PROFILE_ID, '__proto__', 'agent'),
    );
  });
});

describe('SettingsStore preferences and window state', () => {
  it('refuses out-of-range poll intervals, a fast interval above the slow one and unknown themes', async () => {
    const store = openStore(dir);
    await expectRefused(store, 'invalid-settings', () =>
      store.updatePreferences({ pollFastMs: POLL_FAST_BOUNDS.min - 1 }),
    );
    await expectRefused(store, 'invalid-settings', () =>
      store.updatePreferences({ pollSlowMs: POLL_SLOW_BOUNDS.max + 1 }),
    );
    await expectRefused(store, 'invalid-settings', () =>
      store.updatePreferences({ pollFastMs: 1000.5 }),
    );
    const error = await expectRefused(store, 'invalid-settings', () =>
      store.updatePreferences({ pollFastMs: 9000, pollSlowMs: 2000 }),
    );
    expect(error.message).toMatch(/fast poll interval/);
    await expectRefused(store, 'invalid-settings', () =>
      store.updatePreferences({ theme: 'blue' as 'dark' }),
    );
    await expectRefused(store, 'invalid-settings', () =>
      store.updatePreferences({ extra: true } as unknown as { theme: 'dark' }),
    );
  });

  it('accepts every in-bounds pair with fast <= slow, and nothing else (property)', () => {
    const store = openStore(dir);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400_000 }),
        fc.integer({ min: 0, max: 400_000 }),
        (fast, slow) => {
          const valid =
            fast >= POLL_FAST_BOUNDS.min &&
            fast <= POLL_FAST_BOUNDS.max &&
            slow >= POLL_SLOW_BOUNDS.min &&
            slow <= POLL_SLOW_BOUNDS.max &&
            fast <= slow;
          const before = store.getPreferences();
          let accepted = true;
          try {
            store.updatePreferences({ pollFastMs: fast, pollSlowMs: slow });
          } catch {
            accepted = false;
          }
          expect(accepted).toBe(valid);
          if (!accepted) expect(store.getPreferences()).toEqual(before);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('validates window bounds', async () => {
    const store = openStore(dir);
    store.setWindowState({ bounds: { width: 900, height: 700 }, maximized: false });
    await expectRefused(store, 'invalid-settings', () =>
      store.setWindowState({ bounds: { width: 10, height: 700 }, maximized: false }),
    );
  });
});
