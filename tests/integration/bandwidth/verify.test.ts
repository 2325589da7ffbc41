/**
 * The profile check over real HTTP: against the local API (right, wrong, no WebRTC access, no /v1)
 * and against plain servers that are not the WebRTC API at all.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REFLECTED_TEXT, verifyCredentials } from '../../../src-main/bandwidth/verify';
import { createLocalApi, type LocalApi } from '../../../src-main/local-api';

/** The C0/C1 control characters (and DEL) in `text`. */
const controls = (text: string): string[] =>
  [...text].filter(
    (c) => c.charCodeAt(0) <= 0x1f || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f),
  );

let api: LocalApi;
beforeAll(async () => {
  api = await createLocalApi();
});
afterAll(async () => {
  await api.close();
});

const check = (
  overrides: Partial<{ baseUrl: string; accountId: string; password: string }> = {},
): ReturnType<typeof verifyCredentials> =>
  verifyCredentials(
    {
      baseUrl: api.baseUrl,
      accountId: api.accountId,
      username: api.username,
      password: api.password,
      ...overrides,
    },
    { timeoutMs: 2_000 },
  );

/** Runs `answer` as a plain HTTP server for the length of `use`. */
async function withServer(
  answer: (request: IncomingMessage, response: ServerResponse) => void,
  use: (baseUrl: string) => Promise<void>,
): Promise<void> {
  const server = createServer(answer);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  try {
    await use(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`);
  } finally {
    await new Promise((done) => server.close(done));
  }
}

const json = (status: number, body: unknown) => (_q: IncomingMessage, r: ServerResponse) =>
  r.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

describe('verifyCredentials', () => {
  it("accepts the API's own 404 {error, requestId} and tells 401 from 403", async () => {
    expect(await check()).toEqual({ ok: true });
    expect(await check({ password: 'wrong' })).toMatchObject({ ok: false, kind: 'unauthorized' });
    expect(await check({ accountId: '1234567' })).toMatchObject({
      ok: false,
      kind: 'unauthorized',
    });
    api.control.setWebRtcAccess('1234567', false);
    try {
      expect(await check({ accountId: '1234567' })).toMatchObject({
        ok: false,
        kind: 'forbidden',
        message: expect.stringContaining('has no WebRTC access (403)'),
      });
    } finally {
      api.control.clearWebRtcAccess();
    }
  });

  it('reports an unreachable API by its cause alone: the caller says "Could not reach" once', async () => {
    // Port 9 (discard) has no listener here: the connection is refused.
    const result = await check({ baseUrl: 'http://127.0.0.1:9/v1' });
    expect(result).toMatchObject({ ok: false, kind: 'network' });
    const message = result.ok ? '' : result.message;
    expect(message).not.toBe('');
    expect(message).not.toMatch(/could not reach|127\.0\.0\.1|session/i);
  });

  it('says a base URL without /v1 does not look like the WebRTC API (gateway 403)', async () => {
    expect(await check({ baseUrl: api.url })).toEqual({
      ok: false,
      kind: 'not-webrtc-api',
      message: `${api.url}: this does not look like the WebRTC API base URL (…/v1).`,
    });
    await withServer(json(403, { message: 'Missing Authentication Token' }), async (baseUrl) => {
      expect(await check({ baseUrl })).toMatchObject({ kind: 'not-webrtc-api' });
    });
  });

  it.each([
    [
      'an HTML 404',
      (_q: IncomingMessage, r: ServerResponse) => r.writeHead(404).end('<h1>nope</h1>'),
    ],
    ['a JSON 404 of another shape', json(404, { message: 'Not Found' })],
    ['a 404 with only an error', json(404, { error: 'Not Found' })],
  ])('says %s is not the WebRTC API, not that the credentials work', async (_what, answer) => {
    await withServer(answer, async (baseUrl) => {
      expect(await check({ baseUrl })).toMatchObject({ ok: false, kind: 'not-webrtc-api' });
    });
  });

  it('repeats no more than a short, escaped part of what a server says', async () => {
    const said = `\u001b]0;owned\u0007\u001b[2J${'spam '.repeat(200)}`;
    await withServer(json(400, { error: said }), async (baseUrl) => {
      const result = await check({ baseUrl });
      expect(result).toMatchObject({ ok: false, kind: 'other' });
      const message = result.ok ? '' : result.message;
      expect([...message].length).toBeLessThanOrEqual(MAX_REFLECTED_TEXT);
      expect(message).toContain('\\x1b]0;owned\\x07');
      expect(controls(message)).toEqual([]);
    });
  });
});
