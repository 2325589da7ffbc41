/**
 * Where the page's time goes between a full update's arrival and its DOM flush (the window part 4
 * budgets at 8 ms): `npx electron-vite build && npx tsx tests/bench/profile-update.ts [runs]`
 * (`PROFILE_REPLAY=1`: the recorded frames are replayed, see `ui/replay.ts`). Samples the page's
 * CPU (V8 profiler, 100 µs) over a series of full updates (all on ↔ all off), cuts each run's
 * window out of the profile and prints, over all windows: the share of each component or store
 * (the innermost one on the stack), the functions with the most self time and the app's functions
 * with the most total time. A diagnostic, not part of `npm run bench`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession } from '@playwright/test';
import { writeFull } from './ui/bench-interface';
import type { ConsoleFixture } from './ui/console-fixture';
import { MATRIX_SCREEN } from './ui/matrix-screen';
import { recordFull, replayFrame, withOpenMatrix } from './ui/diagnostics';
import { arm, collect, lastFrameBefore } from './ui/watch';
import { normalCall, resetTo } from './routing/sessions';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

const RUNS = Number(process.argv[2] ?? 40);
const REPLAY = process.env['PROFILE_REPLAY'] === '1';
/** `PROFILE_PRESS=1`: the windows are hand presses on one cell (pointerdown → pending DOM). */
const PRESS = process.env['PROFILE_PRESS'] === '1';
const TOP = 25;
/** Svelte's own classes: time in them is the framework's, not a component's. */
const FRAMEWORK = new Set(['Batch', 'BranchManager', 'EachState']);

/** The bundle's top-level functions and classes by line: what a compiled component is. */
const outer: { line: number; name: string }[] = [];
const assets = join(import.meta.dirname, '../../out/renderer/assets');
for (const file of readdirSync(assets).filter((f) => /^index-.*\.js$/.test(f))) {
  readFileSync(join(assets, file), 'utf8')
    .split('\n')
    .forEach((text, line) => {
      const m = /^(?:async )?function\*? ?([\w$]+)\(|^var ([\w$]+) = class|^class ([\w$]+)/.exec(
        text,
      );
      if (m !== null) outer.push({ line, name: m[1] ?? m[2] ?? m[3] ?? '?' });
    });
}
function outerOf(line: number): string {
  let name = '?';
  for (const o of outer) {
    if (o.line > line) break;
    name = o.name;
  }
  return name;
}
const inApp = (f: CallFrame): boolean => (f.url ?? '').includes('/assets/');
const where = (f: CallFrame): string =>
  `${f.functionName || '(anonymous)'} ${(f.url ?? '').split('/').pop() ?? ''}:${f.lineNumber + 1}` +
  (inApp(f) ? ` [${outerOf(f.lineNumber)}]` : '');

/** Hand presses on the gesture cell: from each press's `pointerdown` to its pending DOM. */
async function pressWindows(fx: ConsoleFixture): Promise<{ from: number; to: number }[]> {
  const g = MATRIX_SCREEN.gesture;
  if (g === undefined) throw new Error('the matrix screen has no gesture');
  await resetTo(fx.client, fx.big, normalCall(fx.big));
  await g.settled(fx.page, fx.big);
  const windows: { from: number; to: number }[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    await arm(fx.page, MATRIX_SCREEN, g.steps(fx.big, i), 8_000);
    await g.perform(fx.page, fx.big, i, 'hand');
    const c = await collect(fx.page);
    const pending = c.marks[0];
    const down = [...c.inputs]
      .reverse()
      .find((e) => pending !== undefined && e.t <= pending.mutation && e.type === 'pointerdown');
    if (pending === undefined || down === undefined) throw new Error(`press ${i}: not seen`);
    windows.push({ from: down.t, to: pending.mutation });
    await fx.page.waitForTimeout(300);
  }
  return windows;
}

/** The runs' windows, in the page's `performance.now()` clock. */
async function runWindows(fx: ConsoleFixture): Promise<{ from: number; to: number }[]> {
  if (PRESS) return pressWindows(fx);
  const recorded = REPLAY
    ? { on: await recordFull(fx, 'on'), off: await recordFull(fx, 'off') }
    : null;
  const windows: { from: number; to: number }[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const state = i % 2 === 0 ? 'on' : 'off';
    await arm(fx.page, MATRIX_SCREEN, MATRIX_SCREEN.fullSteps(state, fx.big.size), 8_000);
    if (recorded === null) await writeFull(fx, state);
    else await replayFrame(fx, recorded[state]);
    const c = await collect(fx.page);
    const mark = c.marks[0];
    const name = REPLAY ? undefined : 'sessions:update';
    const frame = mark === undefined ? undefined : lastFrameBefore(c, mark.mutation, name);
    if (mark === undefined || frame === undefined) throw new Error(`run ${i}: not seen`);
    windows.push({ from: frame.t, to: mark.mutation });
    await fx.page.waitForTimeout(250);
  }
  return windows;
}

/**
 * The offset from the page's clock to the profile's: 20 ms spent spinning in the page at a known
 * `performance.now()`, found as the profile's last stretch of samples under `evaluate`.
 */
async function clockOffset(
  fx: ConsoleFixture,
  cdp: CDPSession,
): Promise<{ offset: number; samples: { t: number; stack: CallFrame[] }[] }> {
  const now = await fx.page.evaluate(() => {
    const t = performance.now();
    while (performance.now() - t < 20);
    return t;
  });
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stackOf = (id: number): CallFrame[] => {
    const out: CallFrame[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (node !== undefined) out.push(node.callFrame);
    }
    return out;
  };
  const samples: { t: number; stack: CallFrame[] }[] = [];
  let t = profile.startTime;
  (profile.samples ?? []).forEach((node, k) => {
    t += profile.timeDeltas?.[k] ?? 0;
    samples.push({ t, stack: stackOf(node) });
  });
  const spinning = (i: number): boolean =>
    samples[i]?.stack.some((f) => f.functionName === 'evaluate') ?? false;
  let end = samples.length - 1;
  while (end >= 0 && !spinning(end)) end -= 1;
  let start = end;
  while (start > 0 && spinning(start - 1)) start -= 1;
  const marker = samples[start];
  if (end < 0 || marker === undefined) throw new Error('the clock marker was not sampled');
  return { offset: marker.t - now * 1000, samples };
}

function add(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

await withOpenMatrix(100, async (fx, cdp) => {
  await cdp.send('Profiler.start');
  const windows = await runWindows(fx);
  const { offset, samples } = await clockOffset(fx, cdp);
  const owners = new Map<string, number>();
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let counted = 0;
  for (const w of windows) {
    const from = w.from * 1000 + offset;
    const to = w.to * 1000 + offset;
    for (const { t, stack } of samples) {
      const leaf = stack[0];
      if (t < from || t > to || leaf === undefined) continue;
      if (['(idle)', '(root)'].includes(leaf.functionName)) continue;
      counted += 1;
      add(self, where(leaf));
      const owner = stack
        .filter(inApp)
        .map((f) => outerOf(f.lineNumber))
        .find((o) => /^[A-Z#]/.test(o) && !FRAMEWORK.has(o));
      add(owners, owner ?? (stack.some(inApp) ? 'framework' : leaf.functionName || 'native'));
      for (const key of new Set(stack.filter(inApp).map(where))) add(total, key);
    }
  }
  const spans = windows.map((w) => w.to - w.from).sort((a, b) => a - b);
  const share = (n: number): string =>
    `${((100 * n) / Math.max(1, counted)).toFixed(1).padStart(5)} %`;
  const print = (title: string, map: Map<string, number>, top: number): void => {
    console.log(`\n${title}`);
    for (const [k, n] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.log(`${share(n)}  ${k}`);
    }
  };
  console.log(
    `${windows.length} windows (${PRESS ? 'presses' : REPLAY ? 'replayed full updates' : 'real full updates'}), median ` +
      `${spans[Math.floor(spans.length / 2)]?.toFixed(1)} ms; ${counted} samples in them`,
  );
  print('by owner (the innermost component or store on the stack):', owners, TOP);
  print('self time:', self, TOP);
  print('total time (app functions):', total, TOP * 2);
});
