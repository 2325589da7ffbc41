import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DirectoryClient, retryDelay } from '../../../src-main/directory';
import { createLocalApi, type LocalApi } from '../../../src-main/local-api';
import type { DirectoryUpdate } from '../../../src-main/shared/dto/directory';
import { LocalApiClient } from '../../support/local-api-client';

const TOKEN = 'directory-token-Xq7-secret';
const feed = (calls: number, events?: string): string =>
  JSON.stringify({
    version: 1,
    generatedAt: '2026-11-24T09:41:07Z',
    ...(events ? { events } : {}),
    calls: Array.from({ length: calls }, (_, i) => ({
      sessionId: `s${i}`,
      label: `Call ${i}`,
      queue: 'Billing',
      startedAt: '2026-11-24T09:00:00Z',
      participants: [{ participantId: `p${i}`, displayName: `Ada ${i}`, role: 'customer' }],
    })),
  });

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let server: Server | undefined;
let client: DirectoryClient | undefined;
let api: LocalApi | undefined;
afterEach(async () => {
  await client?.close();
  await api?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  client = api = server = undefined;
});

/** A tiny feed server; `handle` may change between requests. */
async function serve(handle: { current: Handler }): Promise<string> {
  server = createServer((req, res) => handle.current(req, res));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/calls`;
}

const json = (res: ServerResponse, body: string, status = 200, headers = {}): void => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);
};

function start(
  url: string,
  options: Partial<ConstructorParameters<typeof DirectoryClient>[0]> = {},
) {
  const updates: DirectoryUpdate[] = [];
  client = new DirectoryClient({
    source: { url, token: () => Promise.resolve(TOKEN) },
    pollMs: 20,
    maxBackoffMs: 40,
    timeoutMs: 500,
    ...options,
  });
  client.subscribe((u) => updates.push(u));
  return updates;
}

describe('DirectoryClient against the Local demo feed', () => {
  it('reads the demo calls, switches to its event stream, and hears a call end', async () => {
    api = await createLocalApi({ seed: 'demo' });
    const a = api;
    client = new DirectoryClient({
      source: { url: a.directory.url, token: () => Promise.resolve(a.directory.token) },
      pollMs: 50,
    });
    const updates: DirectoryUpdate[] = [];
    client.subscribe((u) => updates.push(u));
    await expect.poll(() => client?.status.transport, { timeout: 5000 }).toBe('stream');
    expect(client.snapshot?.calls).toHaveLength(6);
    expect(client.status.health).toBe('ok');
    const ended = client.snapshot?.calls[0]?.sessionId ?? '';
    await new LocalApiClient(a).deleteSession(ended);
    await expect
      .poll(() => updates.some((u) => u.changes.ended.some((c) => c.sessionId === ended)), {
        timeout: 5000,
      })
      .toBe(true);
    expect(client.snapshot?.calls).toHaveLength(5);
  });

  it('a wrong token: failing, with the reason in plain words and never the token', async () => {
    api = await createLocalApi({ seed: 'demo' });
    const a = api;
    client = new DirectoryClient({
      source: { url: a.directory.url, token: () => Promise.resolve(TOKEN) },
    });
    const status = await client.refresh();
    expect(status.health).toBe('failing');
    expect(status.reason).toMatch(/refused the token \(401 Unauthorized\)/);
    expect(JSON.stringify(status)).not.toContain(TOKEN);
    expect(client.snapshot).toBeUndefined();
  });
});

describe('DirectoryClient against a tiny feed server', () => {
  it('polls with If-None-Match; a 304 changes nothing and publishes nothing', async () => {
    const seen: (string | undefined)[] = [];
    const handle = {
      current: ((req, res) => {
        seen.push(req.headers['if-none-match']);
        expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
        if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
        json(res, feed(2), 200, { etag: '"v1"' });
      }) as Handler,
    };
    const updates = start(await serve(handle), { stream: false });
    await expect.poll(() => seen.length, { timeout: 5000 }).toBeGreaterThan(4);
    expect(seen[0]).toBeUndefined();
    expect(seen.slice(1).every((tag) => tag === '"v1"')).toBe(true);
    expect(updates).toHaveLength(1);
    expect(updates[0]?.changes.started).toHaveLength(2);
    expect(client?.status).toMatchObject({ health: 'ok', transport: 'poll', calls: 2 });
  });

  it('follows a pushed stream and reconnects after it drops', async () => {
    let streams = 0;
    const handle = {
      current: ((req, res) => {
        if (req.url !== '/events') return json(res, feed(1, '/events'));
        streams += 1;
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(`: hello\n\nevent: snapshot\ndata: ${feed(streams + 1, '/events')}\n\n`);
        if (streams === 1) setTimeout(() => res.end(), 30);
      }) as Handler,
    };
    start(await serve(handle));
    await expect.poll(() => client?.snapshot?.calls.length, { timeout: 5000 }).toBe(3);
    expect(streams).toBe(2);
    expect(client?.status).toMatchObject({ health: 'ok', transport: 'stream' });
  });

  it('a broken events URL: polling goes on, healthy, and the stream is retried with backoff', async () => {
    let polls = 0;
    let streams = 0;
    const handle = {
      current: ((req, res) => {
        if (req.url === '/events') {
          streams += 1;
          return json(res, '{"message":"no"}', 404);
        }
        polls += 1;
        json(res, feed(2, '/events'));
      }) as Handler,
    };
    const updates = start(await serve(handle), { maxBackoffMs: 400 });
    await expect.poll(() => polls, { timeout: 5000 }).toBeGreaterThan(12);
    expect(streams).toBeGreaterThan(1);
    expect(streams).toBeLessThan(polls / 2);
    expect(updates.every((u) => u.status.health === 'ok')).toBe(true);
    expect(client?.status).toMatchObject({ health: 'ok', transport: 'poll', calls: 2 });
  });

  it('a bad feed keeps the last good snapshot: stale, then failing after the grace period', async () => {
    let now = 1_000_000;
    let body = feed(2);
    const handle = { current: ((_req, res) => json(res, body)) as Handler };
    start(await serve(handle), { stream: false, graceMs: 10_000, now: () => now });
    await expect.poll(() => client?.status.health, { timeout: 5000 }).toBe('ok');
    const good = client?.snapshot;
    body = feed(2).replace('"customer"', '"boss"');
    await expect.poll(() => client?.status.health, { timeout: 5000 }).toBe('stale');
    expect(client?.status.reason).toMatch(
      /calls\[0\]\.participants\[0\]\.role must be customer, agent, supervisor or other/,
    );
    expect(client?.snapshot).toEqual(good);
    now += 10_000;
    await expect.poll(() => client?.status.health, { timeout: 5000 }).toBe('failing');
    expect(client?.snapshot).toEqual(good);
    body = feed(3);
    await expect.poll(() => client?.status.health, { timeout: 5000 }).toBe('ok');
    expect(client?.snapshot?.calls).toHaveLength(3);
  });

  it.each([
    ['oversized', (res: ServerResponse) => json(res, feed(50)), /larger than 1000 bytes/],
    ['not JSON', (res: ServerResponse) => json(res, '{"version": 1,'), /not valid JSON/],
    [
      'HTML',
      (res: ServerResponse) => void res.writeHead(200, { 'content-type': 'text/html' }).end('<p>'),
      /answered text\/html, not application\/json/,
    ],
    [
      'a redirect',
      (res: ServerResponse) => void res.writeHead(302, { location: 'https://x.test/' }).end(),
      /does not follow them/,
    ],
    ['silent', () => undefined, /did not answer within 500 ms/],
  ])('%s: a clear reason and no snapshot', async (_name, answer, reason) => {
    const handle = { current: ((_req, res) => answer(res)) as Handler };
    client = new DirectoryClient({
      source: { url: await serve(handle), token: () => Promise.resolve(TOKEN) },
      maxBytes: 1000,
      timeoutMs: 500,
    });
    const status = await client.refresh();
    expect(status.health).toBe('failing');
    expect(status.reason).toMatch(reason);
    expect(client.snapshot).toBeUndefined();
  });

  it('waits as long as Retry-After asks after a 429', async () => {
    const now = 5_000_000;
    const handle = {
      current: ((_req, res) => json(res, '{}', 429, { 'retry-after': '7' })) as Handler,
    };
    start(await serve(handle), { now: () => now });
    await expect.poll(() => client?.status.nextAttemptAt, { timeout: 5000 }).toBe(now + 7000);
    expect(client?.status.reason).toMatch(/busy \(HTTP 429\) and asked to wait 7 s/);
  });

  it('backs off: doubling from the poll interval up to the cap, Retry-After winning when longer', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelay(n, 2000, 30_000))).toEqual([
      2000, 4000, 8000, 16_000, 30_000, 30_000,
    ]);
    expect(retryDelay(1, 2000, 30_000, 60_000)).toBe(60_000);
    expect(retryDelay(1, 2000, 30_000, 10 * 60_000)).toBe(5 * 60_000);
  });
});
