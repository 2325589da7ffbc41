import { SESSION_STORAGE_KEY, WS_PATH } from '../../src-main/shared/ws-protocol';
import { handshake } from './helpers/socket';
import { expect, signIn, tabToken, test } from './support/fixtures';

test('the page has a strict CSP, built at run time, that reaches only its own gateway', async ({
  console: app,
}) => {
  // (No Node or Electron globals in the page: Chromium has none, so that is checked where it can
  // fail, in the Electron window — electron-smoke.spec.ts.)
  const { page } = app;
  const response = await page.request.get(`${app.url}/`);
  const csp = response.headers()['content-security-policy'] ?? '';
  const directives = new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('script-src')).toEqual(["'self'"]);
  expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  // Exactly our own origin and the Local demo's device gateway (the local API's port, ws:).
  const gateway = `ws://${new URL(app.localApi.baseUrl).host}`;
  expect(directives.get('connect-src')).toEqual(["'self'", gateway]);
  // Cannot be framed by another page; the microphone for our own origin only.
  expect(response.headers()['x-frame-options']).toBe('DENY');
  expect(response.headers()['permissions-policy']).toContain('microphone=(self)');
  expect(response.headers()['permissions-policy']).toContain('camera=()');
  // No <meta> policy: a header cannot loosen one, and the gateway's port varies.
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveCount(0);

  // Inline script, remote connections and a WebSocket to any other port are refused.
  const blocked = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.blockedURI));
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.body.append(script);
    let fetched = 'allowed';
    try {
      await fetch('https://example.com/');
    } catch {
      fetched = 'blocked';
    }
    let socket = 'allowed';
    try {
      new WebSocket('ws://127.0.0.1:9/v3/').close();
    } catch {
      socket = 'blocked';
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    return {
      injected: (window as unknown as { __injected?: boolean }).__injected === true,
      fetched,
      socket: socket === 'blocked' || violations.some((v) => v.startsWith('ws://127.0.0.1:9')),
    };
  });
  expect(blocked).toEqual({ injected: false, fetched: 'blocked', socket: true });
});

test('the WebSocket wants our Origin and Host, then a session token in its first frame', async ({
  console: app,
}) => {
  const token = await tabToken(app.page);
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const ws = `${app.url.replace('http', 'ws')}${WS_PATH}`;
  const host = new URL(app.url).host;
  const resume = { type: 'resume', token };

  expect(await handshake(ws, { Origin: app.url }, resume)).toMatchObject({
    status: 101,
    answer: { type: 'signed-in' },
  });
  expect(await handshake(ws, { Origin: 'http://evil.example' }, resume)).toMatchObject({
    status: 403,
  });
  expect(await handshake(ws, { Origin: `http://localhost:1` }, resume)).toMatchObject({
    status: 403,
  });
  expect(await handshake(ws, {}, resume)).toMatchObject({ status: 403 });
  expect(await handshake(ws, { Origin: app.url, Host: 'evil.example' }, resume)).toMatchObject({
    status: 421,
  });
  for (const first of [
    undefined,
    { type: 'resume', token: 'forged' },
    { type: 'invoke', id: 1, name: 'profiles:list', input: {} },
  ]) {
    const attempt = await handshake(ws, { Origin: app.url }, first, 300);
    expect(attempt.status, JSON.stringify(first)).toBe(101);
    expect(attempt.answer?.type ?? 'nothing yet', JSON.stringify(first)).not.toBe('signed-in');
    expect(attempt.frames.some((f) => f.type === 'result' || f.type === 'event')).toBe(false);
  }
  expect(host).toMatch(/^127\.0\.0\.1:\d+$/);
});

test('the printed link works once, leaves the address at once, and sets no cookie', async ({
  host,
  browser,
}) => {
  expect(new URL(host.loginUrl).search).toBe('');
  const secret = new URLSearchParams(new URL(host.loginUrl).hash.slice(1)).get('secret') ?? '';
  const first = await browser.newContext();
  const page = await first.newPage();
  await signIn(page, host.loginUrl, host.origin);
  const kept = await page.evaluate(() => ({
    url: location.href,
    cookie: document.cookie,
    session: JSON.stringify({ ...sessionStorage }),
    local: JSON.stringify({ ...localStorage }),
  }));
  expect(kept.url).toBe(`${host.origin}/`);
  expect(kept.cookie).toBe('');
  expect(await first.cookies()).toEqual([]);
  expect(kept.session).not.toContain(secret);
  expect(kept.local).not.toContain(secret);
  expect(kept.session).toContain(await tabToken(page));

  // Anyone opening the same link afterwards gets a page that says it is spent, and no console.
  const second = await browser.newContext();
  const replay = await second.newPage();
  await replay.goto(host.loginUrl);
  await expect(
    replay.getByRole('heading', { name: 'This sign-in link does not work any more' }),
  ).toBeVisible();
  await expect(replay.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  for (const path of ['/', `/?secret=${secret}`, '/#secret=nope']) {
    await replay.goto(`${host.origin}${path}`);
    await expect(replay.getByRole('heading', { level: 2 })).toHaveText(
      path.includes('#')
        ? 'This sign-in link does not work any more'
        : 'Open Patchbay from its sign-in link',
    );
    await expect(
      replay.getByText('open the new one-time link printed in the terminal'),
    ).toBeVisible();
  }
  expect(await second.cookies()).toEqual([]);
  // The first window is still signed in, and survives a reload (its token is in this tab).
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await first.close();
  await second.close();
});

test('the bridge answers invoke frames with Results and malformed frames with an error', async ({
  console: app,
}) => {
  const result = await app.page.evaluate(async (key) => {
    const socket = new WebSocket(`${location.origin.replace('http', 'ws')}/bridge`);
    const frames: { type: string }[] = [];
    const waiters: (() => void)[] = [];
    socket.addEventListener('message', (m) => {
      frames.push(JSON.parse(m.data as string) as { type: string });
      waiters.splice(0).forEach((w) => w());
    });
    /** The next frame of this type (events may arrive in between). */
    const next = async (type: string, from: number): Promise<unknown> => {
      for (;;) {
        const found = frames.slice(from).find((f) => f.type === type);
        if (found) return found;
        await new Promise<void>((r) => waiters.push(r));
      }
    };
    await new Promise((r) => socket.addEventListener('open', r));
    socket.send(JSON.stringify({ type: 'resume', token: sessionStorage.getItem(key) }));
    await next('signed-in', 0);
    let from = frames.length;
    socket.send(JSON.stringify({ type: 'invoke', id: 1, name: 'profiles:list', input: {} }));
    const reply = await next('result', from);
    from = frames.length;
    socket.send('not json');
    const bad = await next('result', from);
    socket.close();
    return { reply, bad };
  }, SESSION_STORAGE_KEY);
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
