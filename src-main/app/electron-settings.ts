/**
 * The Electron adapter: the same SettingsStore over electron-store in the app's userData folder.
 * Import this ONLY from main.ts (it imports `electron`, directly and through electron-store; nothing
 * else in settings/ does).
 * Note: constructing electron-store in the main process registers its own
 * `ipcMain.on('electron-store-get-data')` listener (it answers the userData path and app version, for
 * electron-store used in renderers). Patchbay's sandboxed preload never exposes ipcRenderer, so
 * renderers cannot reach it, but it is a channel outside the IPC contract.
 */
import { app } from 'electron';
import ElectronStore from 'electron-store';
import { SettingsStore, type SettingsBackendFactory } from '../settings/settings-store';

export const createElectronStoreBackend: SettingsBackendFactory = ({ cwd, configName }) =>
  new ElectronStore<Record<string, unknown>>({
    cwd,
    name: configName,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
    configFileMode: 0o600,
  });

/** Call after `app` is ready (or at least after the userData path is final). */
export function createElectronSettingsStore(): SettingsStore {
  return new SettingsStore({
    cwd: app.getPath('userData'),
    createBackend: createElectronStoreBackend,
  });
}
