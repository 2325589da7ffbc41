/**
 * Suite 7 — the web host's attack surface, beyond security.spec.ts (which covers a wrong Origin or
 * Host and a missing or forged token on the WebSocket from Node, one-time-link replay in a browser,
 * and the CSP): a REAL cross-site WebSocket attempt from a Chromium page served on another loopback
 * origin (same site) and on `localhost` (another site), plus cross-origin reads and framing from
 * that page; wrong Host headers on every kind of HTTP route (DNS rebinding); the one-time secret —
 * near misses, wrong types and replays over the socket, and never taken from an HTTP query; and the
 * session token bound to the origin it signed in on. (second-origin.spec.ts proves that a server on
 * another loopback port receives nothing that opens the bridge.)
 */
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { WS_PATH } from '../../src-main/shared/ws-protocol';
import { secretOf } from '../support/reliability/web-host';
import { invoke } from './helpers/bridge';
import { handshake } from './helpers/socket';
import { startHost, type RunningHost } from './support/web-host';
import { expect, tabToken, test } from './support/fixtures';

/** A page another local program could serve: it tries to drive the console from outside. */
function attackerPage(hostOrigin: string): string {
  return `<!doctype html><html><body><h1>Totally harmless</h1>
<iframe id="frame" src="${hostOrigin}/" title="target"></iframe>
<script>
window.attack = async (target) => {
  const report = { opened: false, messages: [], closeCode: null, error: false };
  await new Promise((resolve) => {
    let socket;
    try { socket = new WebSocket(target); } catch (e) { report.error = String(e); return resolve(); }
    socket.onopen = () => {
      report.opened = true;
      socket.send(JSON.stringify({ type: 'invoke', id: 1, name: 'profiles:list', input: {} }));
      socket.send(JSON.stringify({ type: 'invoke', id: 2, name: 'sessions:delete', input: { sessionId: 'x' } }));
    };
    socket.onmessage = (m) => report.messages.push(String(m.data));
    socket.onerror = () => { report.error = true; };
    socket.onclose = (e) => { report.closeCode = e.code; resolve(); };
    setTimeout(resolve, 4000);
  });
  return report;
};
window.read = async (url) => {
  try {
    const r = await fetch(url, { credentials: 'include' });
    return { status: r.status, body: (await r.text()).slice(0, 200) };
  } catch (e) { return { blocked: String(e) }; }
};
</script></body></html>`;
}

async function serveAttacker(hostOrigin: string): Promise<{ server: Server; port: number }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(attackerPage(hostOrigin));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/**
 * A raw HTTP/1.1 GET over a socket, with exactly the headers given (node's client and fetch would
 * replace an empty or missing Host). `undefined` values are left out.
 */
function get(
  origin: string,
  path: string,
  headers: Record<string, string | undefined>,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const url = new URL(origin);
  const lines = [`GET ${path} HTTP/1.1`];
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) lines.push(`${name}: ${value}`);
  }
  lines.push('Connection: close', '', '');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    let raw = '';
    socket.on('data', (chunk: Buffer) => (raw += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', ...rest] = raw.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const parsed: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        if (colon > 0) parsed[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({
        status: Number(statusLine.split(' ')[1] ?? 0),
        headers: parsed,
        body: rest.join('\r\n\r\n'),
      });
    });
    socket.write(lines.join('\r\n'));
  });
}

test('a page on another loopback origin cannot open the bridge, read the console or frame it', async ({
  console: app,
}) => {
  const { server, port } = await serveAttacker(app.url);
  const hostPort = new URL(app.url).port;
  try {
    // Same browser, already signed in: no cookie exists at all (the token is in our tab only).
    expect(await app.page.context().cookies()).toEqual([]);
    const handshakes: { url: string; error?: string }[] = [];
    const attacker = await app.page.context().newPage();
    attacker.on('websocket', (ws) => {
      const entry: { url: string; error?: string } = { url: ws.url() };
      handshakes.push(entry);
      ws.on('socketerror', (error) => (entry.error = error));
    });
    for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
      await attacker.goto(`${origin}/`);
      await expect(attacker.getByRole('heading', { name: 'Totally harmless' })).toBeVisible();
      for (const target of [
        `ws://127.0.0.1:${hostPort}${WS_PATH}`,
        `ws://localhost:${hostPort}${WS_PATH}`,
      ]) {
        const report = await attacker.evaluate(
          (t) => (window as unknown as { attack(t: string): Promise<unknown> }).attack(t),
          target,
        );
        expect(report, `${origin} → ${target}`).toMatchObject({ opened: false, messages: [] });
        expect((report as { closeCode: number | null }).closeCode).toBe(1006);
      }
      // Cross-origin reads get nothing: no CORS grant on any route.
      const read = (await attacker.evaluate(
        (u) => (window as unknown as { read(u: string): Promise<unknown> }).read(u),
        `${app.url}/`,
      )) as { status?: number; blocked?: string };
      expect(read.blocked).toBeDefined();
      // And the console refuses to be framed by it: the frame holds the browser's error page for
      // a refused document, never the console (an evaluation that fails here fails the test).
      const frame = attacker.frames().find((f) => f !== attacker.mainFrame());
      if (!frame) throw new Error('the attacker page has no frame');
      expect(frame.url()).toBe('chrome-error://chromewebdata/');
      expect(await frame.evaluate(() => document.body.innerText)).not.toContain('Patchbay');
      expect(await frame.evaluate(() => document.querySelector('#app'))).toBeNull();
    }
    expect(handshakes.length).toBeGreaterThanOrEqual(4);
    for (const h of handshakes) expect(h.error ?? 'no error reported', h.url).toMatch(/403/);
    await attacker.close();

    // Nothing got through: the real page still works and nothing was deleted.
    const after = await invoke(app.page, 'sessions:list', {});
    expect(after.ok).toBe(true);
    expect(after.ok && (after.value as unknown[]).length).toBeGreaterThan(0);
  } finally {
    server.close();
  }
});

test('every route refuses a Host that is not our loopback name and port (DNS rebinding)', async ({
  console: app,
}) => {
  const port = new URL(app.url).port;
  const script = await app.page.locator('script[src]').first().getAttribute('src');
  const asset = new URL(script ?? '/assets/x.js', `${app.url}/`).pathname;
  const routes = ['/', '/index.html', `/?secret=whatever`, asset, '/nope', WS_PATH];
  for (const host of [
    'evil.example',
    `evil.example:${port}`,
    `127.0.0.1:${Number(port) + 1}`,
    `127.0.0.2:${port}`,
    `[::1]:${port}`,
    `0.0.0.0:${port}`,
    `localhost.evil.example:${port}`,
    '',
    undefined,
  ]) {
    for (const path of routes) {
      const response = await get(app.url, path, { Host: host });
      // No Host at all is already a 400 in node's HTTP parser; any other wrong one is our 421.
      expect(response.status, `${host} ${path}`).toBe(host === undefined ? 400 : 421);
      expect(response.body).not.toContain('<script');
    }
  }
  // Our own names still work.
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
    expect((await get(app.url, '/', { Host: host })).status).toBe(200);
  }
});

test('the one-time secret: near misses, wrong types and replays are refused; HTTP never takes it', async () => {
  const host: RunningHost = await startHost();
  try {
    const secret = secretOf(host.loginUrl);
    expect(secret.length).toBeGreaterThanOrEqual(40);
    const hostHeader = new URL(host.origin).host;
    const ws = `${host.origin.replace('http', 'ws')}${WS_PATH}`;
    const signIn = (candidate: unknown) =>
      handshake(ws, { Origin: host.origin }, { type: 'sign-in', secret: candidate });
    // Over HTTP a secret is never looked at: the same static page, no cookie, nothing spent.
    for (const query of ['', `?secret=${secret}`, `?SECRET=${secret}`, `?secret[]=${secret}`]) {
      const response = await get(host.origin, `/${query}`, { Host: hostHeader });
      expect(response.status, query).toBe(200);
      expect(response.headers['set-cookie'], query).toBeUndefined();
      expect(response.body, query).not.toContain(secret);
    }
    const flipped = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;
    for (const candidate of [
      '',
      'secret',
      secret.slice(0, -1),
      flipped,
      `${secret}x`,
      secret.toUpperCase(),
      ` ${secret}`,
      [secret],
      { secret },
      null,
      secret.repeat(10),
    ]) {
      const attempt = await signIn(candidate);
      expect(attempt.answer, JSON.stringify(candidate)).toMatchObject({ type: 'refused' });
      expect(attempt.frames.map((f) => f.type)).toEqual(['refused']);
    }
    // The real one works once, from anyone who has it…
    const first = await signIn(secret);
    expect(first.answer).toMatchObject({
      type: 'signed-in',
      token: expect.stringMatching(/^[\w-]{43}$/),
    });
    // …and never again.
    for (let i = 0; i < 3; i += 1) {
      expect((await signIn(secret)).answer).toMatchObject({
        type: 'refused',
        reason: 'link-invalid',
      });
    }
    // Without a token the bridge answers nothing but its refusal.
    const bare = await handshake(
      ws,
      { Origin: host.origin },
      {
        type: 'invoke',
        id: 1,
        name: 'profiles:list',
        input: {},
      },
    );
    expect(bare.frames.map((f) => f.type)).toEqual(['refused']);
  } finally {
    await host.stop();
  }
});

test('the bridge wants exactly our Origin, and a token only works from the origin it signed in on', async ({
  console: app,
}) => {
  const token = await tabToken(app.page);
  const ws = `${app.url.replace('http', 'ws')}${WS_PATH}`;
  const port = new URL(app.url).port;
  const resume = { type: 'resume', token };
  for (const origin of [
    'null',
    `${app.url}/`,
    `https://127.0.0.1:${port}`,
    `http://127.0.0.1:${port}.evil.example`,
    `http://127.0.0.1:${Number(port) + 1}`,
    `file://`,
    `app://patchbay`,
  ]) {
    expect((await handshake(ws, { Origin: origin }, resume)).status, origin).toBe(403);
  }
  // localhost is our own name too, but this token signed in on 127.0.0.1.
  const elsewhere = await handshake(ws, { Origin: `http://localhost:${port}` }, resume);
  expect(elsewhere).toMatchObject({
    status: 101,
    answer: { type: 'refused', reason: 'not-signed-in' },
  });
  expect((await handshake(ws, { Origin: app.url }, resume)).answer).toMatchObject({
    type: 'signed-in',
  });
});
