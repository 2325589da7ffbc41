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

/**
 * The one error the Bandwidth client throws. It carries what a user or a log needs (operation,
 * status, requestId, a human message) and nothing else: no request, no headers, no credentials.
 */
export class BandwidthApiError extends Error {
  override readonly name = 'BandwidthApiError';
  readonly operation: OperationId;
  readonly kind: BandwidthErrorKind;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  /** The API's own words, when it gave any. */
  readonly apiMessage: string | undefined;

  constructor(init: {
    operation: OperationId;
    kind: BandwidthErrorKind;
    status?: number | undefined;
    requestId?: string | undefined;
    apiMessage?: string | undefined;
    message: string;
  }) {
    super(init.message);
    this.operation = init.operation;
    this.kind = init.kind;
    this.status = init.status;
    this.requestId = init.requestId;
    this.apiMessage = init.apiMessage;
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

/** Builds the error for an HTTP error response, reading any of the three error body shapes. */
export function errorFromResponse(
  operation: OperationId,
  status: number,
  body: unknown,
  headerRequestId?: string | null,
): BandwidthApiError {
  const kind: BandwidthErrorKind = KIND_BY_STATUS[status] ?? (status >= 500 ? 'server' : 'http');
  const parsed = errorBodySchema.safeParse(typeof body === 'string' ? tryJson(body) : body);
  const fields = parsed.success ? parsed.data : {};
  const apiMessage = (fields.error ?? fields.message)?.trim() || undefined;
  const requestId = fields.requestId ?? headerRequestId ?? undefined;
  const what = apiMessage ?? DEFAULT_TEXT[kind] ?? `HTTP ${status}`;
  const ref = requestId ? ` (request ${requestId})` : '';
  return new BandwidthApiError({
    operation,
    kind,
    status,
    requestId,
    apiMessage,
    message: `${describeOperation(operation)} failed: ${what} [${status}]${ref}`,
  });
}

export function describeOperation(operation: OperationId): string {
  const words = operation.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { error: text.slice(0, 200) };
  }
}
