/**
 * Reading the settings file (raw JSON, migrated, validated), and keeping a file Patchbay cannot use
 * aside (never deleting it).
 */
import { readFileSync, renameSync } from 'node:fs';
import { makePrivateSync } from './data-folder';
import { SettingsError } from './errors';
import { ensureBuiltinProfiles, migrateSettings, SettingsVersionError } from './migrations';
import {
  defaultSettings,
  describeIssues,
  SETTINGS_SCHEMA_VERSION,
  settingsSchema,
  type Settings,
} from './schema';

export type SettingsLoadReport =
  | { status: 'created' }
  | { status: 'loaded' }
  | { status: 'migrated'; fromVersion: number; toVersion: number }
  | { status: 'recovered'; problem: string; keptAt: string; message: string };

export type RawRead =
  | { kind: 'missing' }
  | { kind: 'object'; value: Record<string, unknown> }
  | { kind: 'invalid'; problem: string };

export function readRawSettings(path: string): RawRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw new SettingsError('settings-unreadable', `The settings file ${path} cannot be read.`, {
      cause: error,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return { kind: 'invalid', problem: 'it is not valid JSON (damaged or cut short)' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'invalid', problem: 'it does not hold a JSON object' };
  }
  return { kind: 'object', value: value as Record<string, unknown> };
}

/** `2024-05-01T10:20:30.123Z` → `20240501T102030123Z`, safe in file names on every platform. */
function fileStamp(date: Date): string {
  return date.toISOString().replace(/[-:.]/g, '');
}

/**
 * Renames an unusable settings file to `<file>.corrupt-<stamp>` so nothing is lost, and returns the
 * new path. Throws (and so refuses to start over it) if the file cannot be moved.
 */
export function keepAside(path: string, now: Date): string {
  const target = `${path}.corrupt-${fileStamp(now)}`;
  try {
    renameSync(path, target);
    makePrivateSync(target);
  } catch (error) {
    throw new SettingsError(
      'settings-unreadable',
      `The settings file ${path} is unusable and could not be moved aside to ${target}; ` +
        'fix or move it by hand, then start Patchbay again.',
      { cause: error },
    );
  }
  return target;
}

/**
 * Reads, migrates and validates the settings file. A missing file gives the defaults; an unusable
 * one is kept aside (never deleted) and the defaults are used, with a message saying so. `write`:
 * what is returned differs from what is on disk.
 */
export function loadSettingsFile(
  path: string,
  now: Date,
): { data: Settings; report: SettingsLoadReport; write: boolean } {
  const read = readRawSettings(path);
  if (read.kind === 'missing')
    return { data: defaultSettings(), report: { status: 'created' }, write: true };
  let problem: string;
  if (read.kind === 'invalid') {
    problem = read.problem;
  } else {
    try {
      const { settings, fromVersion } = migrateSettings(read.value, now);
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
  const keptAt = keepAside(path, now);
  const message = `The settings file could not be used because ${problem}. It was kept as ${keptAt} and Patchbay started with default settings.`;
  return {
    data: defaultSettings(),
    report: { status: 'recovered', problem, keptAt, message },
    write: true,
  };
}
