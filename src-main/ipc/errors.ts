import { isBandwidthApiError } from '../bandwidth';
import { KeychainUnavailableError, ProfileError } from '../credentials';
import type { ResultError } from '../shared/result';

/** An error a handler throws on purpose: its code and message reach the console as they are. */
export class IpcError extends Error {
  override readonly name = 'IpcError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Maps anything a handler threw to the `{code, message}` the renderer sees: no stack, no request.
 * (The dispatcher scrubs secrets from the whole Result after this.)
 */
export function toResultError(error: unknown): ResultError {
  if (error instanceof IpcError) return { code: error.code, message: error.message };
  if (isBandwidthApiError(error)) {
    const { operation, status, requestId } = error;
    return {
      code: `api-${error.kind}`,
      message: error.message,
      details: { operation, status, requestId },
    };
  }
  // Every wrong field of a profile form at once, each beside its field.
  if (error instanceof ProfileError && error.fields.length > 0) {
    return { code: error.code, message: error.message, details: error.fields };
  }
  // What the keychain layer said (a D-Bus or X11 text) goes behind "details", not in the message.
  if (error instanceof KeychainUnavailableError) {
    return { code: error.code, message: error.message, details: { technical: error.reason } };
  }
  const carried = (error as { code?: unknown } | null)?.code;
  const code = typeof carried === 'string' && /^[a-z][a-z-]*$/.test(carried) ? carried : 'internal';
  const message = error instanceof Error ? error.message : String(error);
  return { code, message };
}
