/**
 * Issue 12, item 8: the Bandwidth client refuses redirects. A redirect would carry a write (and,
 * to the same origin, the account's credentials) to an address the profile never named.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BandwidthApiError, createBandwidthClient } from '../../../src-main/bandwidth';

interface Seen {
  method: string;
  url: string;
}

let redirecting: Server;
let target: Server;
const atRedirect: Seen[] = [];
const atTarget: Seen[] = [];

function seen(request: IncomingMessage): Seen {
  return { method: request.method ?? '', url: request.url ?? '' };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

let base = '';
let elsewhere = '';

beforeAll(async () => {
  target = createServer((request, response) => {
    atTarget.push(seen(request));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"id":"s-1","tag":"x"}');
  });
  elsewhere = await listen(target);
  redirecting = createServer((request, response) => {
    atRedirect.push(seen(request));
    const [status, where] = request.url?.includes('/same/')
      ? [308, `${base}/v1/accounts/1/sessions/s-1?moved`]
      : [307, `${elsewhere}${request.url ?? '/'}`];
    response.writeHead(status, { location: where });
    response.end();
  });
  base = await listen(redirecting);
});
afterAll(async () => {
  await new Promise((done) => redirecting.close(done));
  await new Promise((done) => target.close(done));
});

function client(): ReturnType<typeof createBandwidthClient> {
  return createBandwidthClient({
    baseUrl: `${base}/v1`,
    accountId: '1',
    credentials: () => ({ username: 'u', password: 'p' }),
    backoffLimitMs: 10,
  });
}

describe('redirects', () => {
  it('are not followed, for reads or writes, and the error says why', async () => {
    // One after another, each awaited as soon as it is made (no rejection is left unobserved).
    const calls: [string, () => Promise<unknown>][] = [
      ['GET', () => client().getSession({ sessionId: 'elsewhere' })],
      [
        'PUT',
        () =>
          client().updateParticipantSubscriptions({
            sessionId: 'elsewhere',
            participantId: 'p-1',
            subscriptions: {},
          }),
      ],
      ['POST', () => client().createSession({ tag: 'x' })],
      ['DELETE', () => client().deleteSession({ sessionId: 'elsewhere' })],
    ];
    for (const [method, call] of calls) {
      const error = await call().then(
        () => new Error('expected a refusal'),
        (e: unknown) => e,
      );
      expect(error, method).toBeInstanceOf(BandwidthApiError);
      expect((error as BandwidthApiError).message).toMatch(
        /answered with a redirect \[30[78]\], which Patchbay does not follow/,
      );
    }
    expect(atTarget).toEqual([]);
    // One request each: a redirect is not retried either.
    expect(atRedirect.map((s) => s.method)).toEqual(['GET', 'PUT', 'POST', 'DELETE']);
  });

  it('are not followed to the same origin either (the credentials would go along)', async () => {
    atRedirect.length = 0;
    const error = await client()
      .getSession({ sessionId: 'same' })
      .then(
        () => new Error('expected a refusal'),
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(BandwidthApiError);
    expect(atRedirect).toHaveLength(1);
    expect(atRedirect[0]?.url).toBe('/v1/accounts/1/sessions/same');
  });
});
