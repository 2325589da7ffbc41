/** The envelope every privileged call answers with. Errors carry a code and a message, no secrets. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ResultError };

export interface ResultError {
  /** Stable, machine-readable: `invalid-input`, `forbidden-sender`, `not-found`, `unauthorized`, … */
  code: string;
  /** Plain words for the person at the console. */
  message: string;
  /** Optional structured detail (validation issues, failed step), never secrets. */
  details?: unknown;
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err(code: string, message: string, details?: unknown): Result<never> {
  return details === undefined
    ? { ok: false, error: { code, message } }
    : { ok: false, error: { code, message, details } };
}
