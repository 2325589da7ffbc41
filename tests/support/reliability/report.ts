/**
 * Shared knobs and output of the reliability suites (tests/integration/reliability): the size of a
 * run (default: small enough for `npm test`; `PATCHBAY_SOAK=1`: a long run), the PRNG seed (random,
 * printed, and replayable with `PATCHBAY_SEED=<n>`), and the one summary line each suite prints.
 */
import { createPrng, type Prng } from '../../../src-main/local-api/prng';

export const SOAK = process.env['PATCHBAY_SOAK'] === '1';

/** `normal` in `npm test`, `soak` under PATCHBAY_SOAK=1. */
export function sized(normal: number, soak: number): number {
  return SOAK ? soak : normal;
}

/** A PRNG from PATCHBAY_SEED when set, else a fresh seed; the seed is part of every summary. */
export function seededPrng(): { prng: Prng; seed: number } {
  const fixed = Number(process.env['PATCHBAY_SEED']);
  const seed = Number.isInteger(fixed) && fixed >= 0 ? fixed : Math.floor(Math.random() * 2 ** 31);
  return { prng: createPrng(seed), seed };
}

/** Prints one suite's figures, e.g. `faults: 240 changes, 131 faults injected, 0 inconsistent`. */
export function report(suite: string, figures: string, seconds?: number): void {
  const time = seconds === undefined ? '' : ` (${seconds.toFixed(1)} s)`;
  console.log(`[reliability] ${suite}: ${figures}${time}`);
}

/** Seconds since `start` (a `performance.now()` value). */
export function since(start: number): number {
  return (performance.now() - start) / 1000;
}

/** Polls `check` every `everyMs` until it is true; throws with `what` after `timeoutMs`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
  everyMs = 20,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
