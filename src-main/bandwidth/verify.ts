import { randomUUID } from 'node:crypto';
import { apiSecrets, type ProfileCredentials, type VerifyCredentialsResult } from '../credentials';
import { fixedSecrets, Scrubber } from '../credentials';
import { shortPrintable } from '../shared/text';
import { createBandwidthClient } from './client';
import { isBandwidthApiError } from './errors';
import { withScrubbedErrors } from './scrubbed-client';

/** The most of a server's own words that a failed check repeats. */
export const MAX_REFLECTED_TEXT = 120;

/** What the probe's 403 or 404 answer looked like. */
interface ProbeAnswer {
  status: number;
  body: unknown;
}

function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null
    ? (body as Record<string, unknown>)[name]
    : undefined;
}

/** The API's own 404: `{error, requestId}`. Anything else is some other server's. */
function isApiNotFound(answer: ProbeAnswer | undefined): boolean {
  return (
    answer?.status === 404 &&
    typeof field(answer.body, 'error') === 'string' &&
    typeof field(answer.body, 'requestId') === 'string'
  );
}

/** Bandwidth's API gateway answers a path it does not serve (e.g. one without /v1) this way. */
function isGatewayMiss(answer: ProbeAnswer | undefined): boolean {
  return answer?.status === 403 && field(answer.body, 'message') === 'Missing Authentication Token';
}

function notWebRtcApi(baseUrl: string): VerifyCredentialsResult {
  return {
    ok: false,
    kind: 'not-webrtc-api',
    message: `${shortPrintable(baseUrl, MAX_REFLECTED_TEXT)}: this does not look like the WebRTC API base URL (…/v1).`,
  };
}

/**
 * "ECONNREFUSED" from "Getting the session failed: could not reach the API (ECONNREFUSED)", "no
 * answer within 10000 ms" from a timeout: what went wrong, without the operation around it.
 */
function networkDetail(message: string): string {
  const unreachable = /could not reach the API \((.*)\)$/.exec(message);
  if (unreachable?.[1]) return unreachable[1];
  const failed = message.lastIndexOf('failed: ');
  return failed >= 0 ? message.slice(failed + 'failed: '.length) : message;
}

/**
 * Checks an account's credentials with a harmless call that changes nothing: reading a session id
 * that cannot exist. The API's own 404 `{error, requestId}` means the credentials were accepted;
 * 401 and 403 are told apart, and a network failure is not mistaken for wrong credentials. A 404
 * in any other shape, or the gateway's 403 "Missing Authentication Token", means the base URL is
 * not the WebRTC API's. A server's own words are repeated short and with control characters escaped.
 */
export async function verifyCredentials(
  credentials: ProfileCredentials,
  options: { timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<VerifyCredentialsResult> {
  const send = options.fetch ?? fetch;
  let answer: ProbeAnswer | undefined;
  const probeFetch: typeof fetch = async (input, init) => {
    const response = await send(input, init);
    if (response.status === 403 || response.status === 404) {
      answer = { status: response.status, body: jsonOrUndefined(await response.clone().text()) };
    }
    return response;
  };
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
      fetch: probeFetch,
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
        return isApiNotFound(answer) ? { ok: true } : notWebRtcApi(credentials.baseUrl);
      case 'unauthorized':
        return {
          ok: false,
          kind: 'unauthorized',
          message:
            'Bandwidth refused the API username or password (401). Check them and try again.',
        };
      case 'forbidden':
        if (isGatewayMiss(answer)) return notWebRtcApi(credentials.baseUrl);
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
          // Only the cause: the caller says "Could not reach <base URL>" once, around it.
          message: shortPrintable(networkDetail(error.message), MAX_REFLECTED_TEXT),
        };
      default:
        return {
          ok: false,
          kind: 'other',
          message: shortPrintable(error.message, MAX_REFLECTED_TEXT),
        };
    }
  }
}
