import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildLocalApiApp, Store } from '../../../src-main/local-api';
import { startTestApi, UUID } from '../../support/local-api';
import type { TestApi } from '../../support/local-api';
import { validateComponent, validateResponse } from '../../support/openapi';

let t: TestApi;
beforeAll(async () => {
  t = await startTestApi();
});
afterAll(async () => {
  await t.close();
});

const unauthorized = { message: 'Unauthorized' };

describe('HTTP Basic auth, checked first', () => {
  it.each([
    ['no credentials', 'none' as const],
    ['a wrong password', { username: 'patchbay', password: 'nope' }],
    ['a wrong username', { username: 'someone', password: 'patchbay-local' }],
    ['an empty password', { username: 'patchbay', password: '' }],
  ])('answers 401 {"message":"Unauthorized"} for %s', async (_what, auth) => {
    for (const [method, path] of [
      ['POST', '/sessions'],
      ['GET', '/participants/whatever'],
      ['PUT', '/sessions/x/participants/y/subscriptions'],
    ] as const) {
      const body = method === 'GET' ? {} : { body: '{broken', contentType: 'application/json' };
      const response = await t.bw(method, path, { auth, ...body });
      expect(response.status).toBe(401);
      expect(response.body).toEqual(unauthorized);
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm="[^"]+"/);
    }
  });

  it('answers 401 for a malformed Authorization header', async () => {
    for (const authorization of ['Bearer abc', 'Basic', 'Basic !!!', `Basic ${btoa('no-colon')}`]) {
      const response = await t.bw('POST', '/sessions', {
        auth: 'none',
        headers: { authorization },
      });
      expect(response.status).toBe(401);
    }
  });

  it('answers 401 with WWW-Authenticate: Basic for right credentials on another account', async () => {
    const response = await t.bw('POST', '/sessions', { accountId: '1234567' });
    expect(response.status).toBe(401);
    expect(response.body).toEqual(unauthorized);
    expect(response.headers.get('www-authenticate')).toMatch(/^Basic realm="[^"]+"/);
    const wrong = await t.bw('POST', '/sessions', { accountId: '1234567', auth: 'none' });
    expect(wrong.status).toBe(401);
  });

  it('wants credentials on unknown routes too, then answers 404 {error, requestId}', async () => {
    expect((await t.raw('GET', '/v1/accounts/9900000/sessions', { auth: 'none' })).status).toBe(
      401,
    );
    for (const [method, path] of [
      ['GET', '/v1/accounts/9900000/sessions'],
      ['PATCH', '/v1/accounts/9900000/participants/abc'],
      ['GET', '/v1/accounts/9900000/participants'],
    ] as const) {
      const response = await t.raw(method, path);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({
        error: expect.stringContaining(`No such route: ${method} ${path}`),
        requestId: expect.stringMatching(UUID),
      });
      validateComponent('requestError', {
        status: 404,
        contentType: response.headers.get('content-type'),
        text: response.text,
      });
    }
  });

  it("answers outside /v1/ like the service's gateway: 403 Missing Authentication Token", async () => {
    for (const path of ['/v2/anything', '/', '/accounts/9900000/sessions/x']) {
      for (const auth of ['default', 'none'] as const) {
        const response = await t.raw('GET', path, { auth });
        expect(response.status).toBe(403);
        expect(response.body).toEqual({ message: 'Missing Authentication Token' });
      }
    }
  });
});

describe('request bodies', () => {
  it('rejects malformed JSON with 400', async () => {
    const response = await t.bw('POST', '/sessions', {
      body: '{"tag": "call-1",}',
      contentType: 'application/json',
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: expect.stringMatching(/^request body is not valid JSON: /),
      requestId: expect.stringMatching(UUID),
    });
  });

  it('accepts application/json with a charset', async () => {
    const response = await t.bw('POST', '/sessions', {
      body: '{"tag":"call-c"}',
      contentType: 'application/json; charset=utf-8',
    });
    expect(response.body).toMatchObject({ tag: 'call-c' });
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['form data', 'application/x-www-form-urlencoded'],
    ['no content type', undefined],
  ])('rejects a non-empty body sent as %s with 400', async (_what, contentType) => {
    const body = new TextEncoder().encode('{"tag":"call-1"}');
    const response = await t.bw(
      'POST',
      '/sessions',
      contentType === undefined ? { body } : { body, contentType },
    );
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: expect.stringContaining(
        'request body must be JSON sent with Content-Type: application/json',
      ),
    });
  });

  it('ignores the content type of an empty body', async () => {
    expect((await t.bw('POST', '/sessions', { body: '', contentType: 'text/plain' })).status).toBe(
      200,
    );
  });

  it('rejects a body over 64 KiB with 400, not 413', async () => {
    const json = { tag: 'call-big', padding: 'x'.repeat(70 * 1024) };
    const response = await t.bw('POST', '/sessions', { json });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: 'request body is larger than 65536 bytes (64 KiB), the most this API accepts',
    });
    expect(
      (await t.bw('POST', '/sessions', { json: { padding: 'x'.repeat(60 * 1024) } })).status,
    ).toBe(200);
  });
});

describe('unexpected failures', () => {
  it('answer 500 {error, requestId} without a stack trace, and are logged', async () => {
    class BrokenStore extends Store {
      override getSession(): never {
        throw new TypeError('secret internals at /work/main/src-main/local-api/store.ts:1');
      }
    }
    const credentials = { accountId: '9900000', username: 'u', password: 'p' };
    const { app } = buildLocalApiApp({
      store: new BrokenStore(),
      credentials,
      tokenSecret: new Uint8Array(32),
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const port = (app.server.address() as AddressInfo).port;
      const path = '/v1/accounts/9900000/sessions/s1';
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        headers: { authorization: `Basic ${btoa('u:p')}` },
      });
      const text = await response.text();
      expect(response.status).toBe(500);
      expect(JSON.parse(text)).toEqual({
        error: 'Internal server error',
        requestId: expect.stringMatching(UUID),
      });
      expect(text).not.toMatch(/secret|store\.ts|at /);
      validateResponse('GET', path, {
        status: 500,
        contentType: response.headers.get('content-type'),
        text,
      });
      expect(logged).toHaveBeenCalled();
    } finally {
      logged.mockRestore();
      await app.close();
    }
  });
});
