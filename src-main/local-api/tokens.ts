/**
 * Participant tokens: real JWTs signed with HS256 and a per-server secret (random per server in
 * memory mode; kept in the data folder when there is one, so tokens survive restarts). Claims as
 * Bandwidth's: `a` account id, `p` participant id, `v` "v3" (read by the browser SDK), `iss`, `exp`
 * (24 h), `tid` (a fresh UUID per token), plus `iat`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';

export const TOKEN_ISSUER = 'patchbay-local-api';
const TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;
export const TOKEN_SECRET_BYTES = 32;

export interface ParticipantTokenClaims {
  a: string;
  p: string;
  v: 'v3';
  iss: string;
  exp: number;
  iat: number;
  tid: string;
}

export function generateTokenSecret(): Uint8Array {
  return new Uint8Array(randomBytes(TOKEN_SECRET_BYTES));
}

export async function issueParticipantToken(
  secret: Uint8Array,
  accountId: string,
  participantId: string,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ a: accountId, p: participantId, v: 'v3', tid: randomUUID() })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(TOKEN_ISSUER)
    .setIssuedAt(now)
    .setExpirationTime(now + TOKEN_LIFETIME_SECONDS)
    .sign(secret);
}

/** Verifies signature, algorithm, issuer and expiry; throws (jose's errors) when any fails. */
export async function verifyParticipantToken(
  token: string,
  secret: Uint8Array,
): Promise<ParticipantTokenClaims> {
  const { payload } = await jwtVerify(token, secret, {
    algorithms: ['HS256'],
    issuer: TOKEN_ISSUER,
  });
  const { a, p, v, iss, exp, iat, tid } = payload;
  if (
    typeof a !== 'string' ||
    typeof p !== 'string' ||
    v !== 'v3' ||
    typeof iss !== 'string' ||
    typeof exp !== 'number' ||
    typeof iat !== 'number' ||
    typeof tid !== 'string'
  ) {
    throw new Error('participant token lacks one of the claims a, p, v, iss, exp, iat, tid');
  }
  return { a, p, v, iss, exp, iat, tid };
}
