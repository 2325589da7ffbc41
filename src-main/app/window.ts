import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { secureWebPreferences } from './web-preferences';

/** Opens the console window with the hardened renderer; navigation and new windows are denied. */
export function createMainWindow(outDir: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    title: 'Patchbay',
    show: false,
    webPreferences: secureWebPreferences(join(outDir, 'preload', 'preload.cjs')),
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\/(www\.)?bandwidth\.com\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.session.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  );
  void window.loadFile(join(outDir, 'renderer', 'index.html'));
  return window;
}
