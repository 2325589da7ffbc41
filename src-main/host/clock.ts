/** Time for the web host's sessions: the system clock, or a hand-driven one in tests. */
export interface Clock {
  now(): number;
  /** Runs `run` once after `ms`; the returned function cancels it. */
  schedule(ms: number, run: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  schedule: (ms, run) => {
    const timer = setTimeout(run, ms);
    timer.unref();
    return () => clearTimeout(timer);
  },
};
