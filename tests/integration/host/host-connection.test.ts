/**
 * The renderer's connection to the web host (src-renderer/lib/api/host-connection.ts) against a
 * real host: sign-in with the link's secret, the token kept (never the secret), invokes and events,
 * a dropped socket coming back by itself, spent links, sign-out in every window, a second window's
 * link, the expiry warning and the socket cap. Sockets are `ws` with the host's Origin, as a page's.
 */
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  HostConnection,
  type OpenChannel,
  type TokenStore,
} from '../../../src-renderer/lib/api/host-connection';
import { WS_PATH } from '../../../src-main/shared/ws-protocol';
import { openSocket, secretOf } from '../../support/reliability/web-host';
import { useClockedHosts } from './clocked-hosts';

const MINUTE = 60_000;
const start = useClockedHosts();

interface Page {
  connection: HostConnection;
  tokens: TokenStore & { value: string | null };
  /** The page's current socket (to drop it from outside). */
  socket(): WebSocket | undefined;
  /** Runs the reconnect timers the connection has set. */
  fireTimers(): void;
  sockets: number;
}

function page(origin: string, secret: string | undefined, token: string | null = null): Page {
  const timers: (() => void)[] = [];
  let current: WebSocket | undefined;
  const tokens = {
    value: token,
    get: () => tokens.value,
    set: (t: string) => void (tokens.value = t),
    clear: () => void (tokens.value = null),
  };
  const result: Page = {
    tokens,
    sockets: 0,
    socket: () => current,
    fireTimers: () => timers.splice(0).forEach((run) => run()),
    connection: undefined as unknown as HostConnection,
  };
  const open: OpenChannel = (handlers) => {
    const ws = new WebSocket(`${origin.replace('http', 'ws')}${WS_PATH}`, {
      headers: { Origin: origin },
    });
    current = ws;
    result.sockets += 1;
    ws.on('open', () => handlers.open());
    ws.on('message', (data, isBinary) => {
      if (!isBinary) handlers.message(data.toString());
    });
    ws.on('close', () => handlers.closed());
    ws.on('error', () => undefined);
    return { send: (text) => ws.send(text), close: () => ws.close() };
  };
  result.connection = new HostConnection({
    open,
    tokens,
    secret,
    now: () => 5_000_000,
    setTimer: (run) => void timers.push(run),
  });
  return result;
}

async function phase(p: Page, wanted: string): Promise<void> {
  for (let i = 0; i < 300 && p.connection.snapshot.phase !== wanted; i += 1) {
    await new Promise((r) => setTimeout(r, 10));
  }
  expect(p.connection.snapshot.phase).toBe(wanted);
}

describe('the renderer connection to the web host', () => {
  it('signs in with the link, keeps only the token, and comes back by itself after a drop', async () => {
    const s = await start();
    const other = await openSocket(s.host.origin, { type: 'resume', token: s.token });
    other.socket.send(JSON.stringify({ type: 'mint-link' }));
    await until(() => other.frames.some((f) => f.type === 'link'));
    const link = other.frames.find((f) => f.type === 'link');
    const secret = link?.type === 'link' && link.result.ok ? secretOf(link.result.value.url) : '';
    const p = page(s.host.origin, secret);
    const invoked = p.connection.invoke('profiles:list', {}); // made while signing in: waits
    await phase(p, 'open');
    expect(await invoked).toMatchObject({ ok: true, value: { activeId: 'local-demo' } });
    expect(p.tokens.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.tokens.value).not.toBe(secret);
    expect(p.connection.snapshot).toMatchObject({
      endsAt: 5_000_000 + 12 * 60 * MINUTE,
      maxSockets: 4,
      warnedEndsAt: null,
    });
    const profiles: unknown[] = [];
    p.connection.subscribe('profiles:changed', (payload) => void profiles.push(payload));

    p.socket()?.terminate();
    await phase(p, 'reconnecting');
    expect(p.connection.snapshot.lapsesAt).toBe(5_000_000 + 30 * MINUTE);
    expect(await p.connection.invoke('profiles:list', {})).toMatchObject({
      ok: false,
      error: { code: 'disconnected' },
    });
    p.fireTimers();
    await phase(p, 'open');
    expect(p.sockets).toBe(2);
    expect(await p.connection.invoke('profiles:select', { profileId: 'local-demo' })).toMatchObject(
      {
        ok: true,
      },
    );
    await until(() => profiles.length > 0);
    other.socket.close();
  });

  it('says why it is not signed in: no link, a spent link; a spent link in a signed-in tab carries on', async () => {
    const s = await start();
    const none = page(s.host.origin, undefined);
    expect(none.connection.snapshot).toMatchObject({
      phase: 'ended',
      ended: { reason: 'no-link' },
    });
    expect(none.sockets).toBe(0);
    const spent = page(s.host.origin, secretOf(s.host.loginUrl));
    await phase(spent, 'ended');
    expect(spent.connection.snapshot.ended).toEqual({
      reason: 'link-invalid',
      byThisWindow: false,
    });
    expect(await spent.connection.invoke('profiles:list', {})).toMatchObject({
      error: { code: 'signed-out' },
    });
    const reopened = page(s.host.origin, secretOf(s.host.loginUrl), s.token);
    await until(() => reopened.sockets === 1 && reopened.socket()?.readyState === WebSocket.CLOSED);
    reopened.fireTimers();
    await phase(reopened, 'open');
    reopened.socket()?.close();
  });

  it('signs out every window; mints a link for a second one; shows the expiry warning', async () => {
    const s = await start();
    const first = page(s.host.origin, undefined, s.token);
    await phase(first, 'open');
    const minted = await first.connection.mintLink();
    if (!minted.ok) throw new Error('mint refused');
    const second = page(s.host.origin, secretOf(minted.value.url));
    await phase(second, 'open');
    s.clock.advance(11 * 60 * MINUTE + 30 * MINUTE);
    await until(() => second.connection.snapshot.warnedEndsAt !== null);
    expect(second.connection.snapshot.warnedEndsAt).toBe(5_000_000 + 30 * MINUTE);
    expect(await second.connection.signOut()).toEqual({ ok: true, value: null });
    expect(second.connection.snapshot.ended).toEqual({ reason: 'signed-out', byThisWindow: true });
    expect(second.tokens.value).toBeNull();
    await phase(first, 'ended');
    expect(first.connection.snapshot.ended).toEqual({ reason: 'signed-out', byThisWindow: false });
    expect(first.tokens.value).toBeNull();
  });

  it('waits for a free socket when the session holds its most, then connects', async () => {
    const s = await start();
    const held = await Promise.all(
      [0, 1, 2, 3].map(() => openSocket(s.host.origin, { type: 'resume', token: s.token })),
    );
    const p = page(s.host.origin, undefined, s.token);
    await phase(p, 'waiting');
    held[0]?.socket.close();
    await held[0]?.closed;
    await until(() => p.socket()?.readyState === WebSocket.CLOSED);
    p.fireTimers();
    await phase(p, 'open');
    for (const h of held) h.socket.close();
  });
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !check(); i += 1) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}
