/**
 * The control surface answers only its own loopback name, only requests of its own origin, and
 * only JSON POSTs — what a browser page sends (no-cors, another origin, DNS rebinding) changes
 * nothing. Sent with node:http, which lets a test choose the Host header.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestApi, UUID } from '../../support/local-api';
import type { TestApi } from '../../support/local-api';
import { basicAuth } from '../../support/local-api-client';

let t: TestApi;
let port: number;
beforeAll(async () => {
  t = await startTestApi({ seed: 'demo' });
  port = Number(new URL(t.api.url).port);
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.api.control.reset({ seed: 'demo' });
});

interface Answer {
  status: number;
  body: unknown;
}

function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: text === '' ? undefined : JSON.parse(text),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const sessions = (): number => t.api.control.state().sessions.length;
const json = { 'content-type': 'application/json' };

describe('the control surface and the Host header (DNS rebinding)', () => {
  it.each([
    ['another name', 'evil.example'],
    ['another name with the right port', 'evil.example:PORT'],
    ['a loopback address with another port', '127.0.0.1:1'],
    ['no port (80)', 'localhost'],
    ['a name that merely starts like loopback', '127.0.0.1.evil.example:PORT'],
  ])('refuses %s with 403 and changes nothing', async (_what, host) => {
    const before = sessions();
    const named = { host: host.replace('PORT', String(port)) };
    const reset = await send('POST', '/_local/reset', { ...json, ...named }, '{}');
    expect(reset.status).toBe(403);
    expect(reset.body).toEqual({ message: expect.stringContaining('own loopback address') });
    expect((await send('GET', '/_local/state', named)).status).toBe(403);
    expect(sessions()).toBe(before);
  });

  it.each(['127.0.0.1', 'localhost', 'LOCALHOST', '127.1.2.3'])(
    'answers %s with its own port',
    async (name) => {
      const response = await send('GET', '/_local/stats', { host: `${name}:${port}` });
      expect(response.status).toBe(200);
    },
  );
});

describe('the control surface and other origins', () => {
  it("refuses a page's no-cors POST (Origin of another site, text/plain) and changes nothing", async () => {
    const before = sessions();
    expect(before).toBeGreaterThan(0);
    const response = await send(
      'POST',
      '/_local/reset',
      {
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
        'sec-fetch-mode': 'no-cors',
        'content-type': 'text/plain;charset=UTF-8',
      },
      '{}',
    );
    expect(response.status).toBe(403);
    expect(response.body).toEqual({
      message: 'The control surface refuses requests from other origins',
    });
    expect(sessions()).toBe(before);
  });

  it('refuses another site by Sec-Fetch-Site alone, and the "null" origin', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const response = await send('GET', '/_local/state', { 'sec-fetch-site': site });
      expect(response.status).toBe(403);
    }
    expect((await send('GET', '/_local/state', { origin: 'null' })).status).toBe(403);
    expect(
      (await send('GET', '/_local/state', { origin: `http://127.0.0.1:${port + 1}` })).status,
    ).toBe(403);
  });

  it('accepts its own origin', async () => {
    const own = { origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' };
    expect((await send('GET', '/_local/stats', own)).status).toBe(200);
  });
});

describe('control POSTs want application/json', () => {
  it.each([
    ['no content type', {}],
    ['text/plain', { 'content-type': 'text/plain' }],
    ['form data', { 'content-type': 'application/x-www-form-urlencoded' }],
  ])('refuses %s with 415 {error, requestId} and changes nothing', async (_what, headers) => {
    const before = sessions();
    const response = await send('POST', '/_local/reset', headers, '');
    expect(response.status).toBe(415);
    expect(response.body).toEqual({
      error: expect.stringContaining('Content-Type: application/json'),
      requestId: expect.stringMatching(UUID),
    });
    expect(sessions()).toBe(before);
  });

  it('takes an empty body sent as JSON', async () => {
    const response = await send('POST', '/_local/reset', json, '');
    expect(response).toEqual({ status: 200, body: { calls: [] } });
    expect(sessions()).toBe(0);
  });
});

describe('the Bandwidth routes and the Host header', () => {
  it('answers another host name 421 while bound to loopback, even with the right credentials', async () => {
    const auth = basicAuth(t.api.username, t.api.password);
    const before = sessions();
    const path = `/v1/accounts/${t.api.accountId}/sessions`;
    const rebound = await send(
      'POST',
      path,
      { ...json, authorization: auth, host: `evil.example:${port}` },
      '{}',
    );
    expect(rebound.status).toBe(421);
    expect(rebound.body).toEqual({ message: expect.stringContaining('own loopback address') });
    expect(sessions()).toBe(before);
    const own = await send('POST', path, { ...json, authorization: auth }, '{}');
    expect(own.status).toBe(200);
    expect(sessions()).toBe(before + 1);
  });
});
