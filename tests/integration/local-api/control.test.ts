import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLocalApi, isLoopbackAddress } from '../../../src-main/local-api';
import { OPERATION_IDS } from '../../../src-main/shared/bandwidth-api';
import { startTestApi, UUID } from '../../support/local-api';
import type { TestApi } from '../../support/local-api';

let t: TestApi;
let sessionId: string;
beforeAll(async () => {
  t = await startTestApi();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  t.api.control.clearFaults();
  sessionId = (await t.createSession('call-control')).id;
  t.api.control.resetStats();
});

const getSession = (): ReturnType<TestApi['bw']> => t.bw('GET', `/sessions/${sessionId}`);

async function elapsed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** Sends `first`, then `second` without waiting, and says which was answered first. */
async function answeredFirst(
  first: () => Promise<unknown>,
  second: () => Promise<unknown>,
): Promise<'first' | 'second'> {
  const order: ('first' | 'second')[] = [];
  const sent = [first().then(() => order.push('first'))];
  sent.push(second().then(() => order.push('second')));
  await Promise.all(sent);
  return order[0] ?? 'first';
}

/** Long enough that no answer on a loaded machine takes as long: who waits shows in the order. */
const HOLD_MS = 2_000;

describe('latency', () => {
  it('delays every request, or only one operation, until cleared', async () => {
    t.api.control.setLatency({ ms: 120 });
    expect(await elapsed(getSession)).toBeGreaterThanOrEqual(110);
    t.api.control.setLatency({ ms: 0 });
    t.api.control.setLatency({ ms: 120, jitterMs: 30, operation: 'createSession' });
    expect(await elapsed(() => t.createSession())).toBeGreaterThanOrEqual(110);
    // Only createSession waits: a getSession sent after it is answered before it.
    t.api.control.setLatency({ ms: HOLD_MS, operation: 'createSession' });
    expect(await answeredFirst(() => t.createSession(), getSession)).toBe('second');
    // Cleared, createSession no longer waits: it beats a getSession delayed now and sent first.
    t.api.control.clearFaults();
    t.api.control.setLatency({ ms: HOLD_MS, operation: 'getSession' });
    expect(await answeredFirst(getSession, () => t.createSession())).toBe('second');
    t.api.control.clearFaults();
  });
});

describe('failures', () => {
  it('status: the next N requests answer the status, then things are normal again', async () => {
    t.api.control.addFailure({ kind: 'status', status: 500, count: 2 });
    for (let i = 0; i < 2; i += 1) {
      const failed = await getSession();
      expect(failed.status).toBe(500);
      expect(failed.body).toEqual({
        error: 'Injected fault: HTTP 500',
        requestId: expect.stringMatching(UUID),
      });
    }
    expect((await getSession()).status).toBe(200);
    t.api.control.addFailure({ kind: 'status', status: 503 });
    const unavailable = await t.raw('GET', `/v1/accounts/9900000/sessions/${sessionId}`);
    expect([unavailable.status, unavailable.body]).toEqual([
      503,
      { message: 'Service Unavailable' },
    ]);
    expect((await getSession()).status).toBe(200);
  });

  it('for an operation without a count: every request of it until cleared, others untouched', async () => {
    t.api.control.addFailure({ kind: 'status', status: 404, operation: 'getSession' });
    for (let i = 0; i < 3; i += 1) expect((await getSession()).status).toBe(404);
    expect((await t.bw('GET', `/sessions/${sessionId}/participants`)).status).toBe(200);
    expect(t.api.control.faults().failures).toEqual([
      {
        id: expect.any(Number),
        kind: 'status',
        status: 404,
        operation: 'getSession',
        remaining: null,
      },
    ]);
    t.api.control.clearFaults();
    expect((await getSession()).status).toBe(200);
  });

  it('rate-limit: 429 with Retry-After and/or X-RateLimit-Reset', async () => {
    t.api.control.addFailure({ kind: 'rate-limit', retryAfterSeconds: 7 });
    const first = await t.raw('GET', `/v1/accounts/9900000/sessions/${sessionId}`);
    expect([first.status, first.body]).toEqual([429, { message: 'Too Many Requests' }]);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(first.headers.get('x-ratelimit-reset')).toBeNull();

    t.api.control.addFailure({ kind: 'rate-limit', rateLimitResetSeconds: 30 });
    const second = await t.raw('GET', `/v1/accounts/9900000/sessions/${sessionId}`);
    const reset = Number(second.headers.get('x-ratelimit-reset'));
    expect(reset - Date.now() / 1000).toBeGreaterThan(28);
    expect(reset - Date.now() / 1000).toBeLessThanOrEqual(31);
    expect(second.headers.get('retry-after')).toBeNull();

    t.api.control.addFailure({ kind: 'rate-limit' });
    expect(
      (await t.raw('GET', `/v1/accounts/9900000/sessions/${sessionId}`)).headers.get('retry-after'),
    ).toBe('1');
  });

  it('reset: the connection is dropped without an answer', async () => {
    t.api.control.addFailure({ kind: 'reset', operation: 'getSession', count: 1 });
    await expect(getSession()).rejects.toThrow(/fetch failed/);
    expect((await getSession()).status).toBe(200);
  });

  it('timeout: no answer until the client gives up, then the connection is cleaned up', async () => {
    t.api.control.addFailure({ kind: 'timeout', count: 1 });
    const started = performance.now();
    await expect(
      t.bw('GET', `/sessions/${sessionId}`, { signal: AbortSignal.timeout(150) }),
    ).rejects.toThrow();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    await expect
      .poll(() => t.api.control.faults().heldRequests, { timeout: 2000, interval: 10 })
      .toBe(0);
    expect((await getSession()).status).toBe(200);
  });

  it('a server with a held request still closes promptly', async () => {
    const api = await createLocalApi();
    api.control.addFailure({ kind: 'timeout' });
    const pending = fetch(`${api.baseUrl}/accounts/${api.accountId}/sessions`, {
      method: 'POST',
    }).catch((error: unknown) => error);
    await expect.poll(() => api.control.faults().heldRequests, { interval: 10 }).toBe(1);
    // Promptly: the server would hold the request for two minutes, far past this test's timeout;
    // closing drops it instead, and the client sees its connection go.
    await api.close();
    expect(api.control.faults().heldRequests).toBe(0);
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('stats, state and reset', () => {
  it('counts requests per operation, authenticated or not, and can be zeroed', async () => {
    await getSession();
    await getSession();
    await t.bw('GET', `/sessions/${sessionId}`, { auth: 'none' });
    await t.createParticipant();
    await t.raw('GET', '/v1/accounts/9900000/nothing-here');
    const counts = t.api.control.stats();
    expect(Object.keys(counts).sort()).toEqual([...OPERATION_IDS].sort());
    expect(counts).toMatchObject({ getSession: 3, createParticipant: 1, createSession: 0 });
    const overHttp = await t.raw('GET', '/_local/stats');
    expect(overHttp.body).toEqual({ counts, total: 4 });
    expect((await t.raw('DELETE', '/_local/stats')).status).toBe(204);
    expect(Object.values(t.api.control.stats()).every((n) => n === 0)).toBe(true);
  });

  it('drives faults over HTTP, with validation', async () => {
    const added = await t.raw('POST', '/_local/faults/failures', {
      json: { kind: 'status', status: 502, count: 1, operation: 'getSession' },
    });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ kind: 'status', status: 502, remaining: 1 });
    expect((await t.raw('POST', '/_local/faults/latency', { json: { ms: 5 } })).status).toBe(204);
    expect((await t.raw('GET', '/_local/faults')).body).toMatchObject({
      latency: [{ ms: 5 }],
      failures: [{ kind: 'status' }],
      heldRequests: 0,
    });
    // 502 is not in the spec (a gateway answer), so this one goes unvalidated.
    expect((await t.raw('GET', `/v1/accounts/9900000/sessions/${sessionId}`)).status).toBe(502);
    expect((await t.raw('DELETE', '/_local/faults')).status).toBe(204);
    expect(t.api.control.faults()).toEqual({ latency: [], failures: [], heldRequests: 0 });
    const bad = await t.raw('POST', '/_local/faults/failures', {
      json: { kind: 'explode', operation: 'listSessions' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({
      error: expect.stringMatching(
        /kind must be status, reset, timeout or rate-limit.*operation must be one of the eleven/,
      ),
      requestId: expect.stringMatching(UUID),
    });
    const negative = await t.raw('POST', '/_local/faults/latency', { json: { ms: -1 } });
    expect([negative.status, negative.body]).toEqual([
      400,
      {
        error: 'ms must be a whole number from 0 to 60000',
        requestId: expect.stringMatching(UUID),
      },
    ]);
  });

  it('dumps the full state and resets it, empty or seeded', async () => {
    const dump = await t.raw('GET', '/_local/state');
    expect(dump.body).toEqual(t.api.control.state());
    expect((dump.body as { sessions: { id: string }[] }).sessions.map((s) => s.id)).toContain(
      sessionId,
    );

    const seeded = await t.raw('POST', '/_local/reset', { json: { seed: 'demo', demoSeed: 3 } });
    expect(seeded.status).toBe(200);
    expect((seeded.body as { calls: unknown[] }).calls).toHaveLength(6);
    expect(t.api.control.state().sessions).toHaveLength(6);
    expect((await getSession()).status).toBe(404);

    const emptyJson = { body: '', contentType: 'application/json' };
    expect((await t.raw('POST', '/_local/reset', emptyJson)).body).toEqual({ calls: [] });
    expect(t.api.control.state()).toEqual({ sessions: [], participants: [] });
    expect(t.api.control.reset({ seed: 'demo' })).toHaveLength(6);
  });
});

describe('loopback only', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['10.0.0.5', false],
    ['192.168.1.20', false],
    ['::ffff:192.168.1.20', false],
    ['fe80::1', false],
    ['', false],
    [undefined, false],
  ])('isLoopbackAddress(%j) is %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i !== undefined && i.family === 'IPv4' && !i.internal)?.address;

  it.skipIf(external === undefined)(
    'refuses the control surface to a non-loopback client',
    async () => {
      const api = await createLocalApi({ host: '0.0.0.0' });
      try {
        const port = new URL(api.url).port;
        const response = await fetch(`http://${external}:${port}/_local/stats`);
        expect(response.status).toBe(403);
        expect(await response.json()).toEqual({
          message: 'The control surface answers loopback clients only',
        });
        expect((await fetch(`http://127.0.0.1:${port}/_local/stats`)).status).toBe(200);
      } finally {
        await api.close();
      }
    },
  );
});
