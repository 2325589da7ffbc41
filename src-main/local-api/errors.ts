/**
 * Typed errors of the local API's operations. The store throws them; the HTTP layer turns each into
 * the Bandwidth error body `{error, requestId}` with the same status.
 */

/** The statuses the Bandwidth WebRTC API answers with an `{error, requestId}` body. */
export type RequestErrorStatus = 400 | 404 | 409 | 500;

export class LocalApiError extends Error {
  readonly status: RequestErrorStatus;

  constructor(status: RequestErrorStatus, message: string) {
    super(message);
    this.name = 'LocalApiError';
    this.status = status;
  }
}

export function badRequest(message: string): LocalApiError {
  return new LocalApiError(400, message);
}

export function notFound(message: string): LocalApiError {
  return new LocalApiError(404, message);
}

export function conflict(message: string): LocalApiError {
  return new LocalApiError(409, message);
}
