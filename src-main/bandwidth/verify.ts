import { randomUUID } from 'node:crypto';
import { apiSecrets, type ProfileCredentials, type VerifyCredentialsResult } from '../credentials';
import { fixedSecrets, Scrubber } from '../credentials';
import { createBandwidthClient } from './client';
import { isBandwidthApiError } from './errors';
import { withScrubbedErrors } from './scrubbed-client';

/**
 * Checks an account's credentials with a harmless call that changes nothing: reading a session id
 * that cannot exist. 404 means the credentials were accepted; 401 and 403 are told apart, and a
 * network failure is not mistaken for wrong credentials.
 */
export async function verifyCredentials(
  credentials: ProfileCredentials,
  options: { timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<VerifyCredentialsResult> {
  const { username, password } = credentials;
  // The answer may echo the credentials being checked; they are not registered anywhere yet.
  const scrubber = new Scrubber({ secrets: fixedSecrets(apiSecrets(username, password)) });
  const client = withScrubbedErrors(
    createBandwidthClient({
      baseUrl: credentials.baseUrl,
      accountId: credentials.accountId,
      credentials: () => ({ username, password }),
      timeoutMs: options.timeoutMs ?? 10_000,
      retryLimit: 1,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    }),
    (text) => scrubber.text(text),
  );
  try {
    await client.getSession({ sessionId: `patchbay-verify-${randomUUID()}` });
    return { ok: true };
  } catch (error) {
    if (!isBandwidthApiError(error)) {
      return { ok: false, kind: 'other', message: 'The credentials could not be checked.' };
    }
    switch (error.kind) {
      case 'not-found':
        return { ok: true };
      case 'unauthorized':
        return {
          ok: false,
          kind: 'unauthorized',
          message:
            'Bandwidth refused the API username or password (401). Check them and try again.',
        };
      case 'forbidden':
        return {
          ok: false,
          kind: 'forbidden',
          message: `The credentials work, but account ${credentials.accountId} has no WebRTC access (403).`,
        };
      case 'network':
      case 'timeout':
        return {
          ok: false,
          kind: 'network',
          message: `Could not reach ${new URL(credentials.baseUrl).host}: ${error.message}`,
        };
      default:
        return { ok: false, kind: 'other', message: error.message };
    }
  }
}
