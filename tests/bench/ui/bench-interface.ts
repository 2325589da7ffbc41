/**
 * Part 4: the interface, measured in the page (Chromium through the web host). With 50 watched
 * sessions and the 20-party call on screen:
 * - gesture → pending paint: a real click (Playwright input) on a routing control; from the input
 *   event's timeStamp to the painted frame that shows the change as pending;
 * - API answer → confirmed paint: from the bridge frame that brought the answer into the page to
 *   the painted frame that shows it confirmed (the local API answers after 100 ms);
 * - a full 20×20 update: the whole call rewired from outside (all on ↔ all off), from the
 *   `sessions:update` frame's arrival to the DOM flush (scripting) and to the painted frame;
 * - the JS heap after GC with 50 watched sessions.
 */
import type { Browser, Page } from '@playwright/test';
import type { Subscriptions } from '../../../src-main/shared/bandwidth-api';
import { normalCall, resetTo } from '../routing/sessions';
import type { BenchSession } from '../routing/sessions';
import { heapAfterGc } from './browser';
import { openConsole } from './console-fixture';
import type { ConsoleFixture } from './console-fixture';
import type { StepSpec } from './watch';
import { arm, collect, lastFrameBefore, longTasksIn } from './watch';

export type FullState = 'on' | 'off';

/** How to drive the screen that shows routing (the matrix, or the session page before it). */
export interface RoutingScreen {
  readonly name: string;
  /** Watch root (CSS). */
  readonly root: string;
  /** Attributes whose changes the watch observes (fewer = less observer overhead). */
  readonly attributes: readonly string[];
  /** Shows the session and waits until its routing is on screen. */
  open(page: Page, label: string, size: number): Promise<void>;
  /** DOM conditions of the whole session being `state` (every cell on, or every cell off). */
  fullSteps(state: FullState, size: number): StepSpec[];
  /** A routing gesture and how its pending and confirmed states show; absent = not possible. */
  readonly gesture?: {
    readonly what: string;
    /**
     * Performs the gesture number `i` (alternating directions is the screen's business), as a
     * hand does (`hand`) or as a burst of input (`burst`, see `GestureStyle`).
     */
    perform(page: Page, s: BenchSession, i: number, style: GestureStyle): Promise<void>;
    steps(s: BenchSession, i: number): StepSpec[];
    /** Waits until the gesture's target shows the normal call, applied. */
    settled(page: Page, s: BenchSession): Promise<void>;
  };
}

/**
 * - `hand` (the budgeted figure): the pointer rests on the target first (its hover drawn), the
 *   button goes down at a moment spread evenly over the display's frame across the runs (a hand's
 *   press is unrelated to the screen's refresh), and comes up 60 ms later; the next press comes
 *   300 ms after the previous change showed as confirmed (the supervisor has seen it).
 * - `burst`: Playwright's move, press and release back to back, right after the previous change
 *   showed as confirmed — the release, its click and the previous change's follow-up work (audit,
 *   history) land in the timed frame. Reported beside it, without a budget.
 */
export type GestureStyle = 'hand' | 'burst';

/** How long a supervisor looks at a confirmed change before the next press (`hand`). */
const HAND_PAUSE_MS = 300;

export interface InterfaceResults {
  readonly screen: string;
  readonly missing: string | null;
  readonly gestureDetail: string;
  readonly answerDetail: string;
  readonly pendingPaintMs: number[] | null;
  readonly pendingDomMs: number[] | null;
  /** The same gesture as a `burst` of input: pending paint. */
  readonly burstPendingPaintMs: number[] | null;
  /** pointerdown → click: how long the input itself took to arrive (press and release). */
  readonly inputMs: number[] | null;
  readonly eventTimingMs: number[] | null;
  readonly confirmedPaintMs: number[] | null;
  readonly sentToResultMs: number[] | null;
  readonly resultToConfirmedMs: number[] | null;
  readonly fullUpdateScriptMs: number[] | null;
  readonly fullUpdatePaintMs: number[] | null;
  readonly longTasks: number;
  readonly heap: {
    readonly demoSessions: number;
    readonly demoUsedBytes: number;
    readonly sessions: number;
    readonly usedBytes: number;
    readonly screen: string;
  };
}

/** Every member hears every other member ('on') or nobody ('off'), written from outside. */
export async function writeFull(fx: ConsoleFixture, state: FullState): Promise<void> {
  const { sessionId, memberIds } = fx.big;
  await Promise.all(
    memberIds.map((participantId) => {
      const subscriptions: Subscriptions =
        state === 'off'
          ? {}
          : {
              sessionId,
              participants: memberIds
                .filter((p) => p !== participantId)
                .map((p) => ({ participantId: p })),
            };
      return fx.client.updateParticipantSubscriptions({ sessionId, participantId, subscriptions });
    }),
  );
}

interface FullUpdate {
  script: number[];
  paint: number[];
  longTasks: number;
}

async function fullUpdates(
  fx: ConsoleFixture,
  screen: RoutingScreen,
  runs: number,
): Promise<FullUpdate> {
  const out: FullUpdate = { script: [], paint: [], longTasks: 0 };
  for (let i = 0; i < runs; i += 1) {
    const state: FullState = i % 2 === 0 ? 'on' : 'off';
    await arm(fx.page, screen, screen.fullSteps(state, fx.big.size), 8_000);
    await writeFull(fx, state);
    const c = await collect(fx.page);
    const mark = c.marks[0];
    if (c.timedOut || mark === undefined) throw new Error(`full update to '${state}' not seen`);
    const frame = lastFrameBefore(c, mark.mutation, 'sessions:update');
    if (frame === undefined) throw new Error('no sessions:update frame before the full update');
    out.script.push(mark.mutation - frame.t);
    out.paint.push(mark.paint - frame.t);
    out.longTasks += longTasksIn(c, frame.t, mark.paint);
  }
  return out;
}

interface Gestures {
  pendingPaint: number[];
  pendingDom: number[];
  input: number[];
  eventTiming: number[];
  confirmedPaint: number[];
  answers: Map<string, number>;
  /** routing:apply sent → its result frame (the whole round trip through host and API). */
  sentToResult: number[];
  /** Result frame → confirmed paint (includes waiting for the watcher's confirming snapshot). */
  resultToConfirmed: number[];
  longTasks: number;
}

async function gestures(
  fx: ConsoleFixture,
  screen: RoutingScreen,
  runs: number,
  style: GestureStyle,
): Promise<Gestures> {
  const g = screen.gesture;
  const out: Gestures = {
    pendingPaint: [],
    pendingDom: [],
    input: [],
    eventTiming: [],
    confirmedPaint: [],
    answers: new Map(),
    sentToResult: [],
    resultToConfirmed: [],
    longTasks: 0,
  };
  if (g === undefined) return out;
  // The normal call (the supervisor hears nobody) is the gesture's starting point.
  await resetTo(fx.client, fx.big, normalCall(fx.big));
  await g.settled(fx.page, fx.big);
  await fx.latency(100);
  try {
    for (let i = 0; i < runs; i += 1) {
      await arm(fx.page, screen, g.steps(fx.big, i), 8_000);
      await g.perform(fx.page, fx.big, i, style);
      const c = await collect(fx.page);
      const [pending, confirmed] = c.marks;
      if (c.timedOut || pending === undefined || confirmed === undefined) {
        throw new Error(`gesture ${i}: pending/confirmed not seen (${c.marks.length} marks)`);
      }
      // From the gesture's first event (the pointerdown of a click; a key for the keyboard).
      const input = [...c.inputs]
        .reverse()
        .find((e) => e.t <= pending.mutation && e.type !== 'click');
      if (input === undefined) throw new Error(`gesture ${i}: no input event recorded`);
      out.pendingDom.push(pending.mutation - input.t);
      const click = c.inputs.find((e) => e.type === 'click' && e.t >= input.t);
      if (click !== undefined) out.input.push(click.t - input.t);
      out.pendingPaint.push(pending.paint - input.t);
      const timing = c.events.find((e) => Math.abs(e.start - input.t) < 2);
      out.eventTiming.push(timing?.duration ?? 0);
      const trigger = lastFrameBefore(c, confirmed.mutation);
      if (trigger !== undefined) {
        const kind = trigger.type === 'result' ? 'its result' : (trigger.name ?? trigger.type);
        out.answers.set(kind, (out.answers.get(kind) ?? 0) + 1);
        out.confirmedPaint.push(confirmed.paint - trigger.t);
      }
      const sent = [...c.frames]
        .reverse()
        .find((f) => f.dir === 'out' && f.name === 'routing:apply' && f.t <= confirmed.mutation);
      const result = c.frames.find(
        (f) => f.dir === 'in' && f.type === 'result' && f.id === sent?.id,
      );
      if (sent !== undefined && result !== undefined) {
        out.sentToResult.push(result.t - sent.t);
        out.resultToConfirmed.push(confirmed.paint - result.t);
      }
      out.longTasks += longTasksIn(c, input.t, confirmed.paint);
      if (style === 'hand') await fx.page.waitForTimeout(HAND_PAUSE_MS);
    }
  } finally {
    await fx.latency(0);
  }
  return out;
}

export async function benchInterface(
  browser: Browser,
  screen: RoutingScreen,
  options: { watched: number; runs: number; missing: string | null },
): Promise<InterfaceResults> {
  const fx = await openConsole(browser, options.watched);
  try {
    await screen.open(fx.page, 'Bench 20-party call', fx.big.size);
    const full = await fullUpdates(fx, screen, options.runs);
    const g = await gestures(fx, screen, options.runs, 'hand');
    const burst = await gestures(fx, screen, options.runs, 'burst');
    const heap = await heapAfterGc(fx.page);
    const measuredGesture = screen.gesture !== undefined;
    const answers = [...g.answers].map(([k, n]) => `${k} ×${n}`).join(', ');
    return {
      screen: screen.name,
      missing: options.missing,
      gestureDetail: screen.gesture?.what ?? 'not measurable without the matrix',
      answerDetail: measuredGesture
        ? `frame that confirmed it: ${answers}; API at 100 ms`
        : 'not measurable without the matrix',
      pendingPaintMs: measuredGesture ? g.pendingPaint : null,
      pendingDomMs: measuredGesture ? g.pendingDom : null,
      burstPendingPaintMs: measuredGesture ? burst.pendingPaint : null,
      inputMs: measuredGesture ? g.input : null,
      eventTimingMs: measuredGesture ? g.eventTiming : null,
      confirmedPaintMs: measuredGesture ? g.confirmedPaint : null,
      sentToResultMs: measuredGesture ? g.sentToResult : null,
      resultToConfirmedMs: measuredGesture ? g.resultToConfirmed : null,
      fullUpdateScriptMs: full.script,
      fullUpdatePaintMs: full.paint,
      longTasks: full.longTasks + g.longTasks + burst.longTasks,
      heap: {
        demoSessions: fx.heapDemo.sessions,
        demoUsedBytes: fx.heapDemo.usedBytes,
        sessions: fx.watched,
        usedBytes: heap.usedBytes,
        screen: `${screen.name} of the 20-party call on screen`,
      },
    };
  } finally {
    await fx.close();
  }
}
