/**
 * Our OpenAPI description (src-main/local-api/openapi.yaml) says what the API is, and the validator
 * built on it (tests/support/openapi.ts) is strict enough that a wrong answer fails. The local
 * API's own answers are validated against it in every other test of this folder.
 */
import { describe, expect, it } from 'vitest';
import { errorFromResponse } from '../../../src-main/bandwidth/errors';
import { OPERATION_IDS } from '../../../src-main/shared/bandwidth-api';
import { deref, jsonSchemaOf, listOperations } from '../../support/openapi-doc';
import { loadSpec, validateComponent, validateResponse } from '../../support/openapi';
import type { ObservedResponse } from '../../support/openapi';

const P = '/accounts/{accountId}/participants/{participantId}';
const S = '/accounts/{accountId}/sessions/{sessionId}';
const M = `${S}/participants/{participantId}`;
const WITH_ID = '200 400 401 403 404 500';

/** The eleven operations as Bandwidth documents them: where, and every status each answers. */
const OPERATIONS: Record<string, [string, string]> = {
  createParticipant: ['POST /accounts/{accountId}/participants', '200 400 401 403 500'],
  getParticipant: [`GET ${P}`, WITH_ID],
  deleteParticipant: [`DELETE ${P}`, '204 400 401 403 404 500'],
  createSession: ['POST /accounts/{accountId}/sessions', '200 400 401 403 500'],
  getSession: [`GET ${S}`, WITH_ID],
  deleteSession: [`DELETE ${S}`, '204 400 401 403 404 500'],
  listSessionParticipants: [`GET ${S}/participants`, '200 204 400 401 403 404 500'],
  addParticipantToSession: [`PUT ${M}`, '204 400 401 403 404 409 500'],
  removeParticipantFromSession: [`DELETE ${M}`, '204 400 401 403 404 500'],
  getParticipantSubscriptions: [`GET ${M}/subscriptions`, '200 204 400 401 403 404 500'],
  updateParticipantSubscriptions: [`PUT ${M}/subscriptions`, '204 400 401 403 404 500'],
};

describe('the description', () => {
  const spec = loadSpec();
  const operations = listOperations(spec);

  it('has exactly the eleven operations, with every status each may answer', () => {
    expect(Object.keys(OPERATIONS).sort()).toEqual([...OPERATION_IDS].sort());
    const described = Object.fromEntries(
      operations.map(({ method, path, operation }) => [
        operation.operationId,
        [`${method.toUpperCase()} ${path}`, Object.keys(operation.responses).sort().join(' ')],
      ]),
    );
    expect(described).toEqual(OPERATIONS);
  });

  it('answers errors as {error, requestId}, but 401 and 403 as {message}', () => {
    for (const { operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        const shape = ['401', '403'].includes(status) ? 'messageError' : 'requestError';
        expect(jsonSchemaOf(spec, response), `${operation.operationId} ${status}`).toEqual({
          $ref: `#/components/schemas/${shape}`,
        });
      }
    }
  });

  it('asks for HTTP Basic everywhere, and says so on 401 with WWW-Authenticate', () => {
    expect(spec.security).toEqual([{ basicAuth: [] }]);
    expect(spec.components.securitySchemes?.basicAuth).toMatchObject({
      type: 'http',
      scheme: 'basic',
    });
    for (const { operation } of operations) {
      expect(operation.security).toBeUndefined();
      const unauthorized = deref(spec, operation.responses['401'] ?? {});
      expect(unauthorized.headers?.['WWW-Authenticate']).toMatchObject({ required: true });
    }
  });

  it.each(['requestError', 'messageError', 'legacyError'])(
    "gives an example of %s that the console's client reads the API's words from",
    (name) => {
      const example = spec.components.schemas[name]?.example as Record<string, unknown>;
      const text = JSON.stringify(example);
      validateComponent(name, { status: 400, contentType: 'application/json', text });
      const variants = name === 'legacyError' ? [example, { ...example, code: 'E404' }] : [example];
      for (const body of variants) {
        validateComponent(name, {
          status: 400,
          contentType: 'application/json',
          text: JSON.stringify(body),
        });
        const error = errorFromResponse('getSession', 404, body);
        expect(error.apiMessage).toBe(body.error ?? body.message);
      }
    },
  );
});

const json = 'application/json';
const participant = {
  id: 'p1',
  callbackUrl: null,
  publishPermissions: ['AUDIO', 'VIDEO'],
  sessions: [],
  subscriptions: {},
  deviceApiVersion: 'V3',
};
const getParticipant = (body: unknown): ObservedResponse => ({
  status: 200,
  contentType: json,
  text: JSON.stringify(body),
});
const P1 = '/v1/accounts/1/participants/p1';

describe('the validator', () => {
  it('rejects undeclared statuses, wrong shapes and bodies where none belong', () => {
    const path = '/v1/accounts/1/sessions/s';
    expect(() =>
      validateResponse('GET', path, { status: 409, contentType: json, text: '{}' }),
    ).toThrow(/does not declare/);
    expect(() =>
      validateResponse('GET', path, { status: 200, contentType: json, text: '{"id":5}' }),
    ).toThrow(/does not match/);
    expect(() =>
      validateResponse('DELETE', path, { status: 204, contentType: null, text: '{}' }),
    ).toThrow(/has none/);
    expect(() =>
      validateResponse('GET', `${path}/participants`, {
        status: 200,
        contentType: json,
        text: '[{"callbackUrl":3}]',
      }),
    ).toThrow(/does not match/);
    expect(() =>
      validateResponse('GET', '/v1/accounts/1/sessions', {
        status: 200,
        contentType: json,
        text: '[]',
      }),
    ).toThrow(/not an operation/);
    expect(
      validateResponse('POST', '/v1/accounts/1/participants', {
        status: 200,
        contentType: json,
        text: JSON.stringify({ participant, token: 'aGVhZA.Ym9keQ.c2ln' }),
      }),
    ).toBe('createParticipant');
  });

  it('requires the headers the description marks required (WWW-Authenticate on 401)', () => {
    const unauthorized = (headers: Headers): ObservedResponse => ({
      status: 401,
      contentType: json,
      text: '{"message":"Unauthorized"}',
      headers,
    });
    expect(() => validateResponse('GET', P1, unauthorized(new Headers()))).toThrow(
      /without the required header WWW-Authenticate/,
    );
    expect(() =>
      validateResponse('GET', P1, unauthorized(new Headers({ 'WWW-Authenticate': 'Bearer' }))),
    ).toThrow(/header WWW-Authenticate/);
    const basic = new Headers({ 'WWW-Authenticate': 'Basic realm="Bandwidth"' });
    expect(validateResponse('GET', P1, unauthorized(basic))).toBe('getParticipant');
  });

  it('accepts what this server sends: members, subscriptions, tags, empty answers', () => {
    const member = {
      ...participant,
      callbackUrl: 'https://example.com/events',
      sessions: ['s1'],
      subscriptions: {
        sessionId: 's1',
        participants: [{ participantId: 'p2', streamAliases: [] }],
      },
      tag: 'agent-1',
    };
    expect(validateResponse('GET', P1, getParticipant(member))).toBe('getParticipant');
    const list = '/v1/accounts/1/sessions/s1/participants';
    validateResponse('GET', list, { status: 200, contentType: json, text: '[]' });
    validateResponse('GET', list, { status: 204, contentType: null, text: '' });
    const subs = `${list}/p1/subscriptions`;
    validateResponse('GET', subs, { status: 200, contentType: json, text: '{}' });
    validateResponse('GET', subs, { status: 200, contentType: json, text: '{"sessionId":"s1"}' });
  });

  it.each([
    ['an unknown field', { ...participant, nickname: 'x' }, /must NOT have additional properties/],
    ['a missing field', { ...participant, sessions: undefined }, /required property 'sessions'/],
    [
      'a repeated permission',
      { ...participant, publishPermissions: ['AUDIO', 'AUDIO'] },
      /duplicate/,
    ],
    ['an unknown permission', { ...participant, publishPermissions: ['SCREEN'] }, /allowed values/],
    ['another device API version', { ...participant, deviceApiVersion: 'V2' }, /allowed values/],
    ['a callbackUrl that is not http(s)', { ...participant, callbackUrl: 'ftp://x/y' }, /pattern/],
    ['two sessions', { ...participant, sessions: ['a', 'b'] }, /more than 1 items/],
    ['a tag of 51 characters', { ...participant, tag: 'x'.repeat(51) }, /more than 50 characters/],
    [
      'an empty participant-level list',
      { ...participant, subscriptions: { sessionId: 's', participants: [] } },
      /fewer than 1 items/,
    ],
    [
      'an entry with an unknown field',
      { ...participant, subscriptions: { participants: [{ participantId: 'p2', mute: true }] } },
      /must NOT have additional properties/,
    ],
  ])('rejects a participant with %s', (_what, body, reason) => {
    expect(() => validateResponse('GET', P1, getParticipant(body))).toThrow(reason);
  });

  it('rejects error bodies of the wrong shape, and a legacy body from this server', () => {
    const answer = (status: number, body: unknown): ObservedResponse => ({
      status,
      contentType: json,
      text: JSON.stringify(body),
    });
    expect(() => validateResponse('GET', P1, answer(404, { error: 'gone' }))).toThrow(
      /required property 'requestId'/,
    );
    expect(() =>
      validateResponse('GET', P1, answer(404, { error: 'gone', requestId: 'r-1' })),
    ).toThrow(/must match format "uuid"/);
    expect(() => validateResponse('GET', P1, answer(403, { error: 'no' }))).toThrow(
      /required property 'message'/,
    );
    expect(() =>
      validateResponse('GET', P1, answer(401, { code: 401, message: 'Unauthorized' })),
    ).toThrow(/additional properties/);
    expect(() =>
      validateResponse('POST', '/v1/accounts/1/participants', {
        status: 200,
        contentType: json,
        text: JSON.stringify({ participant, token: 'not a token' }),
      }),
    ).toThrow(/pattern/);
  });

  it('checks a WWW-Authenticate header a 401 carries', () => {
    const unauthorized = (scheme: string): ObservedResponse => ({
      status: 401,
      contentType: json,
      text: '{"message":"Unauthorized"}',
      headers: new Headers({ 'www-authenticate': scheme }),
    });
    expect(validateResponse('GET', P1, unauthorized('Basic realm="Patchbay"'))).toBe(
      'getParticipant',
    );
    expect(() => validateResponse('GET', P1, unauthorized('Bearer'))).toThrow(
      /header WWW-Authenticate does not match/,
    );
  });
});
