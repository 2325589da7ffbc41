import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLocalApi, type LocalApi } from '../../../src-main/local-api';
import {
  BandwidthApiError,
  createBandwidthClient,
  type BandwidthClient,
} from '../../../src-main/bandwidth';

let api: LocalApi;
let client: BandwidthClient;

function clientFor(
  overrides: Partial<Parameters<typeof createBandwidthClient>[0]> = {},
): BandwidthClient {
  return createBandwidthClient({
    baseUrl: api.baseUrl,
    accountId: api.accountId,
    credentials: () => ({ username: api.username, password: api.password }),
    timeoutMs: 2_000,
    backoffLimitMs: 50,
    ...overrides,
  });
}

async function caught(promise: Promise<unknown>): Promise<BandwidthApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(BandwidthApiError);
    return error as BandwidthApiError;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  api = await createLocalApi({ port: 0 });
  client = clientFor();
});
afterAll(async () => {
  await api.close();
});
beforeEach(() => {
  api.control.clearFaults();
  api.control.resetStats();
});

describe('Bandwidth client against the local API', () => {
  it('drives all eleven operations', async () => {
    const session = await client.createSession({ tag: 'call-test' });
    expect(session).toMatchObject({ tag: 'call-test' });
    expect(await client.getSession({ sessionId: session.id })).toEqual(session);
    expect(await client.listSessionParticipants({ sessionId: session.id })).toEqual([]);

    const { participant: a, token } = await client.createParticipant({
      tag: 'agent-1',
      publishPermissions: ['AUDIO'],
    });
    expect(token.split('.')).toHaveLength(3);
    const { participant: c } = await client.createParticipant({ tag: 'customer-1' });
    expect(await client.getParticipant({ participantId: a.id })).toMatchObject({
      id: a.id,
      sessions: [],
    });

    await client.addParticipantToSession({ sessionId: session.id, participantId: a.id });
    await client.addParticipantToSession({
      sessionId: session.id,
      participantId: c.id,
      subscriptions: { sessionId: session.id, participants: [{ participantId: a.id }] },
    });
    expect(
      await client.getParticipantSubscriptions({ sessionId: session.id, participantId: a.id }),
    ).toEqual({});
    await client.updateParticipantSubscriptions({
      sessionId: session.id,
      participantId: a.id,
      subscriptions: {
        sessionId: session.id,
        participants: [{ participantId: c.id, streamAliases: ['microphone'] }],
      },
    });
    expect(
      await client.getParticipantSubscriptions({ sessionId: session.id, participantId: a.id }),
    ).toMatchObject({ participants: [{ participantId: c.id, streamAliases: ['microphone'] }] });
    const members = await client.listSessionParticipants({ sessionId: session.id });
    expect(members.map((m) => m.id).sort()).toEqual([a.id, c.id].sort());

    await client.removeParticipantFromSession({ sessionId: session.id, participantId: c.id });
    await client.deleteParticipant({ participantId: c.id });
    await client.deleteSession({ sessionId: session.id });
    const gone = await caught(client.getSession({ sessionId: session.id }));
    expect(gone.kind).toBe('not-found');
    expect(gone.ended).toBe(true);
    expect(gone.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('tells 401 from 403 and never puts the password in the error', async () => {
    const wrong = clientFor({
      credentials: () => ({ username: api.username, password: 'not-the-password' }),
    });
    const e401 = await caught(wrong.createSession({}));
    expect(e401).toMatchObject({ kind: 'unauthorized', status: 401, operation: 'createSession' });
    expect(e401.message).not.toContain('not-the-password');
    expect(JSON.stringify(e401)).not.toContain('not-the-password');

    const other = clientFor({ accountId: 'someone-else' });
    expect(await caught(other.createSession({}))).toMatchObject({ kind: 'unauthorized' });
    api.control.setWebRtcAccess('someone-else', false);
    try {
      const e403 = await caught(other.createSession({}));
      expect(e403).toMatchObject({ kind: 'forbidden', status: 403 });
      expect(e403.message).not.toContain(api.password);
    } finally {
      api.control.clearWebRtcAccess();
    }
  });

  it('still accepts 204 (no body) for an empty list and empty subscriptions', async () => {
    // The local API answers 200 [] / {} like the live service; the spec also allows 204.
    const server = createServer((_request, response) => response.writeHead(204).end());
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const port = (server.address() as AddressInfo).port;
      const bare = clientFor({ baseUrl: `http://127.0.0.1:${port}/v1` });
      expect(await bare.listSessionParticipants({ sessionId: 's' })).toEqual([]);
      expect(
        await bare.getParticipantSubscriptions({ sessionId: 's', participantId: 'p' }),
      ).toEqual({});
    } finally {
      await new Promise((done) => server.close(done));
    }
  });

  it('reads {error, requestId} bodies for 400, 404 and 409', async () => {
    const bad = await caught(client.createParticipant({ tag: 'x'.repeat(51) }));
    expect(bad).toMatchObject({ kind: 'bad-request', status: 400 });
    expect(bad.apiMessage).toMatch(/50/);

    const s1 = await client.createSession({});
    const s2 = await client.createSession({});
    const { participant } = await client.createParticipant({});
    await client.addParticipantToSession({ sessionId: s1.id, participantId: participant.id });
    const conflict = await caught(
      client.addParticipantToSession({ sessionId: s2.id, participantId: participant.id }),
    );
    expect(conflict).toMatchObject({ kind: 'conflict', status: 409 });
    expect(conflict.requestId).toBeTruthy();
  });

  it('retries a GET after 429 with Retry-After, and after 503', async () => {
    const session = await client.createSession({});
    api.control.addFailure({ kind: 'rate-limit', retryAfterSeconds: 1, count: 1 });
    const started = Date.now();
    expect(await client.getSession({ sessionId: session.id })).toEqual(session);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(api.control.stats().getSession).toBe(2);

    api.control.addFailure({ kind: 'status', status: 503, count: 2 });
    expect(await client.getSession({ sessionId: session.id })).toEqual(session);
    expect(api.control.stats().getSession).toBe(5);
  });

  it('honours X-RateLimit-Reset when there is no Retry-After', async () => {
    const session = await client.createSession({});
    api.control.addFailure({ kind: 'rate-limit', rateLimitResetSeconds: 1, count: 1 });
    expect(await client.getSession({ sessionId: session.id })).toEqual(session);
    expect(api.control.stats().getSession).toBe(2);
  });

  it('retries a PUT after a connection reset', async () => {
    const session = await client.createSession({});
    const { participant } = await client.createParticipant({});
    api.control.addFailure({ kind: 'reset', operation: 'addParticipantToSession', count: 1 });
    await client.addParticipantToSession({ sessionId: session.id, participantId: participant.id });
    expect(api.control.stats().addParticipantToSession).toBe(2);
    const members = await client.listSessionParticipants({ sessionId: session.id });
    expect(members.map((m) => m.id)).toEqual([participant.id]);
  });

  it('never retries a POST', async () => {
    api.control.addFailure({ kind: 'status', status: 503, count: 1 });
    const error = await caught(client.createSession({}));
    expect(error).toMatchObject({ kind: 'server', status: 503 });
    api.control.addFailure({ kind: 'reset', count: 1 });
    const reset = await caught(client.createParticipant({}));
    expect(reset.kind).toBe('network');
    expect(api.control.stats().createSession).toBe(1);
    expect(api.control.stats().createParticipant).toBe(1);
  });

  it('gives up after the retry limit with the last error', async () => {
    const limited = clientFor({ retryLimit: 2 });
    const session = await client.createSession({});
    api.control.addFailure({ kind: 'status', status: 502, count: 10 });
    const error = await caught(limited.getSession({ sessionId: session.id }));
    expect(error).toMatchObject({ kind: 'server', status: 502 });
    expect(api.control.stats().getSession).toBe(3);
  });

  it('times out, and can be cancelled', async () => {
    const quick = clientFor({ timeoutMs: 200, retryLimit: 0 });
    const session = await client.createSession({});
    api.control.addFailure({ kind: 'timeout', count: 1 });
    expect((await caught(quick.getSession({ sessionId: session.id }))).kind).toBe('timeout');

    api.control.setLatency({ ms: 1_000 });
    const controller = new AbortController();
    const pending = client.getSession({ sessionId: session.id }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await caught(pending)).kind).toBe('aborted');
    api.control.setLatency({ ms: 0 });
  });

  it('treats a DELETE whose retry finds the thing gone as done', async () => {
    const session = await client.createSession({});
    // The first attempt is answered 503 after the server did nothing; then the delete succeeds.
    api.control.addFailure({ kind: 'status', status: 503, operation: 'deleteSession', count: 1 });
    await client.deleteSession({ sessionId: session.id });
    expect(api.control.stats().deleteSession).toBe(2);
  });

  it('reports a network failure when nothing listens', async () => {
    const nowhere = createBandwidthClient({
      baseUrl: 'http://127.0.0.1:9/v1',
      accountId: '1',
      credentials: () => ({ username: 'u', password: 'p' }),
      retryLimit: 0,
    });
    const error = await caught(nowhere.getSession({ sessionId: 'x' }));
    expect(error.kind).toBe('network');
    expect(error.message).toMatch(/could not reach the API/);
  });
});
