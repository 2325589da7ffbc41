import { app, BrowserWindow, Notification } from 'electron';
import { join } from 'node:path';
import { notifyAlerts } from './app/alert-notifications';
import { RENDERER_URL, registerAppScheme, serveRenderer } from './app/app-protocol';
import { appendChromiumSwitches } from './app/chromium-switches';
import { registerElectronIpc } from './app/ipc-electron';
import { installMenu } from './app/menu';
import { createMainWindow } from './app/window';
import { installWebContentsGuard } from './app/web-contents-guard';
import { KeytarSecretStore } from './credentials';
import { composeConsole } from './compose';
import { createElectronSettingsStore } from './app/electron-settings';
import { launchFlagsIn, parseLaunchOptions } from './launch-options';
import { securityHeaders } from './shared/security-policy';

// The Electron shell: the composition root (./compose.ts), then IPC and the window.
const outDir = join(import.meta.dirname, '..');
// The launcher (scripts/start.ts) has already refused bad flags; Electron adds switches of its own.
const launch = parseLaunchOptions(launchFlagsIn(process.argv.slice(1)));
if (launch.dataDir !== undefined) app.setPath('userData', launch.dataDir);

async function start(): Promise<void> {
  const settings = createElectronSettingsStore();
  const console = await composeConsole({
    dataDir: app.getPath('userData'),
    settings,
    secrets: new KeytarSecretStore(),
    localApi: {
      seed: 'demo',
      simulate: launch.simulate && { pace: launch.pace },
      port: launch.apiPort,
    },
  });
  serveRenderer(join(outDir, 'renderer'), () => securityHeaders(console.deviceGateways()));
  const { baseUrl, accountId, username, password } = console.localApi;
  // The terminal only (never a log file): a trainer can drive the demo with curl meanwhile.
  process.stdout.write(
    `Patchbay local WebRTC API: ${baseUrl} · account ${accountId} · user ${username} · password ${password}\n`,
  );
  installMenu(process.platform === 'darwin', app.isPackaged);
  let window: BrowserWindow | undefined = createMainWindow(outDir, settings);
  registerElectronIpc(console.dispatch, console.events, () => window, RENDERER_URL);
  window.on('closed', () => (window = undefined));
  notifyAlerts(console.events, ({ title, body }) => {
    if (!Notification.isSupported()) return;
    const notice = new Notification({ title: `Patchbay · ${title}`, body, urgency: 'critical' });
    notice.on('click', () => window?.show());
    notice.show();
  });
  app.on('window-all-closed', () => {
    void console.close().finally(() => app.quit());
  });
}

registerAppScheme();
// Before ready: WebRTC may reach the Local demo's device gateway on loopback (see the file).
appendChromiumSwitches(app.commandLine);
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
