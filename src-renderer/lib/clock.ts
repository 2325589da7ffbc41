/** The clock state classes tick with; tests hand in their own. */

/** Runs `run` every `ms` until the returned function is called. */
export type Every = (run: () => void, ms: number) => () => void;

export interface ClockOptions {
  now?: () => number;
  every?: Every;
}

/** `setInterval`, as an `Every`. */
export const everyInterval: Every = (run, ms) => {
  const id = setInterval(run, ms);
  return () => clearInterval(id);
};
