import { decodeProtectedHeader, decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN_ISSUER, verifyParticipantToken } from '../../../src-main/local-api';
import { startTestApi, UUID } from '../../support/local-api';
import type { TestApi } from '../../support/local-api';

let t: TestApi;
let other: TestApi;
beforeAll(async () => {
  [t, other] = await Promise.all([startTestApi(), startTestApi({ accountId: '5550001' })]);
});
afterAll(async () => {
  await Promise.all([t.close(), other.close()]);
});

describe('participant tokens', () => {
  it('are HS256 JWTs with the claims a, p, v, iss, exp and tid', async () => {
    const before = Math.floor(Date.now() / 1000);
    const { participant, token } = await t.createParticipant({ tag: 'agent-jwt' });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = await t.api.verifyToken(token);
    expect(claims).toEqual({
      a: '9900000',
      p: participant.id,
      v: 'v3',
      iss: TOKEN_ISSUER,
      iat: expect.any(Number),
      exp: expect.any(Number),
      tid: expect.stringMatching(UUID),
    });
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(claims.exp - claims.iat).toBe(24 * 60 * 60);
    expect(decodeJwt(token)).toEqual(claims);
  });

  it('carry a fresh tid each time and the server account id', async () => {
    const first = await other.createParticipant();
    const second = await other.createParticipant();
    const a = await other.api.verifyToken(first.token);
    const b = await other.api.verifyToken(second.token);
    expect(a.tid).not.toBe(b.tid);
    expect(a.a).toBe('5550001');
  });

  it('do not verify with another server secret, or when tampered with', async () => {
    const { token } = await t.createParticipant();
    await expect(other.api.verifyToken(token)).rejects.toThrow();
    const [header, payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...decodeJwt(token), p: 'someone-else' })).toString(
      'base64url',
    );
    await expect(t.api.verifyToken(`${header}.${forged}.${signature}`)).rejects.toThrow();
    await expect(t.api.verifyToken(`${header}.${payload}.`)).rejects.toThrow();
    await expect(verifyParticipantToken(token, new Uint8Array(32))).rejects.toThrow();
  });
});
