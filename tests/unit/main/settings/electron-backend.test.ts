import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { SettingsStore } from '../../../../src-main/settings';

// The Electron binary cannot run here. electron-store itself is real; `electron` is not: the adapter
// gets an `app` that only knows its userData folder, and electron-store (loaded by Node, outside
// vitest's mocks) gets the `electron` npm package, told not to look for (or download) the binary,
// which leaves it without `app`/`ipcMain`, the way it runs outside Electron with an absolute cwd.
const userData = vi.hoisted(() => {
  process.env['ELECTRON_OVERRIDE_DIST_PATH'] ??= '/nonexistent-electron-dist';
  return { dir: '' };
});
vi.mock('electron', () => {
  const app = { getPath: (name: string): string => (name === 'userData' ? userData.dir : '') };
  return { default: {}, app };
});
const { createElectronSettingsStore, createElectronStoreBackend } =
  await import('../../../../src-main/app/electron-settings');

userData.dir = mkdtempSync(join(tmpdir(), 'patchbay-electron-settings-'));
afterAll(() => rmSync(userData.dir, { recursive: true, force: true }));

describe('SettingsStore over electron-store', () => {
  it('lives in userData and shares the file format with the conf store', async () => {
    const store = createElectronSettingsStore();
    expect(store.path).toBe(join(userData.dir, 'settings.json'));
    store.updatePreferences({ theme: 'light' });
    const plain = new SettingsStore({ cwd: userData.dir });
    expect(plain.loadReport).toEqual({ status: 'loaded' });
    expect(plain.getPreferences().theme).toBe('light');
    expect(JSON.parse(await readFile(store.path, 'utf8'))).toEqual(plain.snapshot());
  });

  it('keeps an unusable file aside over electron-store too', async () => {
    const cwd = mkdtempSync(join(userData.dir, 'other-'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(cwd, 'settings.json'), '{oops');
    const store = new SettingsStore({ cwd, createBackend: createElectronStoreBackend });
    expect(store.loadReport.status).toBe('recovered');
  });
});
