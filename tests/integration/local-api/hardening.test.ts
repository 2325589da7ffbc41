/**
 * Security-review findings that live in the local API (issue 12): JSON with prototype-poisoning
 * keys, control characters in tags, limits on what one client can make it store, and a request log
 * that never shows a device token. Over real HTTP.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store, buildLocalApiApp, createLocalApi } from '../../../src-main/local-api';
import type { LocalApiState } from '../../../src-main/local-api';
import { startTestApi, UUID } from '../../support/local-api';
import type { TestApi } from '../../support/local-api';
import { basicAuth } from '../../support/local-api-client';

let t: TestApi;
beforeAll(async () => {
  t = await startTestApi();
});
afterAll(async () => {
  await t.close();
});

describe('JSON with prototype-poisoning keys', () => {
  it.each([
    ['__proto__', '{"tag":"call-p","__proto__":{"polluted":true}}'],
    ['constructor.prototype', '{"tag":"call-p","constructor":{"prototype":{"polluted":true}}}'],
    ['a nested __proto__', '{"participants":[{"participantId":"x","__proto__":{"a":1}}]}'],
  ])('refuses %s with 400 and stores nothing', async (_what, body) => {
    const before = t.api.control.state().sessions.length;
    const response = await t.bw('POST', '/sessions', { body, contentType: 'application/json' });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: expect.stringMatching(/^request body is not valid JSON: .*forbidden prototype/),
      requestId: expect.stringMatching(UUID),
    });
    expect(t.api.control.state().sessions.length).toBe(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('control characters in tags', () => {
  it.each([
    ['an ANSI escape (C0)', 'call-\u001b[2J'],
    ['a newline', 'call\nforged log line'],
    ['NUL', 'call\u0000'],
    ['DEL', 'call\u007f'],
    ['a C1 CSI', 'call-\u009b31m'],
  ])('refuses %s with 400 on sessions and participants', async (_what, tag) => {
    const before = t.api.control.state();
    for (const path of ['/sessions', '/participants']) {
      const response = await t.bw('POST', path, { json: { tag } });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({
        error: expect.stringContaining('tag must not contain control characters'),
      });
    }
    expect(t.api.control.state()).toEqual(before);
  });

  it('still accepts tabs-free Unicode text', async () => {
    expect((await t.bw('POST', '/sessions', { json: { tag: 'appel-é-通話' } })).status).toBe(200);
  });
});

describe('limits on what one client can store', () => {
  it('refuses a callbackUrl over 2,048 characters', async () => {
    const url = `https://example.com/${'a'.repeat(2_100)}`;
    const response = await t.bw('POST', '/participants', { json: { callbackUrl: url } });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: expect.stringContaining('callbackUrl must be at most 2048 characters'),
    });
    const fits = `https://example.com/${'a'.repeat(1_900)}`;
    expect((await t.bw('POST', '/participants', { json: { callbackUrl: fits } })).status).toBe(200);
  });

  it('refuses more than 16 stream aliases, or one over 64 characters', async () => {
    const sid = (await t.createSession()).id;
    const a = (await t.createParticipant()).participant.id;
    const b = (await t.createParticipant()).participant.id;
    await t.add(sid, a);
    await t.add(sid, b);
    const path = `/sessions/${sid}/participants/${a}/subscriptions`;
    const many = Array.from({ length: 17 }, (_, i) => `alias-${i}`);
    for (const streamAliases of [many, ['m'.repeat(65)]]) {
      const response = await t.bw('PUT', path, {
        json: { participants: [{ participantId: b, streamAliases }] },
      });
      expect(response.status).toBe(400);
    }
    expect(await t.subscriptions(sid, a)).toEqual({});
  });

  it('refuses a 1,001st session and a 5,001st participant with a clear 400', async () => {
    const state: LocalApiState = {
      sessions: Array.from({ length: 1_000 }, (_, i) => ({ id: `s-${i}`, participantIds: [] })),
      participants: Array.from({ length: 5_000 }, (_, i) => ({
        id: `p-${i}`,
        callbackUrl: null,
        publishPermissions: ['AUDIO'],
        deviceApiVersion: 'V3',
        subscriptions: {},
      })),
    };
    const credentials = { accountId: '9900000', username: 'u', password: 'p' };
    const { app } = buildLocalApiApp({
      store: new Store({ state }),
      credentials,
      tokenSecret: new Uint8Array(32),
    });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/v1/accounts/9900000`;
      const post = (path: string): Promise<Response> =>
        fetch(`${base}${path}`, {
          method: 'POST',
          headers: { authorization: basicAuth('u', 'p'), 'content-type': 'application/json' },
          body: '{}',
        });
      const session = await post('/sessions');
      expect(session.status).toBe(400);
      expect(await session.json()).toMatchObject({
        error: expect.stringContaining('already stores 1000 sessions, the most it holds'),
      });
      const participant = await post('/participants');
      expect(participant.status).toBe(400);
      expect(await participant.json()).toMatchObject({
        error: expect.stringContaining('already stores 5000 participants, the most it holds'),
      });
      const deleted = await fetch(`${base}/sessions/s-0`, {
        method: 'DELETE',
        headers: { authorization: basicAuth('u', 'p') },
      });
      expect(deleted.status).toBe(204);
      expect((await post('/sessions')).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('the request log', () => {
  it('redacts a token query parameter of any URL', async () => {
    const lines: string[] = [];
    const api = await createLocalApi({ logger: { write: (line) => void lines.push(line) } });
    try {
      const auth = { authorization: basicAuth(api.username, api.password) };
      const secret = 'eyJhbGciOiJIUzI1NiJ9.device-token.signature';
      await fetch(`${api.url}/v3/?token=${secret}&client=patchbay`, { headers: auth });
      await fetch(`${api.baseUrl}/accounts/${api.accountId}/sessions/x?TOKEN=${secret}`, {
        headers: auth,
      });
      await fetch(`${api.url}/_local/stats?a=1&%74oken=${secret}`);
      await expect.poll(() => lines.length).toBeGreaterThanOrEqual(6);
      const log = lines.join('');
      expect(log).not.toContain(secret);
      expect(log).toContain('token=[redacted]&client=patchbay');
      expect(log).toContain('TOKEN=[redacted]');
      expect(log).toContain('%74oken=[redacted]');
    } finally {
      await api.close();
    }
  });
});
