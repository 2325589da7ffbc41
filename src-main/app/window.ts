import { BrowserWindow, screen, shell } from 'electron';
import type { SettingsStore } from '../settings';
import { join } from 'node:path';
import { RENDERER_URL } from './app-protocol';
import { isAllowedExternalUrl, isNavigationAllowed } from './navigation-policy';
import { secureWebPreferences } from './web-preferences';
import { MIN_SIZE, restoreBounds } from './window-bounds';

/** Opens the console window with the hardened renderer; navigation and new windows are denied. */
export function createMainWindow(outDir: string, settings: SettingsStore): BrowserWindow {
  const saved = settings.getWindowState();
  const areas = screen.getAllDisplays().map((d) => d.workArea);
  const window = new BrowserWindow({
    ...restoreBounds(saved.bounds, areas),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Patchbay',
    show: false,
    webPreferences: secureWebPreferences(join(outDir, 'preload', 'preload.cjs')),
  });
  window.once('ready-to-show', () => {
    if (saved.maximized) window.maximize();
    window.show();
  });
  // Remember size and position (not while maximized: keep the normal bounds to return to).
  window.on('close', () => {
    settings.setWindowState({ bounds: window.getNormalBounds(), maximized: window.isMaximized() });
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url, RENDERER_URL)) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.session.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  );
  window.webContents.session.setPermissionCheckHandler(() => false);
  void window.loadURL(RENDERER_URL);
  return window;
}
