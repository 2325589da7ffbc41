/**
 * Arms the in-page probe's DOM watch with data-only steps (a CSS selector and the number of matches
 * that completes the step) and collects what the probe recorded.
 */
import type { Page } from '@playwright/test';

export interface StepSpec {
  readonly name: string;
  readonly selector: string;
  /** The step completes when `selector` matches exactly this many elements (or ≥ with `atLeast`). */
  readonly count: number;
  readonly atLeast?: boolean;
}

export interface Mark {
  readonly name: string;
  /** MutationObserver callback after the DOM flush in which the step became true. */
  readonly mutation: number;
  /** The next animation frame. */
  readonly frame: number;
  /** The task after that frame (≈ painted). */
  readonly paint: number;
}

export interface ProbeFrame {
  readonly t: number;
  readonly dir: 'in' | 'out';
  readonly type: string;
  readonly name?: string;
  readonly id?: number;
  readonly bytes: number;
}

export interface Collected {
  readonly timedOut: boolean;
  readonly marks: readonly Mark[];
  readonly frames: readonly ProbeFrame[];
  readonly inputs: readonly { type: string; t: number }[];
  readonly longTasks: readonly { start: number; duration: number }[];
  readonly events: readonly { name: string; start: number; duration: number }[];
}

interface ProbeWindow {
  __bench: {
    frames: ProbeFrame[];
    inputs: { type: string; t: number }[];
    longTasks: { start: number; duration: number }[];
    events: { name: string; start: number; duration: number }[];
    watch(spec: {
      root: Element | null;
      steps: { name: string; test: () => boolean }[];
      timeoutMs: number;
      attributes: string[];
    }): Promise<{ timedOut: boolean; marks: Mark[] }>;
    pending?: Promise<{ timedOut: boolean; marks: Mark[] }>;
  };
}

/** Where to watch: a root element and the attributes whose changes matter there. */
export interface WatchTarget {
  readonly root: string;
  readonly attributes: readonly string[];
}

export async function arm(
  page: Page,
  target: WatchTarget,
  steps: readonly StepSpec[],
  timeoutMs = 10_000,
): Promise<void> {
  await page.evaluate(
    ({ root, attributes, steps, timeoutMs }) => {
      const w = window as unknown as ProbeWindow;
      const tests = steps.map((s) => ({
        name: s.name,
        test: (): boolean => {
          const n = document.querySelectorAll(s.selector).length;
          return s.atLeast === true ? n >= s.count : n === s.count;
        },
      }));
      w.__bench.pending = w.__bench.watch({
        root: document.querySelector(root),
        steps: tests,
        timeoutMs,
        attributes,
      });
    },
    { root: target.root, attributes: [...target.attributes], steps, timeoutMs },
  );
}

export async function collect(page: Page): Promise<Collected> {
  return page.evaluate(async () => {
    const b = (window as unknown as ProbeWindow).__bench;
    const result = (await b.pending) ?? { timedOut: true, marks: [] };
    return {
      ...result,
      frames: [...b.frames],
      inputs: [...b.inputs],
      longTasks: [...b.longTasks],
      events: [...b.events],
    };
  });
}

/** The last inbound frame (optionally of one event name) that arrived before `t`. */
export function lastFrameBefore(c: Collected, t: number, name?: string): ProbeFrame | undefined {
  return [...c.frames]
    .reverse()
    .find((f) => f.dir === 'in' && f.t <= t && (name === undefined || f.name === name));
}

/** Long tasks that overlap [from, to]. */
export function longTasksIn(c: Collected, from: number, to: number): number {
  return c.longTasks.filter((l) => l.start < to && l.start + l.duration > from).length;
}
