/**
 * Settings migrations, one pure function per version step (`from` → `from + 1`). They take the raw
 * JSON object as read from disk, are defensive about its shape (validation runs afterwards), and
 * never read or write files. Version 1 is the pre-release shape:
 *   { schemaVersion?: 1, profiles: [{id, name, accountId, username, baseUrl}],
 *     watchedSessions: {[profileId]: string[]}, preferences: {pollIntervalMs, theme},
 *     windowBounds?: {x, y, width, height} | null, windowMaximized?: boolean }
 * A file without `schemaVersion` is taken as version 1.
 */
import {
  DEFAULT_PREFERENCES,
  LOCAL_DEMO_PROFILE,
  LOCAL_DEMO_PROFILE_ID,
  POLL_FAST_BOUNDS,
  SETTINGS_SCHEMA_VERSION,
} from './schema';

export type RawSettings = Record<string, unknown>;
export type Migration = (raw: RawSettings, context: { now: Date }) => RawSettings;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.round(value)));
}

const v1ToV2: Migration = (raw, { now }) => {
  const profiles = Array.isArray(raw['profiles'])
    ? raw['profiles'].map((p: unknown) =>
        isRecord(p) ? { ...p, kind: p['id'] === LOCAL_DEMO_PROFILE_ID ? 'local' : 'bandwidth' } : p,
      )
    : [];
  const watchedSessions: Record<string, unknown> = {};
  if (isRecord(raw['watchedSessions'])) {
    for (const [profileId, ids] of Object.entries(raw['watchedSessions'])) {
      watchedSessions[profileId] = Array.isArray(ids)
        ? ids.map((id: unknown) =>
            typeof id === 'string' ? { id, label: '', addedAt: now.toISOString() } : id,
          )
        : ids;
    }
  }
  const oldPrefs = isRecord(raw['preferences']) ? raw['preferences'] : {};
  const interval = oldPrefs['pollIntervalMs'];
  const pollFastMs =
    typeof interval === 'number' && Number.isFinite(interval)
      ? clamp(interval, POLL_FAST_BOUNDS.min, POLL_FAST_BOUNDS.max)
      : DEFAULT_PREFERENCES.pollFastMs;
  const { windowBounds, windowMaximized, ...rest } = raw;
  return {
    ...rest,
    schemaVersion: 2,
    profiles,
    watchedSessions,
    participantRoles: {},
    preferences: {
      pollFastMs,
      pollSlowMs: Math.max(DEFAULT_PREFERENCES.pollSlowMs, pollFastMs),
      confirmations: DEFAULT_PREFERENCES.confirmations,
      theme: oldPrefs['theme'] ?? DEFAULT_PREFERENCES.theme,
    },
    window: { bounds: windowBounds ?? null, maximized: windowMaximized ?? false },
  };
};

/**
 * Version 3 lets a profile carry an optional call directory (`directory: {url}`; its token is in the
 * keychain). Nothing existing changes: no profile has a directory until one is set.
 */
const v2ToV3: Migration = (raw) => ({ ...raw, schemaVersion: 3 });

/**
 * Version 4 lets a profile name its supervisor (`supervisor: {displayName}`), the person who joins
 * calls as "me". Nothing existing changes: a profile has no supervisor until one is set (the Local
 * demo then uses its own fictional one).
 */
const v3ToV4: Migration = (raw) => ({ ...raw, schemaVersion: 4 });

/**
 * Version 5 lets a Bandwidth profile name its device gateway (`deviceGatewayUrl`, where my own
 * audio connects). Nothing existing changes: a profile without one uses Bandwidth's
 * (wss://device.webrtc.bandwidth.com); the Local demo always uses the embedded local API's own
 * gateway, which is never stored.
 */
const v4ToV5: Migration = (raw) => ({ ...raw, schemaVersion: 5 });

/** Step functions keyed by the version they migrate from. */
const MIGRATIONS: Readonly<Record<number, Migration>> = Object.freeze({
  1: v1ToV2,
  2: v2ToV3,
  3: v3ToV4,
  4: v4ToV5,
});

export class SettingsVersionError extends Error {
  constructor(readonly version: unknown) {
    super(
      typeof version === 'number' && version > SETTINGS_SCHEMA_VERSION
        ? `it was written by a newer Patchbay (settings version ${version}; this version reads up to ${SETTINGS_SCHEMA_VERSION})`
        : `its settings version ${JSON.stringify(version)} is not one Patchbay knows`,
    );
    this.name = 'SettingsVersionError';
  }
}

/** Brings a raw settings object to the current version. Throws SettingsVersionError. */
export function migrateSettings(
  raw: RawSettings,
  now: Date,
): { settings: RawSettings; fromVersion: number } {
  const declared = raw['schemaVersion'] ?? 1;
  if (typeof declared !== 'number' || !Number.isInteger(declared) || declared < 1) {
    throw new SettingsVersionError(declared);
  }
  if (declared > SETTINGS_SCHEMA_VERSION) throw new SettingsVersionError(declared);
  let settings = raw;
  for (let version = declared; version < SETTINGS_SCHEMA_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (!step) throw new SettingsVersionError(version);
    settings = step(settings, { now });
  }
  return { settings, fromVersion: declared };
}

/** The built-in Local demo profile is always there; a file that lost it gets it back (first). */
export function ensureBuiltinProfiles(raw: RawSettings): RawSettings {
  const profiles = Array.isArray(raw['profiles']) ? raw['profiles'] : [];
  const hasLocal = profiles.some((p: unknown) => isRecord(p) && p['id'] === LOCAL_DEMO_PROFILE_ID);
  return hasLocal ? raw : { ...raw, profiles: [{ ...LOCAL_DEMO_PROFILE }, ...profiles] };
}
