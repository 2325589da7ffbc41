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
import {
  describeIssues,
  idSchema,
  LOCAL_DEMO_PROFILE_ID,
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
import { loadSettingsFile, type SettingsLoadReport } from './settings-file';

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

const createConfBackend: SettingsBackendFactory = ({ cwd, configName }) =>
  new Conf<Record<string, unknown>>({
    cwd,
    configName,
    clearInvalidConfig: false, // an unusable file is moved aside by SettingsStore, never cleared
    accessPropertiesByDotNotation: false,
    configFileMode: 0o600,
  });

type OptionalProfileKey = 'directory' | 'supervisor' | 'deviceGatewayUrl';
const PROFILE_KEY_WORDS: Readonly<Record<OptionalProfileKey, string>> = {
  directory: 'directory',
  supervisor: 'supervisor',
  deviceGatewayUrl: 'device gateway',
};

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
    const { data, report, write } = loadSettingsFile(this.path, this.#now());
    // The backend is made after an unusable file was moved aside, so it never sees one.
    this.#backend = (options.createBackend ?? createConfBackend)({ cwd: options.cwd, configName });
    this.#data = data;
    this.loadReport = report;
    if (write) this.#write(data);
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
    return this.#setOptional(profileId, 'directory', directory && { ...directory });
  }

  /** Sets or (with null) clears the supervisor who joins calls as "me" on a profile. */
  setProfileSupervisor(profileId: string, supervisor: ProfileSupervisor | null): Profile {
    return this.#setOptional(profileId, 'supervisor', supervisor && { ...supervisor });
  }

  /** Sets or (with null: Bandwidth's default) clears a profile's device gateway base URL. */
  setProfileDeviceGateway(profileId: string, url: string | null): Profile {
    return this.#setOptional(profileId, 'deviceGatewayUrl', url);
  }

  /** Sets one optional member of a profile, or deletes it with null; validated like any change. */
  #setOptional<K extends OptionalProfileKey>(
    profileId: string,
    key: K,
    value: Profile[K] | null,
  ): Profile {
    this.#requireProfile(profileId);
    const next = this.#draft();
    for (const p of next.profiles) {
      if (p.id !== profileId) continue;
      if (value === null) Reflect.deleteProperty(p, key);
      else p[key] = value;
    }
    this.#commit(next, `profile ${PROFILE_KEY_WORDS[key]}`);
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
