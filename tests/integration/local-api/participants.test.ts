import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, UUID } from '../../support/local-api';
import type { TestApi } from '../../support/local-api';

let t: TestApi;
beforeAll(async () => {
  t = await startTestApi();
});
afterAll(async () => {
  await t.close();
});

describe('POST /participants (createParticipant)', () => {
  it('answers 200 with the documented defaults when there is no body', async () => {
    const response = await t.bw('POST', '/participants');
    expect(response.status).toBe(200);
    const { participant, token } = response.body as {
      participant: Record<string, unknown>;
      token: string;
    };
    expect(participant).toEqual({
      id: expect.stringMatching(UUID),
      callbackUrl: null,
      publishPermissions: ['AUDIO', 'VIDEO'],
      sessions: [],
      subscriptions: {},
      deviceApiVersion: 'V3',
    });
    expect(participant).not.toHaveProperty('tag');
    expect(token.split('.')).toHaveLength(3);
  });

  it('accepts an empty body sent as application/json', async () => {
    const response = await t.bw('POST', '/participants', {
      body: '',
      contentType: 'application/json',
    });
    expect(response.status).toBe(200);
  });

  it('keeps every given field and ignores unknown ones', async () => {
    const response = await t.bw('POST', '/participants', {
      json: {
        callbackUrl: 'https://example.com/callback',
        publishPermissions: ['VIDEO', 'AUDIO'],
        tag: 'agent-5f0c2a51-5b7e-4f0e-9d4b-3c1f7a2e9b10',
        deviceApiVersion: 'V3',
        somethingElse: { ignored: true },
      },
    });
    expect(response.status).toBe(200);
    const { participant } = response.body as { participant: Record<string, unknown> };
    expect(participant).toEqual({
      id: expect.stringMatching(UUID),
      callbackUrl: 'https://example.com/callback',
      publishPermissions: ['VIDEO', 'AUDIO'],
      sessions: [],
      subscriptions: {},
      tag: 'agent-5f0c2a51-5b7e-4f0e-9d4b-3c1f7a2e9b10',
      deviceApiVersion: 'V3',
    });
  });

  it('allows callbackUrl null, an empty permission list and a 50-character tag', async () => {
    const tag = 'x'.repeat(50);
    const { participant } = await t.createParticipant({
      callbackUrl: null,
      publishPermissions: [],
      tag,
    });
    expect(participant).toMatchObject({ callbackUrl: null, publishPermissions: [], tag });
  });

  it.each([
    ['an array body', [], 'request body must be a JSON object'],
    ['a string body', 'hello', 'request body must be a JSON object'],
    ['a null body', null, 'request body must be a JSON object'],
    [
      'an unknown permission',
      { publishPermissions: ['SCREEN'] },
      'publishPermissions[0] must be "AUDIO" or "VIDEO" (got "SCREEN")',
    ],
    [
      'permissions not an array',
      { publishPermissions: 'AUDIO' },
      'publishPermissions must be an array',
    ],
    [
      'a duplicate permission',
      { publishPermissions: ['AUDIO', 'AUDIO'] },
      'publishPermissions[1] repeats permission "AUDIO"',
    ],
    [
      'another device API version',
      { deviceApiVersion: 'V2' },
      'deviceApiVersion must be "V3", the only device API version (got "V2")',
    ],
    ['a null device API version', { deviceApiVersion: null }, 'deviceApiVersion must be "V3"'],
    [
      'a tag over 50 characters',
      { tag: 'y'.repeat(51) },
      'tag must be at most 50 characters (got 51)',
    ],
    ['a tag that is not a string', { tag: 42 }, 'tag must be a string (got 42)'],
    [
      'a relative callbackUrl',
      { callbackUrl: 'example.com/cb' },
      'callbackUrl must be an absolute http(s) URL or null',
    ],
    [
      'a non-http callbackUrl',
      { callbackUrl: 'ftp://example.com/cb' },
      'callbackUrl must be an absolute http(s) URL or null',
    ],
    [
      'a javascript: callbackUrl',
      { callbackUrl: 'javascript:alert(1)' },
      'callbackUrl must be an absolute http(s) URL or null',
    ],
    [
      'a numeric callbackUrl',
      { callbackUrl: 7 },
      'callbackUrl must be an absolute http(s) URL or null (got 7)',
    ],
  ])('rejects %s with 400 and a specific error, creating nothing', async (_what, json, error) => {
    const before = t.api.control.state().participants.length;
    const response = await t.bw('POST', '/participants', { json });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: expect.stringContaining(error),
      requestId: expect.stringMatching(UUID),
    });
    expect(t.api.control.state().participants).toHaveLength(before);
  });
});

describe('GET and DELETE /participants/{id}', () => {
  it('returns the participant as created', async () => {
    const { participant } = await t.createParticipant({
      tag: 'customer-1',
      publishPermissions: ['AUDIO'],
    });
    const response = await t.bw('GET', `/participants/${participant.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(participant);
  });

  it('answers 404 {error, requestId} for an unknown id, with a fresh requestId each time', async () => {
    const first = await t.bw('GET', '/participants/7e0e7d5c-0000-4000-8000-000000000000');
    const second = await t.bw('GET', '/participants/7e0e7d5c-0000-4000-8000-000000000000');
    expect(first.status).toBe(404);
    expect(first.body).toEqual({
      error: 'Participant 7e0e7d5c-0000-4000-8000-000000000000 not found',
      requestId: expect.stringMatching(UUID),
    });
    expect((first.body as { requestId: string }).requestId).not.toBe(
      (second.body as { requestId: string }).requestId,
    );
  });

  it('deletes with 204, after which the participant is gone (404)', async () => {
    const { participant } = await t.createParticipant();
    const deleted = await t.bw('DELETE', `/participants/${participant.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await t.bw('GET', `/participants/${participant.id}`)).status).toBe(404);
    expect((await t.bw('DELETE', `/participants/${participant.id}`)).status).toBe(404);
  });

  it('treats a path id like __proto__ as just another unknown id', async () => {
    expect((await t.bw('GET', '/participants/__proto__')).status).toBe(404);
    expect((await t.bw('DELETE', '/participants/constructor')).status).toBe(404);
  });
});
