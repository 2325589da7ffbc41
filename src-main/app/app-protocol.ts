import { app, net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { rendererUrl, resolveAppPath, APP_SCHEME } from './app-path';

/** Must run before `app` is ready: `app://` is a standard, secure scheme (like https, not file). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from `rendererDir` under app://patchbay/; nothing outside it. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppPath(request.url, rendererDir);
    if (!file) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).href);
  });
}

/**
 * The window's document, and the only one trusted with the bridge: app://patchbay/index.html, or
 * the renderer's dev server under `npm run dev` (never in a packaged app).
 */
export const RENDERER_URL = rendererUrl(process.env['ELECTRON_RENDERER_URL'], app.isPackaged);
