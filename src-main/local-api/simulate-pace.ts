/**
 * How fast the demo contact center moves. `realistic` (the default) is a floor a supervisor would
 * recognise: calls last 3 to 15 minutes, an outside rewiring happens about once in 10 minutes, and
 * about once in 8 minutes a call breaks (the agent stops hearing the customer) or leaks (the
 * customer hears a supervisor who is not barging), so that the console's alerts have something to
 * show. `fast` is the old demo pace for tests and quick demos: short calls and a change almost every
 * tick. Durations are counted in ticks, so a shorter tick speeds everything up alike.
 */

const SIMULATION_PACES = ['realistic', 'fast'] as const;
export type SimulationPace = (typeof SIMULATION_PACES)[number];

export interface PaceProfile {
  /** Time between two ticks. */
  tickMs: number;
  /** A call's length in ticks, from and to (inclusive). */
  callTicks: readonly [number, number];
  /** Chance per tick that a call arrives (while fewer than maxCalls are live). */
  arrivalChance: number;
  /** Chance per tick that the backend rewires one call (mute, subscription level, a supervisor). */
  rewireChance: number;
  /** Chance per tick of a broken leg or a privacy leak in one call. */
  incidentChance: number;
}

export const PACES: Readonly<Record<SimulationPace, Readonly<PaceProfile>>> = Object.freeze({
  realistic: Object.freeze({
    tickMs: 5000,
    // 36 to 180 ticks of 5 s: 3 to 15 minutes.
    callTicks: [36, 180] as const,
    // About 6.5 calls live on average (mean length 108 ticks × 0.06 arrivals per tick).
    arrivalChance: 0.06,
    rewireChance: 1 / 120,
    incidentChance: 1 / 100,
  }),
  fast: Object.freeze({
    tickMs: 3000,
    callTicks: [4, 30] as const,
    arrivalChance: 0.2,
    rewireChance: 0.65,
    incidentChance: 0.05,
  }),
});

export function isSimulationPace(value: string): value is SimulationPace {
  return (SIMULATION_PACES as readonly string[]).includes(value);
}
