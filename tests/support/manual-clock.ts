import type { Clock } from '../../src-main/host/clock';

export interface ManualClock extends Clock {
  /** Moves time on by `ms`, running every task that falls due, in order. */
  advance(ms: number): void;
  /** Tasks still waiting. */
  readonly pending: number;
}

/** A clock that only moves when told to: tests check what happens, never how long it takes. */
export function manualClock(start = 1_000_000): ManualClock {
  let now = start;
  let nextId = 0;
  const tasks = new Map<number, { at: number; run: () => void }>();
  return {
    now: () => now,
    schedule(ms, run) {
      const id = nextId++;
      tasks.set(id, { at: now + ms, run });
      return () => void tasks.delete(id);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...tasks.entries()]
          .filter(([, t]) => t.at <= until)
          .sort(([a, x], [b, y]) => x.at - y.at || a - b)[0];
        if (!due) break;
        tasks.delete(due[0]);
        now = due[1].at;
        due[1].run();
      }
      now = until;
    },
    get pending() {
      return tasks.size;
    },
  };
}
