/** How long a web host session lives and how much it may hold. */
export interface SessionLimits {
  /** With no socket open, the session ends after this long (counted from the last close). */
  idleMs: number;
  /** The session ends this long after sign-in, whatever happens (at least 12 hours by default). */
  absoluteMs: number;
  /** Open pages are warned this long before the absolute limit. */
  warnBeforeMs: number;
  /** Sockets one session may hold open at once, all of its windows together. */
  maxSockets: number;
  /** A window's one-time link works this long after it was minted. */
  windowLinkMs: number;
  /** A socket that has not signed in or resumed within this long is closed. */
  signInMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Timers cannot wait longer (2³¹−1 ms, about 24.8 days). */
const LONGEST_MS = 2 ** 31 - 1;

const DEFAULT_SESSION_LIMITS: Readonly<SessionLimits> = {
  idleMs: 30 * MINUTE,
  absoluteMs: 12 * HOUR,
  warnBeforeMs: 30 * MINUTE,
  maxSockets: 4,
  windowLinkMs: 5 * MINUTE,
  signInMs: 15_000,
};

/**
 * The defaults with `overrides` applied (tests shorten them). Refuses, naming the field, any value
 * that is not a positive whole number, longer than a timer can wait, or a warning that would come
 * before the session even starts.
 */
export function sessionLimits(overrides: Partial<SessionLimits> = {}): SessionLimits {
  const limits: SessionLimits = { ...DEFAULT_SESSION_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value <= 0 || value > LONGEST_MS) {
      throw new RangeError(
        `web host session limit ${name} must be a whole number from 1 to ${LONGEST_MS}, not ${String(value)}`,
      );
    }
  }
  if (limits.warnBeforeMs >= limits.absoluteMs) {
    throw new RangeError(
      `web host session limit warnBeforeMs (${limits.warnBeforeMs}) must be shorter than absoluteMs (${limits.absoluteMs})`,
    );
  }
  return limits;
}
