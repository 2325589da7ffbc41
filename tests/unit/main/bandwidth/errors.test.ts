import { describe, expect, it } from 'vitest';
import {
  BandwidthApiError,
  errorFromResponse,
  isBandwidthApiError,
  MAX_API_MESSAGE,
  withScrubbedErrors,
  type BandwidthClient,
} from '../../../../src-main/bandwidth';
import { apiSecrets, basicToken, fixedSecrets, Scrubber } from '../../../../src-main/credentials';

describe('errorFromResponse reads every error body shape', () => {
  it('{error, requestId} (400/404/409/500)', () => {
    const e = errorFromResponse('getSession', 404, {
      error: 'Session abc not found',
      requestId: 'r-1',
    });
    expect(e).toMatchObject({
      kind: 'not-found',
      status: 404,
      requestId: 'r-1',
      apiMessage: 'Session abc not found',
    });
    expect(e.ended).toBe(true);
    expect(e.message).toBe('Get session failed: Session abc not found [404] (request r-1)');
  });

  it('{message} (401/403)', () => {
    const e = errorFromResponse('createSession', 403, { message: 'Forbidden' });
    expect(e).toMatchObject({ kind: 'forbidden', apiMessage: 'Forbidden' });
    expect(e.message).toBe('Create session failed: Forbidden [403]');
  });

  it('legacy {code, message}', () => {
    const e = errorFromResponse('updateParticipantSubscriptions', 409, {
      code: 409,
      message: 'Conflict here',
    });
    expect(e).toMatchObject({ kind: 'conflict', apiMessage: 'Conflict here' });
  });

  it('a text body, an empty body and an unknown status', () => {
    expect(errorFromResponse('getParticipant', 500, 'upstream exploded').apiMessage).toBe(
      'upstream exploded',
    );
    const empty = errorFromResponse('getParticipant', 502, undefined);
    expect(empty).toMatchObject({ kind: 'server', apiMessage: undefined });
    expect(empty.message).toBe('Get participant failed: the API had an internal error [502]');
    expect(errorFromResponse('getParticipant', 418, {}).kind).toBe('http');
    expect(errorFromResponse('getParticipant', 429, {}).kind).toBe('rate-limited');
  });

  it('takes the request id from a header when the body has none', () => {
    expect(errorFromResponse('getSession', 500, {}, 'hdr-7').requestId).toBe('hdr-7');
  });

  it('serialises without anything but safe fields', () => {
    const e = errorFromResponse('getSession', 401, { message: 'Unauthorized' });
    expect(Object.keys(e.toJSON()).sort()).toEqual([
      'kind',
      'message',
      'name',
      'operation',
      'requestId',
      'status',
    ]);
  });
});

describe('API words in error messages: scrubbed, then capped', () => {
  const password = 'Echo-Pa55word-41';
  const basic = basicToken('api-user', password);
  const scrubber = new Scrubber({ secrets: fixedSecrets(apiSecrets('api-user', password)) });
  const scrub = (text: string): string => scrubber.text(text);

  it('caps the API text to one line of MAX_API_MESSAGE characters', () => {
    const page = `<html>\n<body>${'Proxy error. '.repeat(200)}</body></html>`;
    const e = errorFromResponse('getSession', 502, page);
    expect(e.apiMessage).toHaveLength(MAX_API_MESSAGE);
    expect(e.apiMessage).toMatch(/^<html> <body>Proxy error\./);
    expect(e.apiMessage?.endsWith('…')).toBe(true);
    expect(e.message).not.toContain('\n');
  });

  it('removes an echoed Authorization header even before the secrets are known', () => {
    const e = errorFromResponse('listSessionParticipants', 401, {
      message: `Rejected Authorization: Basic ${basic} for api-user`,
      requestId: `req Basic ${basic}`,
    });
    expect(e.apiMessage).toBe('Rejected Authorization: [redacted] for api-user');
    expect(e.requestId).toBe('req Basic [redacted]');
    expect(e.message).not.toContain(basic);
  });

  it('scrubbed() rebuilds the message from the whole answer: no half password at the cut', () => {
    const text = `${'x'.repeat(MAX_API_MESSAGE - 6)} ${password} rest`;
    const raw = errorFromResponse('getSession', 400, { error: text });
    expect(raw.message).toContain(`x ${password.slice(0, 4)}…`); // the patterns cannot know it
    const clean = raw.scrubbed(scrub);
    expect(clean).toBeInstanceOf(BandwidthApiError);
    expect(clean).toMatchObject({ kind: 'bad-request', status: 400, operation: 'getSession' });
    expect(clean.message).not.toContain(password.slice(0, 3));
    expect(clean.apiMessage).toHaveLength(MAX_API_MESSAGE);
  });

  it('withScrubbedErrors scrubs what any operation throws and keeps what callers test', async () => {
    const thrown = [
      errorFromResponse('getSession', 404, { error: `no session for ${password}` }),
      new BandwidthApiError({
        operation: 'createSession',
        kind: 'network',
        message: `Create session failed: could not reach http://api-user:${password}@host`,
      }),
    ];
    const client = {
      baseUrl: 'http://x',
      accountId: '1',
      getSession: () => Promise.reject(thrown[0]),
      createSession: () => Promise.reject(thrown[1]),
    } as unknown as BandwidthClient;
    const wrapped = withScrubbedErrors(client, scrub);
    expect(wrapped.accountId).toBe('1');
    const first = await wrapped.getSession({ sessionId: 's' }).catch((e: unknown) => e);
    const second = await wrapped.createSession({}).catch((e: unknown) => e);
    for (const e of [first, second]) {
      expect(isBandwidthApiError(e)).toBe(true);
      expect(JSON.stringify(e) + String((e as Error).message)).not.toContain(password);
    }
    expect(isBandwidthApiError(first) && first.ended).toBe(true);
    expect((first as Error).message).toBe('Get session failed: no session for [redacted] [404]');
  });
});
