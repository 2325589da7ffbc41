/**
 * The only modules that touch the bridge. In Electron the preload has put `window.patchbay` there;
 * in a browser (the web host) the same bridge is built over a WebSocket from the same contract, so
 * nothing else in the renderer can tell the difference. The web host's own session (sign-in, sign
 * out, a second window's link, expiry) is `hostSession`, null in Electron.
 */
import { buildBridge } from '$shared/contract/bridge';
import { events, requests, type PatchbayBridge } from '$shared/contract';
import { SECRET_FRAGMENT, SESSION_STORAGE_KEY, WS_PATH } from '$shared/ws-protocol';
import { HostConnection, type OpenChannel, type TokenStore } from './host-connection';

export type { PatchbayBridge } from '$shared/contract';
export type { HostConnection };

/**
 * The one-time secret of a sign-in link (`/#secret=…`). The fragment is dropped from the address
 * at once, so it stays neither in the address bar, nor in history, nor in a reload.
 */
function takeSecret(): string | undefined {
  const secret = new URLSearchParams(window.location.hash.slice(1)).get(SECRET_FRAGMENT);
  if (secret === null) return undefined;
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${search}`);
  return secret || undefined;
}

/** `sessionStorage`: this origin (so this port) and this tab only. */
const tabTokens: TokenStore = {
  get: () => window.sessionStorage.getItem(SESSION_STORAGE_KEY),
  set: (token) => window.sessionStorage.setItem(SESSION_STORAGE_KEY, token),
  clear: () => window.sessionStorage.removeItem(SESSION_STORAGE_KEY),
};

const browserSocket: OpenChannel = (handlers) => {
  const url = new URL(WS_PATH, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(url);
  ws.addEventListener('open', () => handlers.open());
  ws.addEventListener('message', (message: MessageEvent<unknown>) => {
    if (typeof message.data === 'string') handlers.message(message.data);
  });
  ws.addEventListener('close', () => handlers.closed());
  return { send: (text) => ws.send(text), close: () => ws.close() };
};

/** The preload's bridge in Electron; in a browser, one over the web host's WebSocket. */
function bridge(): { api: PatchbayBridge; hostSession: HostConnection | null } {
  const preloaded = (globalThis as { patchbay?: PatchbayBridge }).patchbay;
  if (preloaded) return { api: preloaded, hostSession: null };
  const connection = new HostConnection({
    open: browserSocket,
    tokens: tabTokens,
    secret: takeSecret(),
    now: () => Date.now(),
    setTimer: (run, ms) => void window.setTimeout(run, ms),
  });
  window.addEventListener('hashchange', () => {
    const secret = takeSecret();
    if (secret !== undefined) connection.signInWith(secret);
  });
  return {
    api: buildBridge(requests, events, connection.invoke, connection.subscribe),
    hostSession: connection,
  };
}

export const { api, hostSession } = bridge();
