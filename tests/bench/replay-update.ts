/**
 * The page's own cost of a full 20×20 update, without the host or the network in the way:
 * `npx electron-vite build && npx tsx tests/bench/replay-update.ts [runs]`. Records the two real
 * `sessions:update` frames of a whole rewire (all on, all off), hands them to the page again,
 * alternately, `runs` times, and prints the window part 4 budgets (frame arrival → the DOM flush
 * that shows it). The low quantiles are the steadiest figure for comparing two builds on a shared
 * machine (other processes only ever add to a run). A diagnostic, not part of `npm run bench`.
 */
import { MATRIX_SCREEN } from './ui/matrix-screen';
import { recordFull, replayFrame, withOpenMatrix } from './ui/diagnostics';
import { arm, collect, lastFrameBefore } from './ui/watch';

const RUNS = Number(process.argv[2] ?? 100);

await withOpenMatrix(null, async (fx) => {
  const frames = { on: await recordFull(fx, 'on'), off: await recordFull(fx, 'off') };
  const spans: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const state = i % 2 === 0 ? 'on' : 'off';
    await arm(fx.page, MATRIX_SCREEN, MATRIX_SCREEN.fullSteps(state, fx.big.size), 8_000);
    await replayFrame(fx, frames[state]);
    const c = await collect(fx.page);
    const mark = c.marks[0];
    const frame = mark === undefined ? undefined : lastFrameBefore(c, mark.mutation);
    if (c.timedOut || mark === undefined || frame === undefined) {
      throw new Error(`replay ${i}: the update was not seen`);
    }
    spans.push(mark.mutation - frame.t);
    // Past the previous update's paint, so its raster work is not in the next run.
    await fx.page.waitForTimeout(250);
  }
  const sorted = [...spans].sort((a, b) => a - b);
  const at = (q: number): string =>
    (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN).toFixed(2);
  console.log(
    `replayed full update, ${spans.length} runs: min ${at(0)} ms, p10 ${at(0.1)}, p25 ${at(0.25)}, median ${at(0.5)}`,
  );
  console.log(`runs: ${spans.map((x) => x.toFixed(1)).join(' ')}`);
});
