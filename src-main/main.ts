import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createMainWindow } from './app/window';
import { createLocalApi, type LocalApi } from './local-api';

// Composition root: start the embedded local API (the default, offline backend), open the window.
const outDir = join(import.meta.dirname, '..');
let localApi: LocalApi | undefined;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  void app.whenReady().then(async () => {
    localApi = await createLocalApi({ seed: 'demo', simulate: true });
    createMainWindow(outDir);
  });
  app.on('window-all-closed', () => {
    void localApi?.close().finally(() => app.quit());
  });
}
