import { app, net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { rendererUrl, resolveAppPath, APP_SCHEME } from './app-path';

/** Must run before `app` is ready: `app://` is a standard, secure scheme (like https, not file). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves the built renderer from `rendererDir` under app://patchbay/; nothing outside it. Every
 * response carries `headers()`, read per response: the document's CSP names the device gateways
 * configured when it loads (see shared/security-policy.ts).
 */
export function serveRenderer(rendererDir: string, headers: () => Record<string, string>): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppPath(request.url, rendererDir);
    if (!file) return new Response('Not found', { status: 404 });
    const served = await net.fetch(pathToFileURL(file).href);
    const withHeaders = new Headers(served.headers);
    for (const [name, value] of Object.entries(headers())) withHeaders.set(name, value);
    return new Response(served.body, { status: served.status, headers: withHeaders });
  });
}

/**
 * The window's document, and the only one trusted with the bridge: app://patchbay/index.html, or
 * the renderer's dev server under `npm run dev` (never in a packaged app).
 */
export const RENDERER_URL = rendererUrl(process.env['ELECTRON_RENDERER_URL'], app.isPackaged);
