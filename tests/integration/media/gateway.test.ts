/**
 * The device gateway's door and its JSON-RPC: who may connect (the participant JWT: signature,
 * expiry, account, participant still existing), how a refusal reads (close 1000 with a reason, so
 * the SDK stops retrying), and the errors a malformed or unknown call gets.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { admission } from '../../../src-main/local-api/media/gateway';
import { startTestApi } from '../../support/local-api';
import type { TestApi } from '../../support/local-api';

let t: TestApi;
beforeEach(async () => {
  t = await startTestApi({ media: { addresses: 'loopback' } });
});
afterEach(async () => {
  vi.useRealTimers();
  await t.close();
});

const wsUrl = (query: string): string => `${t.api.url.replace('http', 'ws')}/v3/${query}`;

function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
}

async function open(token: string): Promise<WebSocket> {
  const ws = new WebSocket(wsUrl(`?token=${token}&client=test`));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return ws;
}

function call(ws: WebSocket, payload: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(String(data)) as Record<string, unknown>));
    ws.send(payload);
  });
}

/** A ping is answered only once the gateway has admitted the device. */
async function admitted(ws: WebSocket): Promise<void> {
  expect(await call(ws, JSON.stringify({ jsonrpc: '2.0', method: 'ping', id: 1 }))).toEqual({
    jsonrpc: '2.0',
    result: {},
    id: 1,
  });
}

describe('who may connect', () => {
  it.each([
    ['', 'token refused: missing'],
    ['?token=', 'token refused: missing'],
    ['?token=not.a.jwt', 'token refused: invalid signature or claims'],
  ])('refuses %j with close 1000 and %j', async (query, reason) => {
    const ws = new WebSocket(wsUrl(query));
    expect(await closed(ws)).toEqual({ code: 1000, reason });
  });

  it('refuses a token signed by another server', async () => {
    const other = await startTestApi();
    try {
      const { token } = await other.createParticipant();
      expect(await closed(new WebSocket(wsUrl(`?token=${token}`)))).toEqual({
        code: 1000,
        reason: 'token refused: invalid signature or claims',
      });
    } finally {
      await other.close();
    }
  });

  it('refuses an expired token', async () => {
    const { token } = await t.createParticipant();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 25 * 3600 * 1000 });
    expect(await closed(new WebSocket(wsUrl(`?token=${token}`)))).toEqual({
      code: 1000,
      reason: 'token refused: expired',
    });
  });

  it('refuses the token of a deleted participant, and closes its device when it is deleted', async () => {
    const { participant, token } = await t.createParticipant();
    const ws = await open(token);
    await admitted(ws);
    const gone = closed(ws);
    expect((await t.bw('DELETE', `/participants/${participant.id}`)).status).toBe(204);
    expect(await gone).toEqual({ code: 1000, reason: 'the participant was deleted' });
    expect(await closed(new WebSocket(wsUrl(`?token=${token}`)))).toEqual({
      code: 1000,
      reason: 'token refused: the participant no longer exists',
    });
  });

  it('refuses a token issued for another account', async () => {
    const decision = await admission(
      {
        accountId: '9900000',
        verifyToken: async () => ({ a: '1234567', p: 'p1' }),
        participantExists: () => true,
        hasRoom: () => true,
        admit: async () => undefined,
      },
      'token',
    );
    expect(decision).toEqual({ ok: false, reason: 'token refused: issued for another account' });
  });

  it('replaces an older connection of the same participant', async () => {
    const { token } = await t.createParticipant();
    const first = await open(token);
    const firstClosed = closed(first);
    const second = await open(token);
    expect(await firstClosed).toEqual({
      code: 1000,
      reason: 'replaced by a newer connection of this participant',
    });
    second.close();
  });

  it('closes connected devices with a reason when the local API stops', async () => {
    const { token } = await t.createParticipant();
    const ws = await open(token);
    await admitted(ws);
    const gone = closed(ws);
    await t.api.close();
    expect(await gone).toEqual({ code: 1000, reason: 'the local API is stopping' });
  });

  it('answers 404 to an upgrade anywhere but /v3/', async () => {
    const ws = new WebSocket(`${t.api.url.replace('http', 'ws')}/v1/ws`);
    const status = await new Promise<number>((resolve) =>
      ws.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)),
    );
    expect(status).toBe(404);
  });
});

describe('JSON-RPC', () => {
  it('answers ping and setMediaPreferences, and a message sent at once on open is not lost', async () => {
    const { token } = await t.createParticipant();
    const ws = new WebSocket(wsUrl(`?token=${token}`));
    const answer = new Promise<unknown>((resolve) =>
      ws.once('message', (d) => resolve(JSON.parse(String(d)))),
    );
    ws.once('open', () =>
      ws.send(JSON.stringify({ jsonrpc: '2.0', method: 'ping', params: {}, id: 1 })),
    );
    expect(await answer).toEqual({ jsonrpc: '2.0', result: {}, id: 1 });
    ws.close();
  });

  it.each([
    ['{not json', { code: -32700, message: 'Parse error: the message is not valid JSON' }, null],
    [
      JSON.stringify({ jsonrpc: '1.0', method: 'ping', id: 2 }),
      { code: -32600, message: expect.stringContaining('Invalid request') },
      null,
    ],
    [
      JSON.stringify({ jsonrpc: '2.0', method: 'dial', params: {}, id: 3 }),
      { code: -32601, message: expect.stringContaining('Method not found: dial') },
      3,
    ],
    [
      JSON.stringify({
        jsonrpc: '2.0',
        method: 'setMediaPreferences',
        params: { protocol: 'SIP' },
        id: 4,
      }),
      {
        code: -32602,
        message: expect.stringContaining('Invalid params for setMediaPreferences: protocol'),
      },
      4,
    ],
    [
      JSON.stringify({ jsonrpc: '2.0', method: 'offerSdp', params: {}, id: 5 }),
      { code: -32602, message: expect.stringContaining('Invalid params for offerSdp: sdpOffer') },
      5,
    ],
    [
      JSON.stringify({ jsonrpc: '2.0', method: 'answerSdp', params: { sdpAnswer: 'v=0' }, id: 6 }),
      { code: -32600, message: 'answerSdp: no sdpOffer is waiting for an answer' },
      6,
    ],
  ])('answers %s with a specific error', async (payload, error, id) => {
    const { token } = await t.createParticipant();
    const ws = await open(token);
    expect(await call(ws, payload)).toEqual({ jsonrpc: '2.0', error, id });
    ws.close();
  });
});
