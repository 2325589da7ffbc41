import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettingsStore } from '../../../../src-main/settings';

export const FIXED_NOW = new Date('2025-03-04T05:06:07.089Z');

export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'patchbay-settings-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export function openStore(dir: string): SettingsStore {
  return new SettingsStore({ cwd: dir, now: () => FIXED_NOW });
}
