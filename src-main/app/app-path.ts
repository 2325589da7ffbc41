import { join, normalize, sep } from 'node:path';

export const APP_SCHEME = 'app';
const APP_ORIGIN = `${APP_SCHEME}://patchbay`;

/**
 * Maps an app://patchbay/… URL to a file inside the renderer folder; null for any other host, an
 * encoded or dotted escape from the folder, or a malformed URL.
 */
export function resolveAppPath(url: string, root: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (`${parsed.protocol}//${parsed.host}` !== APP_ORIGIN) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  const base = normalize(root);
  const file = normalize(join(base, path === '/' ? 'index.html' : path));
  return file.startsWith(base + sep) ? file : null;
}

/**
 * The document the window loads: the built renderer under app://patchbay/, or — only in an
 * unpackaged app started by `npm run dev` (electron-vite sets `ELECTRON_RENDERER_URL`) — the
 * renderer's dev server, for hot reload. The dev server must be plain http on this machine's
 * loopback; anything else is refused rather than trusted with the bridge.
 */
export function rendererUrl(devServer: string | undefined, packaged: boolean): string {
  if (packaged || devServer === undefined || devServer === '') return `${APP_ORIGIN}/index.html`;
  let url: URL;
  try {
    url = new URL(devServer);
  } catch {
    throw new Error(`ELECTRON_RENDERER_URL is not a URL: "${devServer}"`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  if (url.protocol !== 'http:' || !loopback || !bare) {
    throw new Error(
      `ELECTRON_RENDERER_URL must be the dev server's http://localhost:PORT (or 127.0.0.1, [::1]), not "${devServer}"`,
    );
  }
  return `${url.origin}/index.html`;
}
