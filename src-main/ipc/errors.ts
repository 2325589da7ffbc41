import { isBandwidthApiError } from '../bandwidth';
import type { ResultError } from '../shared/result';

/** An error a handler throws on purpose: its code and message reach the console as they are. */
export class IpcError extends Error {
  override readonly name = 'IpcError';
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * Maps anything a handler threw to the `{code, message}` the renderer sees: no stack, no request.
 * (The dispatcher scrubs secrets from the whole Result after this.)
 */
export function toResultError(error: unknown): ResultError {
  if (error instanceof IpcError) return withDetails(error.code, error.message, error.details);
  if (isBandwidthApiError(error)) {
    return withDetails(`api-${error.kind}`, error.message, {
      operation: error.operation,
      status: error.status,
      requestId: error.requestId,
    });
  }
  const carried = (error as { code?: unknown } | null)?.code;
  const code = typeof carried === 'string' && /^[a-z][a-z-]*$/.test(carried) ? carried : 'internal';
  const message = error instanceof Error ? error.message : String(error);
  return { code, message };
}

function withDetails(code: string, message: string, details: unknown): ResultError {
  return details === undefined ? { code, message } : { code, message, details };
}
