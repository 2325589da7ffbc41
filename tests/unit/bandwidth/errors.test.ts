import { describe, expect, it } from 'vitest';
import { errorFromResponse } from '../../../src-main/bandwidth';

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
