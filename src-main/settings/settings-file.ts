/** Reading the settings file as raw JSON, and keeping a file Patchbay cannot use aside (never deleting it). */
import { readFileSync, renameSync } from 'node:fs';
import { makePrivateSync } from './data-folder';
import { SettingsError } from './errors';

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
