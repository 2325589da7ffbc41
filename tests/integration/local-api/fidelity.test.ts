/**
 * Corrections found by driving the local API with Bandwidth's official SDK (issue 11): the 401/403
 * split of Bandwidth's error documentation, and framework-level failures that keep the API's
 * contract (auth first, then `{error, requestId}`). Over real HTTP, validated against the spec.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLocalApi } from '../../../src-main/local-api';
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
beforeEach(() => {
  t.api.control.clearWebRtcAccess();
});

describe('401 and 403 as Bandwidth documents them', () => {
  it('an account without WebRTC access answers 403 {message}; the served account still works', async () => {
    const view = await t.raw('POST', '/_local/webrtc-access', {
      json: { accountId: '7770000', enabled: false },
    });
    expect(view.body).toEqual({ accountId: t.api.accountId, withoutWebRtc: ['7770000'] });
    const refused = await t.bw('GET', '/sessions/anything', { accountId: '7770000' });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ message: 'Forbidden: account 7770000 has no WebRTC access' });
    expect(refused.headers.get('www-authenticate')).toBeNull();
    // Wrong credentials are still 401 first, and other accounts are still 401.
    expect((await t.bw('GET', '/sessions/x', { accountId: '7770000', auth: 'none' })).status).toBe(
      401,
    );
    expect((await t.bw('GET', '/sessions/x', { accountId: '1234567' })).status).toBe(401);
    expect((await t.bw('POST', '/sessions', { json: {} })).status).toBe(200);
  });

  it('the served account itself can lose WebRTC access, and get it back', async () => {
    t.api.control.setWebRtcAccess(t.api.accountId, false);
    const refused = await t.bw('POST', '/sessions', { json: { tag: 'no-access' } });
    expect(refused.status).toBe(403);
    expect(t.api.control.state().sessions.some((s) => s.tag === 'no-access')).toBe(false);
    expect((await t.raw('DELETE', '/_local/webrtc-access')).status).toBe(204);
    expect((await t.bw('POST', '/sessions', { json: {} })).status).toBe(200);
  });

  it('validates the control body', async () => {
    for (const json of [{}, { accountId: '', enabled: false }, { accountId: 'x', enabled: 'no' }]) {
      const response = await t.raw('POST', '/_local/webrtc-access', { json });
      expect(response.status).toBe(400);
    }
    expect(t.api.control.webRtcAccess().withoutWebRtc).toEqual([]);
  });

  it('can start with accounts without WebRTC access (the CLI flag --no-webrtc-account)', async () => {
    const api = await createLocalApi({ accountsWithoutWebRtc: ['9900000'] });
    try {
      const response = await fetch(`${api.baseUrl}/accounts/9900000/sessions/x`, {
        headers: { authorization: basicAuth(api.username, api.password) },
      });
      expect(response.status).toBe(403);
    } finally {
      await api.close();
    }
  });
});

describe('framework-level failures keep the contract', () => {
  it('lets a long id reach the route: 404 {error, requestId}, not 414', async () => {
    for (const length of [101, 500, 4000]) {
      const id = 'x'.repeat(length);
      const response = await t.bw('GET', `/sessions/${id}`);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({
        error: `Session ${id} not found`,
        requestId: expect.stringMatching(UUID),
      });
    }
    const subscriptions = `/sessions/${'s'.repeat(300)}/participants/${'p'.repeat(300)}/subscriptions`;
    const member = await t.bw('GET', subscriptions);
    expect(member.status).toBe(404);
    expect(member.body).toMatchObject({ error: `Session ${'s'.repeat(300)} not found` });
  });

  it('checks credentials before a long id or a malformed percent-encoding', async () => {
    for (const path of [
      `/sessions/${'x'.repeat(200)}`,
      '/sessions/%E0%A4%A',
      '/participants/%zz',
    ]) {
      const response = await t.bw('GET', path, { auth: 'none' });
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ message: 'Unauthorized' });
      expect(response.headers.get('www-authenticate')).toMatch(/^Basic/);
    }
  });

  it('answers a malformed percent-encoding with 400 {error, requestId}', async () => {
    for (const path of ['/sessions/%E0%A4%A', '/participants/%zz', '/sessions/a%/participants']) {
      const response = await t.bw('GET', path);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        error: expect.stringContaining('malformed percent-encoding'),
        requestId: expect.stringMatching(UUID),
      });
    }
  });
});
