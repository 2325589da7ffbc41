import WebSocket from 'ws';
import { CONTENT_SECURITY_POLICY } from '../../src-main/host/security-headers';
import { WS_PATH } from '../../src-main/shared/ws-protocol';
import { expect, test } from './support/fixtures';

/** Tries a WebSocket handshake to the host; resolves with the HTTP status (101 when it opened). */
function handshake(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

test('the page has no Node, no Electron internals, and a strict CSP from header and meta', async ({
  console: app,
}) => {
  const { page } = app;
  const globals = await page.evaluate(() => ({
    require: typeof (globalThis as Record<string, unknown>)['require'],
    process: typeof (globalThis as Record<string, unknown>)['process'],
    ipcRenderer: typeof (globalThis as Record<string, unknown>)['ipcRenderer'],
    electron: typeof (globalThis as Record<string, unknown>)['electron'],
    module: typeof (globalThis as Record<string, unknown>)['module'],
  }));
  expect(globals).toEqual({
    require: 'undefined',
    process: 'undefined',
    ipcRenderer: 'undefined',
    electron: 'undefined',
    module: 'undefined',
  });

  const response = await page.request.get(`${app.url}/`);
  expect(response.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  // Cannot be framed by another page (frame-ancestors 'none' is in the policy above, too).
  expect(response.headers()['x-frame-options']).toBe('DENY');
  expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  const meta = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(meta).toContain("default-src 'self'");
  expect(meta).toContain("script-src 'self'");

  // Inline script and remote connections are refused by the policy.
  const blocked = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.body.append(script);
    let fetched = 'allowed';
    try {
      await fetch('https://example.com/');
    } catch {
      fetched = 'blocked';
    }
    return {
      injected: (window as unknown as { __injected?: boolean }).__injected === true,
      fetched,
    };
  });
  expect(blocked).toEqual({ injected: false, fetched: 'blocked' });
});

test('the WebSocket refuses a wrong origin, a wrong host and a missing session', async ({
  console: app,
}) => {
  const cookies = await app.page.context().cookies();
  const session = cookies.find((c) => c.name === 'patchbay_session');
  expect(session).toBeDefined();
  const cookie = `patchbay_session=${session?.value}`;
  const ws = `${app.url.replace('http', 'ws')}${WS_PATH}`;
  const host = new URL(app.url).host;

  expect(await handshake(ws, { Origin: app.url, Cookie: cookie })).toBe(101);
  expect(await handshake(ws, { Origin: 'http://evil.example', Cookie: cookie })).toBe(403);
  expect(await handshake(ws, { Origin: `http://localhost:1`, Cookie: cookie })).toBe(403);
  expect(await handshake(ws, { Cookie: cookie })).toBe(403);
  expect(await handshake(ws, { Origin: app.url, Cookie: cookie, Host: 'evil.example' })).toBe(421);
  expect(await handshake(ws, { Origin: app.url })).toBe(401);
  expect(await handshake(ws, { Origin: app.url, Cookie: 'patchbay_session=forged' })).toBe(401);
  expect(host).toMatch(/^127\.0\.0\.1:\d+$/);
});

test('the one-time secret works once; pages without a session are refused', async ({
  host,
  browser,
}) => {
  const first = await browser.newContext();
  const page = await first.newPage();
  await page.goto(host.loginUrl);
  await expect(page).toHaveURL(`${host.origin}/`);

  const second = await browser.newContext();
  const replay = await second.newPage();
  const replayed = await replay.goto(host.loginUrl);
  expect(replayed?.status()).toBe(401);
  const bare = await replay.goto(`${host.origin}/`);
  expect(bare?.status()).toBe(401);
  const wrong = await replay.goto(`${host.origin}/?secret=nope`);
  expect(wrong?.status()).toBe(401);
  await first.close();
  await second.close();
});

test('the bridge answers invoke frames with Results and malformed frames with an error', async ({
  console: app,
}) => {
  const result = await app.page.evaluate(async () => {
    const socket = new WebSocket(`${location.origin.replace('http', 'ws')}/bridge`);
    await new Promise((r) => socket.addEventListener('open', r));
    socket.send(JSON.stringify({ type: 'invoke', id: 1, name: 'profiles:list', input: {} }));
    const reply = await new Promise<string>((r) =>
      socket.addEventListener('message', (m) => r(m.data as string)),
    );
    socket.send('not json');
    const bad = await new Promise<string>((r) =>
      socket.addEventListener('message', (m) => r(m.data as string)),
    );
    socket.close();
    return { reply: JSON.parse(reply), bad: JSON.parse(bad) };
  });
  expect(result.reply).toMatchObject({
    type: 'result',
    id: 1,
    result: { ok: true, value: { activeId: 'local-demo' } },
  });
  expect(result.bad).toMatchObject({
    type: 'result',
    result: { ok: false, error: { code: 'invalid-frame' } },
  });
});
