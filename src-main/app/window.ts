import { BrowserWindow, screen } from 'electron';
import type { SettingsStore } from '../settings';
import { join } from 'node:path';
import { RENDERER_URL } from './app-protocol';
import { secureWebPreferences } from './web-preferences';
import { MIN_SIZE, restoreBounds } from './window-bounds';

/**
 * Opens the console window with the hardened renderer. Navigation, new windows, webviews and
 * permissions are denied for it (and every other web contents) by ./web-contents-guard.ts.
 */
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
  void window.loadURL(RENDERER_URL);
  return window;
}
