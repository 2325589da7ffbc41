import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { RENDERER_URL, registerAppScheme, serveRenderer } from './app/app-protocol';
import { registerElectronIpc } from './app/ipc-electron';
import { installMenu } from './app/menu';
import { createMainWindow } from './app/window';
import { installWebContentsGuard } from './app/web-contents-guard';
import { KeytarSecretStore } from './credentials';
import { composeConsole } from './services/compose';
import { createElectronSettingsStore } from './app/electron-settings';

// Composition root only: build services, register IPC, open the window.
const outDir = join(import.meta.dirname, '..');

async function start(): Promise<void> {
  serveRenderer(join(outDir, 'renderer'));
  const settings = createElectronSettingsStore();
  const console = await composeConsole({
    dataDir: app.getPath('userData'),
    settings,
    secrets: new KeytarSecretStore(),
  });
  installMenu(process.platform === 'darwin', app.isPackaged);
  let window: BrowserWindow | undefined = createMainWindow(outDir, settings);
  registerElectronIpc(console.dispatch, console.core, () => window, RENDERER_URL);
  window.on('closed', () => (window = undefined));
  app.on('window-all-closed', () => {
    void console.close().finally(() => app.quit());
  });
}

registerAppScheme();
// Before any window exists: every web contents, not only the main window's, is guarded.
installWebContentsGuard(RENDERER_URL);
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Single instance: a second launch focuses the window that is already open.
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  void app.whenReady().then(start);
}
