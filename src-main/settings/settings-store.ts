/**
 * Patchbay's settings: profiles (never a password), watched sessions and participant roles per
 * profile, preferences, window state. Backed by `conf` (or electron-store, the same class underneath,
 * through `app/electron-settings.ts`), which writes atomically (temp file, fsync, rename). The data is
 * validated with zod on load and before every write; a refused change leaves memory and disk as they
 * were. One writer per file is assumed (the Electron app holds a single-instance lock).
 */
import Conf from 'conf';
import { join } from 'node:path';
import type * as z from 'zod';
import { SettingsError } from './errors';
import { ensureBuiltinProfiles, migrateSettings, SettingsVersionError } from './migrations';
import {
  defaultSettings,
  describeIssues,
  idSchema,
  LOCAL_DEMO_PROFILE_ID,
  SETTINGS_SCHEMA_VERSION,
  settingsSchema,
  type ParticipantRole,
  type Preferences,
  type Profile,
  type ProfileDirectory,
  type ProfileSupervisor,
  type Settings,
  type WatchedSession,
  type WindowState,
} from './schema';
import { ensurePrivateDirSync, makePrivateSync } from './data-folder';
import { keepAside, readRawSettings } from './settings-file';

/** What the store needs from conf / electron-store. */
export interface SettingsBackend {
  readonly path: string;
  store: Record<string, unknown>;
}
export interface SettingsBackendOptions {
  cwd: string;
  configName: string;
}
export type SettingsBackendFactory = (options: SettingsBackendOptions) => SettingsBackend;

export interface SettingsStoreOptions {
  /** The folder holding the settings file (a throwaway folder in tests and the web host). */
  cwd: string;
  /** File name without `.json`; default `settings`. */
  configName?: string;
  now?: () => Date;
  /** Default: plain `conf`. Electron passes electron-store (see app/electron-settings.ts). */
  createBackend?: SettingsBackendFactory;
}

export type SettingsLoadReport =
  | { status: 'created' }
  | { status: 'loaded' }
  | { status: 'migrated'; fromVersion: number; toVersion: number }
  | { status: 'recovered'; problem: string; keptAt: string; message: string };

const createConfBackend: SettingsBackendFactory = ({ cwd, configName }) =>
  new Conf<Record<string, unknown>>({
    cwd,
    configName,
    clearInvalidConfig: false, // an unusable file is moved aside by SettingsStore, never cleared
    accessPropertiesByDotNotation: false,
    configFileMode: 0o600,
  });

export class SettingsStore {
  readonly path: string;
  readonly loadReport: SettingsLoadReport;
  readonly #backend: SettingsBackend;
  readonly #now: () => Date;
  #data: Settings;

  constructor(options: SettingsStoreOptions) {
    const configName = options.configName ?? 'settings';
    this.#now = options.now ?? ((): Date => new Date());
    this.path = join(options.cwd, `${configName}.json`);
    // The settings folder is the data folder: owner-only, as is the file (an older one tightened).
    ensurePrivateDirSync(options.cwd);
    makePrivateSync(this.path);
    const { data, report, write } = this.#load();
    // The backend is made after an unusable file was moved aside, so it never sees one.
    this.#backend = (options.createBackend ?? createConfBackend)({ cwd: options.cwd, configName });
    this.#data = data;
    this.loadReport = report;
    if (write) this.#write(data);
  }

  #load(): { data: Settings; report: SettingsLoadReport; write: boolean } {
    const read = readRawSettings(this.path);
    if (read.kind === 'missing')
      return { data: defaultSettings(), report: { status: 'created' }, write: true };
    let problem: string;
    if (read.kind === 'invalid') {
      problem = read.problem;
    } else {
      try {
        const { settings, fromVersion } = migrateSettings(read.value, this.#now());
        const withBuiltins = ensureBuiltinProfiles(settings);
        const parsed = settingsSchema.safeParse(withBuiltins);
        if (parsed.success) {
          const changed = fromVersion !== SETTINGS_SCHEMA_VERSION || withBuiltins !== settings;
          const report: SettingsLoadReport =
            fromVersion === SETTINGS_SCHEMA_VERSION
              ? { status: 'loaded' }
              : { status: 'migrated', fromVersion, toVersion: SETTINGS_SCHEMA_VERSION };
          return { data: parsed.data, report, write: changed };
        }
        problem = `it does not match the settings schema (${describeIssues(parsed.error)})`;
      } catch (error) {
        if (!(error instanceof SettingsVersionError)) throw error;
        problem = error.message;
      }
    }
    const keptAt = keepAside(this.path, this.#now());
    const message = `The settings file could not be used because ${problem}. It was kept as ${keptAt} and Patchbay started with default settings.`;
    return {
      data: defaultSettings(),
      report: { status: 'recovered', problem, keptAt, message },
      write: true,
    };
  }

  #write(next: Settings): void {
    try {
      this.#backend.store = next;
    } catch (error) {
      throw new SettingsError(
        'settings-write-failed',
        `The settings could not be saved to ${this.path}.`,
        {
          cause: error,
        },
      );
    }
  }

  /** Validates and saves the next state; on any failure nothing changes. */
  #commit(next: Settings, what: string): void {
    const parsed = settingsSchema.safeParse(next);
    if (!parsed.success) throw invalid(what, parsed.error);
    this.#write(parsed.data);
    this.#data = parsed.data;
  }

  #draft(): Settings {
    return structuredClone(this.#data);
  }

  #requireProfile(profileId: string): Profile {
    const profile = this.#data.profiles.find((p) => p.id === profileId);
    if (!profile)
      throw new SettingsError('profile-not-found', `There is no profile with id "${profileId}".`);
    return profile;
  }

  /** A deep copy of everything. */
  snapshot(): Settings {
    return this.#draft();
  }

  // Profiles

  listProfiles(): Profile[] {
    return this.#draft().profiles;
  }

  getProfile(profileId: string): Profile | undefined {
    const profile = this.#data.profiles.find((p) => p.id === profileId);
    return profile ? { ...profile } : undefined;
  }

  addProfile(profile: Profile): Profile {
    if (this.#data.profiles.some((p) => p.id === profile.id)) {
      throw new SettingsError(
        'duplicate-profile',
        `A profile with id "${profile.id}" already exists.`,
      );
    }
    const next = this.#draft();
    next.profiles.push({ ...profile });
    this.#commit(next, 'profile');
    return { ...this.#requireProfile(profile.id) };
  }

  renameProfile(profileId: string, name: string): Profile {
    this.#requireProfile(profileId);
    const next = this.#draft();
    for (const p of next.profiles) if (p.id === profileId) p.name = name;
    this.#commit(next, 'profile name');
    return { ...this.#requireProfile(profileId) };
  }

  /** Sets or (with null) clears a profile's call directory. */
  setProfileDirectory(profileId: string, directory: ProfileDirectory | null): Profile {
    this.#requireProfile(profileId);
    const next = this.#draft();
    for (const p of next.profiles) {
      if (p.id !== profileId) continue;
      if (directory === null) delete p.directory;
      else p.directory = { ...directory };
    }
    this.#commit(next, 'profile directory');
    return { ...this.#requireProfile(profileId) };
  }

  /** Sets or (with null) clears the supervisor who joins calls as "me" on a profile. */
  setProfileSupervisor(profileId: string, supervisor: ProfileSupervisor | null): Profile {
    this.#requireProfile(profileId);
    const next = this.#draft();
    for (const p of next.profiles) {
      if (p.id !== profileId) continue;
      if (supervisor === null) delete p.supervisor;
      else p.supervisor = { ...supervisor };
    }
    this.#commit(next, 'profile supervisor');
    return { ...this.#requireProfile(profileId) };
  }

  /** Removes a profile with its watched sessions and participant roles. */
  removeProfile(profileId: string): void {
    if (profileId === LOCAL_DEMO_PROFILE_ID) {
      throw new SettingsError(
        'builtin-profile',
        'The built-in "Local demo" profile cannot be removed.',
      );
    }
    this.#requireProfile(profileId);
    const next = this.#draft();
    next.profiles = next.profiles.filter((p) => p.id !== profileId);
    next.watchedSessions = without(next.watchedSessions, profileId);
    next.participantRoles = without(next.participantRoles, profileId);
    this.#commit(next, 'profiles');
  }

  // Watched sessions

  listWatchedSessions(profileId: string): WatchedSession[] {
    this.#requireProfile(profileId);
    return structuredClone(this.#data.watchedSessions[profileId] ?? []);
  }

  /** Adds a session to the profile's register; watching one already watched returns it unchanged. */
  addWatchedSession(profileId: string, session: { id: string; label?: string }): WatchedSession {
    this.#requireProfile(profileId);
    const existing = this.#data.watchedSessions[profileId]?.find((w) => w.id === session.id);
    if (existing) return { ...existing };
    const entry: WatchedSession = {
      id: session.id,
      label: session.label ?? '',
      addedAt: this.#now().toISOString(),
    };
    const next = this.#draft();
    next.watchedSessions[profileId] = [...(next.watchedSessions[profileId] ?? []), entry];
    this.#commit(next, 'watched session');
    return entry;
  }

  relabelWatchedSession(profileId: string, sessionId: string, label: string): WatchedSession {
    this.#requireProfile(profileId);
    const next = this.#draft();
    const entry = next.watchedSessions[profileId]?.find((w) => w.id === sessionId);
    if (!entry)
      throw new SettingsError(
        'session-not-watched',
        `Session "${sessionId}" is not watched in this profile.`,
      );
    entry.label = label;
    this.#commit(next, 'watched session label');
    return { ...entry };
  }

  /** True when the session was watched. */
  removeWatchedSession(profileId: string, sessionId: string): boolean {
    this.#requireProfile(profileId);
    const current = this.#data.watchedSessions[profileId] ?? [];
    if (!current.some((w) => w.id === sessionId)) return false;
    const next = this.#draft();
    next.watchedSessions[profileId] = current.filter((w) => w.id !== sessionId);
    this.#commit(next, 'watched sessions');
    return true;
  }

  // Participant roles

  getParticipantRoles(profileId: string): Record<string, ParticipantRole> {
    this.#requireProfile(profileId);
    return { ...this.#data.participantRoles[profileId] };
  }

  /** Sets a participant's role in a profile; `null` clears it. */
  setParticipantRole(profileId: string, participantId: string, role: ParticipantRole | null): void {
    this.#requireProfile(profileId);
    const id = idSchema.safeParse(participantId);
    if (!id.success) throw invalid('participant id', id.error);
    const next = this.#draft();
    const roles = without(next.participantRoles[profileId] ?? {}, participantId);
    next.participantRoles[profileId] = role === null ? roles : { ...roles, [participantId]: role };
    this.#commit(next, 'participant role');
  }

  // Preferences and window state

  getPreferences(): Preferences {
    return { ...this.#data.preferences };
  }

  updatePreferences(patch: Partial<Preferences>): Preferences {
    const next = this.#draft();
    next.preferences = { ...next.preferences, ...patch };
    this.#commit(next, 'preferences');
    return this.getPreferences();
  }

  getWindowState(): WindowState {
    return structuredClone(this.#data.window);
  }

  setWindowState(state: WindowState): void {
    const next = this.#draft();
    next.window = structuredClone(state);
    this.#commit(next, 'window state');
  }
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
}

function invalid(what: string, error: z.ZodError): SettingsError {
  return new SettingsError('invalid-settings', `Invalid ${what}: ${describeIssues(error)}.`);
}
