/**
 * One request to a directory feed: `GET` with the bearer token and `If-None-Match`, a deadline, a
 * size cap read off the stream (not only Content-Length), no redirects (the token goes to the
 * configured origin only). Every failure is a `DirectoryRequestError` whose message is plain words
 * for the supervisor and never carries the token.
 */
import { redactSecrets } from '../credentials/scrubber';
import type { DirectorySnapshot } from '../shared/dto/directory';
import { DirectoryFeedError, parseDirectoryFeedText } from './feed';

export type DirectoryFailureKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'status'
  | 'timeout'
  | 'network'
  | 'too-large'
  | 'not-json'
  | 'bad-feed';

export class DirectoryRequestError extends Error {
  override readonly name = 'DirectoryRequestError';
  constructor(
    readonly kind: DirectoryFailureKind,
    message: string,
    /** From Retry-After, when the feed asked to wait. */
    readonly retryAfterMs?: number,
    /** For bad-feed: the field the parser named. */
    readonly field?: string,
  ) {
    super(message);
  }
}

export interface FeedRequest {
  url: string;
  token: string;
  /** Sent as If-None-Match. */
  etag?: string | undefined;
  timeoutMs: number;
  maxBytes: number;
  /** Sent as Accept (default application/json). */
  accept?: string;
  signal?: AbortSignal | undefined;
}

export type FeedAnswer =
  | { kind: 'snapshot'; snapshot: DirectorySnapshot; etag: string | undefined }
  | { kind: 'not-modified' };

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function mebibytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(0)} MiB` : `${bytes} bytes`;
}

function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The error for a non-2xx, non-304 answer. */
export function statusError(response: Response): DirectoryRequestError {
  const s = response.status;
  if (s === 401) {
    return new DirectoryRequestError(
      'unauthorized',
      'The directory feed refused the token (401 Unauthorized): check the directory token.',
    );
  }
  if (s === 403) {
    return new DirectoryRequestError(
      'forbidden',
      'The directory feed refused access with this token (403 Forbidden).',
    );
  }
  if (s === 404) {
    return new DirectoryRequestError(
      'not-found',
      'There is no directory feed at this URL (404 Not Found): check the URL.',
    );
  }
  const wait = retryAfterMs(response.headers.get('retry-after'));
  if (s === 429 || s === 503) {
    return new DirectoryRequestError(
      'rate-limited',
      `The directory feed is busy (HTTP ${s})${wait === undefined ? '' : ` and asked to wait ${seconds(wait)}`}.`,
      wait,
    );
  }
  if (s >= 300 && s < 400) {
    return new DirectoryRequestError(
      'status',
      `The directory feed answered with a redirect (HTTP ${s}); Patchbay does not follow them, so that the token goes nowhere else: enter the final URL.`,
    );
  }
  return new DirectoryRequestError('status', `The directory feed answered HTTP ${s}.`, wait);
}

/** Reads at most maxBytes of the body as UTF-8; a larger body is a too-large error. */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const tooLarge = (): DirectoryRequestError =>
    new DirectoryRequestError(
      'too-large',
      `The directory feed's answer is larger than ${mebibytes(maxBytes)}, the most Patchbay reads.`,
    );
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(chunks));
}

/** What a fetch failure (network, deadline, abort) means, in plain words. */
export function transportError(error: unknown, timeoutMs: number): DirectoryRequestError {
  if (error instanceof DirectoryRequestError) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError') {
    return new DirectoryRequestError(
      'timeout',
      `The directory feed did not answer within ${seconds(timeoutMs)}.`,
    );
  }
  if (name === 'AbortError')
    return new DirectoryRequestError('network', 'The request was stopped.');
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const detail = code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return new DirectoryRequestError(
    'network',
    `Could not reach the directory feed (${detail.slice(0, 120)}).`,
  );
}

function isJson(contentType: string | null): boolean {
  return /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType ?? '');
}

export function authorization(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** One GET of the feed. Throws DirectoryRequestError (messages scrubbed of the token). */
export async function fetchFeed(request: FeedRequest): Promise<FeedAnswer> {
  const signals = [AbortSignal.timeout(request.timeoutMs)];
  if (request.signal) signals.push(request.signal);
  try {
    const response = await fetch(request.url, {
      headers: {
        accept: request.accept ?? 'application/json',
        ...authorization(request.token),
        ...(request.etag === undefined ? {} : { 'if-none-match': request.etag }),
      },
      redirect: 'manual',
      signal: AbortSignal.any(signals),
    });
    if (response.status === 304) {
      await response.body?.cancel();
      return { kind: 'not-modified' };
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw statusError(response);
    }
    const type = response.headers.get('content-type');
    if (!isJson(type)) {
      await response.body?.cancel();
      throw new DirectoryRequestError(
        'not-json',
        `The directory feed answered ${type?.split(';')[0] ?? 'without a content type'}, not application/json: check the URL.`,
      );
    }
    const text = await readCapped(response, request.maxBytes);
    const snapshot = parseDirectoryFeedText(text, request.url);
    return { kind: 'snapshot', snapshot, etag: response.headers.get('etag') ?? undefined };
  } catch (error) {
    if (error instanceof DirectoryFeedError) {
      throw new DirectoryRequestError(
        'bad-feed',
        redactSecrets(`The directory feed is not usable: ${error.message}.`, [request.token]),
        undefined,
        error.field,
      );
    }
    const failure = transportError(error, request.timeoutMs);
    const message = redactSecrets(failure.message, [request.token]);
    throw new DirectoryRequestError(failure.kind, message, failure.retryAfterMs, failure.field);
  }
}
