/**
 * One guard for every web contents the app ever creates — the main window, any window a page
 * manages to open, DevTools, a webview — not only the main window: no navigation away from the
 * renderer document, no redirects, no new windows (allow-listed https pages go to the OS browser),
 * no webviews, and no permission but the microphone (audio only) for our own document's main frame
 * (./permission-policy.ts). Installed once, before the first window. Screen capture needs a
 * display-media handler, which is never set, so `getDisplayMedia` is refused as well.
 */
import { app, shell, type WebContents } from 'electron';
import { isAllowedExternalUrl } from './navigation-policy';
import { isOwnDocument } from './own-document';
import { grantsPermissionCheck, grantsPermissionRequest } from './permission-policy';

/** The part of a WebContents the guard uses (Electron's own, or a test's stand-in). */
export type GuardedContents = Pick<WebContents, 'setWindowOpenHandler' | 'on'> & {
  readonly session: Pick<
    WebContents['session'],
    'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'
  >;
};

/** Applies every rule to one web contents. */
export function guardWebContents(
  contents: GuardedContents,
  rendererUrl: string,
  openExternal: (url: string) => void,
): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isOwnDocument(url, rendererUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(grantsPermissionRequest(permission, details, rendererUrl)),
  );
  contents.session.setPermissionCheckHandler((_contents, permission, origin, details) =>
    grantsPermissionCheck(permission, origin, details, rendererUrl),
  );
  // HID, USB and serial devices: never.
  contents.session.setDevicePermissionHandler(() => false);
}

/** Guards every web contents from now on (call before the first window is created). */
export function installWebContentsGuard(rendererUrl: string): void {
  app.on('web-contents-created', (_event, contents) =>
    guardWebContents(contents, rendererUrl, (url) => void shell.openExternal(url)),
  );
}
