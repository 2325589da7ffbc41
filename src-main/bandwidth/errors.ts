import { Scrubber } from '../credentials/scrubber';
import type { OperationId } from '../shared/bandwidth-api';
import { errorBodySchema } from './schemas';

export type BandwidthErrorKind =
  | 'bad-request'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'invalid-response'
  | 'http';

/** Replaces secrets in a text (the console's scrubber, or the credential patterns alone). */
export type TextScrub = (text: string) => string;

/** The most of the API's own words a message quotes: a proxy's whole error page is not a message. */
export const MAX_API_MESSAGE = 300;
const MAX_REQUEST_ID = 100;

const credentialPatterns = new Scrubber();
const patternsOnly: TextScrub = (text) => credentialPatterns.text(text);

/** What the API answered, kept (unexported) so the message can be built again with more secrets. */
interface ApiAnswer {
  readonly status: number;
  readonly text: string | undefined;
  readonly requestId: string | undefined;
}

/**
 * The one error the Bandwidth client throws. It carries what a user or a log needs (operation,
 * status, requestId, a human message) and nothing else: no request, no headers, no credentials.
 * Texts quoted from the API's answer are scrubbed first and then cut to MAX_API_MESSAGE (the other
 * way round, a cut could leave half a secret that no scrubber then recognises).
 */
export class BandwidthApiError extends Error {
  override readonly name = 'BandwidthApiError';
  readonly operation: OperationId;
  readonly kind: BandwidthErrorKind;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  /** The API's own words, when it gave any (scrubbed, one line, at most MAX_API_MESSAGE). */
  readonly apiMessage: string | undefined;
  readonly #answer: ApiAnswer | undefined;

  constructor(init: {
    operation: OperationId;
    kind: BandwidthErrorKind;
    status?: number | undefined;
    requestId?: string | undefined;
    apiMessage?: string | undefined;
    message: string;
    answer?: ApiAnswer;
  }) {
    super(init.message);
    this.operation = init.operation;
    this.kind = init.kind;
    this.status = init.status;
    this.requestId = init.requestId;
    this.apiMessage = init.apiMessage;
    this.#answer = init.answer;
  }

  /** The same error with its texts scrubbed by `scrub` (which knows the account's secrets). */
  scrubbed(scrub: TextScrub): BandwidthApiError {
    if (this.#answer) return fromAnswer(this.operation, this.#answer, scrub);
    const { operation, kind, status, requestId, apiMessage } = this;
    return new BandwidthApiError({
      operation,
      kind,
      status,
      requestId: requestId === undefined ? undefined : scrub(requestId),
      apiMessage: apiMessage === undefined ? undefined : scrub(apiMessage),
      message: scrub(this.message),
    });
  }

  /** A 404 on something that was being watched means it ended (Bandwidth cleans up after 9 h). */
  get ended(): boolean {
    return this.kind === 'not-found';
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      operation: this.operation,
      kind: this.kind,
      status: this.status,
      requestId: this.requestId,
      message: this.message,
    };
  }
}

export function isBandwidthApiError(value: unknown): value is BandwidthApiError {
  return value instanceof BandwidthApiError;
}

const KIND_BY_STATUS: Record<number, BandwidthErrorKind> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  429: 'rate-limited',
};

const DEFAULT_TEXT: Partial<Record<BandwidthErrorKind, string>> = {
  'bad-request': 'the request was rejected as invalid',
  unauthorized: 'the API username or password is wrong, or lacks access to this account',
  forbidden: 'this account has no WebRTC access',
  'not-found': 'it no longer exists (ended or deleted)',
  conflict: 'it conflicts with the current state',
  'rate-limited': 'too many requests; the API asked us to slow down',
  server: 'the API had an internal error',
};

/** Scrubbed first, then on one line and cut to `max` characters; undefined when nothing is left. */
function quoted(raw: string | undefined, scrub: TextScrub, max: number): string | undefined {
  if (raw === undefined) return undefined;
  const text = scrub(raw).replace(/\s+/g, ' ').trim();
  if (text === '') return undefined;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function fromAnswer(
  operation: OperationId,
  answer: ApiAnswer,
  scrub: TextScrub,
): BandwidthApiError {
  const { status } = answer;
  const kind: BandwidthErrorKind = KIND_BY_STATUS[status] ?? (status >= 500 ? 'server' : 'http');
  const apiMessage = quoted(answer.text, scrub, MAX_API_MESSAGE);
  const requestId = quoted(answer.requestId, scrub, MAX_REQUEST_ID);
  const what = apiMessage ?? DEFAULT_TEXT[kind] ?? `HTTP ${status}`;
  const ref = requestId ? ` (request ${requestId})` : '';
  return new BandwidthApiError({
    operation,
    kind,
    status,
    requestId,
    apiMessage,
    message: `${describeOperation(operation)} failed: ${what} [${status}]${ref}`,
    answer,
  });
}

/**
 * Builds the error for an HTTP error response, reading any of the three error body shapes. The
 * API's words are scrubbed of credential patterns here; `scrubbed()` redoes it with the secrets.
 */
export function errorFromResponse(
  operation: OperationId,
  status: number,
  body: unknown,
  headerRequestId?: string | null,
): BandwidthApiError {
  const parsed = errorBodySchema.safeParse(typeof body === 'string' ? tryJson(body) : body);
  const fields = parsed.success ? parsed.data : {};
  const text = fields.error ?? fields.message;
  const requestId = fields.requestId ?? headerRequestId ?? undefined;
  return fromAnswer(operation, { status, text, requestId }, patternsOnly);
}

export function describeOperation(operation: OperationId): string {
  const words = operation.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { error: text };
  }
}
