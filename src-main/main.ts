import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { registerElectronIpc } from './app/ipc-electron';
import { createMainWindow } from './app/window';
import { KeytarSecretStore } from './credentials';
import { createDispatcher } from './ipc/dispatcher';
import { createHandlers } from './ipc/handlers';
import { createLocalApi } from './local-api';
import { ConsoleCore } from './services/console-core';
import { createElectronSettingsStore } from './settings/electron-settings';
import { requests } from './shared/contract';

// Composition root only: build services, register IPC, open the window.
const outDir = join(import.meta.dirname, '..');
const rendererUrl = pathToFileURL(join(outDir, 'renderer', 'index.html')).href;

async function start(): Promise<void> {
  const localApi = await createLocalApi({ seed: 'demo', simulate: true });
  const core = await ConsoleCore.create({
    dataDir: app.getPath('userData'),
    settings: createElectronSettingsStore(),
    secrets: new KeytarSecretStore(),
    localApi,
  });
  const dispatch = createDispatcher(requests, createHandlers(core), {
    checkCaller: (caller) => (caller.trusted ? true : `${caller.url} is not Patchbay's window`),
    secrets: () => core.secrets(),
  });
  let window: BrowserWindow | undefined = createMainWindow(outDir);
  registerElectronIpc(dispatch, core, () => window, rendererUrl);
  window.on('closed', () => (window = undefined));
  app.on('window-all-closed', () => {
    void core
      .close()
      .then(() => localApi.close())
      .finally(() => app.quit());
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  void app.whenReady().then(start);
}
