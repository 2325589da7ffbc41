/**
 * `npm run bench` (after `electron-vite build`): Patchbay's performance figures against the budgets
 * of issue 7, side by side with the usual approach, printed as tables and written as JSON to
 * `bench-results/latest.json`. Only 127.0.0.1 is touched; every loop is bounded.
 *
 * Environment: BENCH_RUNS (default 5) repeats of each timed figure; BENCH_QUICK=1 a short smoke run
 * (1 repeat, 40 ms only, 3 s live window) for working on the bench itself; BENCH_PARTS a
 * comma-separated list of the parts to run (e.g. `BENCH_PARTS=4`; parts 1 and 2 run together, as
 * do 4 and 5), all by default. A partial run writes `bench-results/partial.json` instead of
 * `latest.json`, so the full record is not overwritten by a partial one.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_TIMING } from '../../src-main/live';
import { DEFAULT_PREFERENCES } from '../../src-main/settings/schema';
import { benchFloor, printFloor } from './floor/bench-floor';
import { benchLive } from './live/bench-live';
import { benchMedia, printMedia } from './media/bench-media';
import { liveRows, printLive } from './live/report-live';
import { benchRouting } from './routing/bench-routing';
import { MAX_PARTICIPANTS_PER_SESSION } from '../../src-main/shared/bandwidth-api';
import { printRequests, printTimes, requestRows, timeRows } from './routing/report-routing';
import { section } from './support/table';
import { launchChromium } from './ui/browser';
import { benchInterface } from './ui/bench-interface';
import { benchStart, bundleSizes } from './ui/bench-start';
import { interfaceRows, printFigures, startRows } from './ui/report-ui';
import { chooseScreens } from './ui/choose-screens';

const ROOT = join(import.meta.dirname, '../..');
const quick = process.env['BENCH_QUICK'] === '1';
const runs = quick ? 1 : Math.max(1, Number(process.env['BENCH_RUNS'] ?? 5));
const PARTS = [1, 2, 3, 4, 5, 6, 7] as const;
/** The parts to run (BENCH_PARTS), refused with the valid choices when it names anything else. */
const parts: ReadonlySet<number> = (() => {
  const text = process.env['BENCH_PARTS']?.trim() ?? '';
  if (text === '') return new Set(PARTS);
  const chosen = text.split(',').map((p) => Number(p.trim()));
  const wrong = chosen.filter((p) => !(PARTS as readonly number[]).includes(p));
  if (wrong.length > 0) {
    throw new Error(
      `BENCH_PARTS='${text}': parts are ${PARTS.join(', ')} (comma-separated), e.g. BENCH_PARTS=4`,
    );
  }
  return new Set(chosen);
})();
const partial = parts.size < PARTS.length;
const runPart = (...ids: number[]): boolean => ids.some((id) => parts.has(id));
/** Runs one part's measurement when it was chosen (saying what it measures), else null. */
async function part<T>(ids: number[], what: string, measure: () => Promise<T>): Promise<T | null> {
  if (!runPart(...ids)) return null;
  log(what);
  return measure();
}
const started = performance.now();
const log = (line: string): void =>
  void process.stderr.write(
    `[bench ${((performance.now() - started) / 1000).toFixed(0)} s] ${line}\n`,
  );

const routingOptions = {
  latenciesMs: quick ? [0, 40] : [0, 40, 100],
  sizes: [3, 8, 20],
  runs,
  // As shipped: RoutingApplier sends a rank group's writes at once (at most 20 receivers).
  concurrency: MAX_PARTICIPANTS_PER_SESSION,
  proposedConcurrency: MAX_PARTICIPANTS_PER_SESSION,
};
const liveOptions = {
  sessionCounts: [1, 10, 50],
  profiles: [
    {
      name: 'app default',
      timing: {
        ...DEFAULT_TIMING,
        fastMs: DEFAULT_PREFERENCES.pollFastMs,
        slowMs: DEFAULT_PREFERENCES.pollSlowMs,
      },
    },
    { name: 'LiveSync DEFAULT_TIMING', timing: DEFAULT_TIMING },
  ],
  windowMs: quick ? 3_000 : 10_000,
  latencyMs: 40,
  participants: 3,
};

const routing = await part(
  [1, 2],
  `routing: ${routingOptions.latenciesMs.join(', ')} ms, ${runs} run(s)`,
  () => benchRouting(routingOptions, log),
);
const live = await part([3], 'live sync: all configurations at once', () => benchLive(liveOptions));

const mediaOptions = {
  calls: 20,
  windowMs: quick ? 3_000 : 10_000,
  realReceivers: 5,
  toggles: quick ? 3 : 10,
};
const media = await part([6], `media plane: ${mediaOptions.calls} calls × 3 voices`, () =>
  benchMedia(mediaOptions, log),
);

const floorOptions = { calls: 200, alerted: 10, windowMs: quick ? 10_000 : 60_000 };
const floor = await part(
  [7],
  `floor: ${floorOptions.calls} calls, ${floorOptions.windowMs / 1000} s window`,
  () => benchFloor(floorOptions),
);

const screens = chooseScreens(ROOT);
// The interface budgets are judged on medians of at least 20 runs (issue 15).
const uiRuns = quick ? 1 : Math.max(runs, 20);
const browser = runPart(4, 5) ? await launchChromium() : null;
const chromiumVersion = browser?.version() ?? 'not started';
const { ui, start } = await (async () => {
  if (browser === null) return { ui: null, start: null };
  try {
    const ui = await part(
      [4],
      `interface: ${screens.interface.name}${screens.missing === null ? '' : ` (${screens.missing})`}`,
      () =>
        benchInterface(browser, screens.interface, {
          watched: 50,
          runs: uiRuns,
          missing: screens.missing,
        }),
    );
    const start = await part([5], `start: ${screens.ready.what}`, () =>
      benchStart(browser, runs, screens.ready),
    );
    return { ui, start };
  } finally {
    await browser.close();
  }
})();
const bundle = runPart(5) ? await bundleSizes(join(ROOT, 'out/renderer')) : null;

const requests = routing === null ? [] : requestRows(routing);
const times = routing === null ? [] : timeRows(routing);
const liveTable = live === null ? [] : liveRows(live);
const uiTable = ui === null ? [] : interfaceRows(ui);
const startTable =
  start === null || bundle === null ? [] : startRows(start, screens.ready.what, bundle);
const durationMs = performance.now() - started;
const date = new Date().toISOString();
const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  chromium: chromiumVersion,
};

const verdicts = [
  ...requests.map((r) => r.verdict),
  ...times.map((r) => r.verdict),
  ...liveTable.map((r) => r.verdict),
  ...uiTable.map((r) => r.verdict),
  ...startTable.map((r) => r.verdict),
];
const met = verdicts.filter((v) => v.met === true).length;
const missed = verdicts.filter((v) => v.met === false).length;

const out = [
  `Patchbay bench · ${date} · ${machine.cpus}× ${machine.cpuModel}, ${machine.memoryGb} GB · Node ${machine.node} · Chromium ${machine.chromium}` +
    (partial ? ` · parts ${[...parts].join(', ')} only (BENCH_PARTS)` : ''),
  ...(routing === null
    ? []
    : [printRequests(requests), printTimes(times, routingOptions.concurrency)]),
  ...(live === null ? [] : [printLive(liveTable, liveOptions.participants, liveOptions.latencyMs)]),
  ...(ui === null
    ? []
    : [
        printFigures(
          '4. Interface (Chromium via the web host, measured in the page)',
          `Screen: ${ui.screen}. 50 watched sessions, the 20-party call on screen; medians of ${uiRuns} runs.` +
            (ui.missing === null ? '' : `\nNOTE: ${ui.missing}`),
          uiTable,
        ),
      ]),
  ...(start === null
    ? []
    : [
        printFigures(
          '5. Start and bundle',
          `Medians of ${runs} host starts (Chromium already running).`,
          startTable,
        ),
      ]),
  ...(media === null
    ? []
    : [section('6. Media plane (local API; figures only)'), printMedia(media)]),
  ...(floor === null
    ? []
    : [section('7. The floor (200 calls; requests to Bandwidth)'), printFloor(floor)]),
  section('Summary'),
  `${met} budgets met, ${missed} missed, ${verdicts.length - met - missed} figures without a budget. Run time ${(durationMs / 1000).toFixed(0)} s.`,
  ...[...new Set(verdicts.filter((v) => v.met === false).map((v) => v.budget))].map(
    (b) => `  missed: ${b} (${verdicts.filter((v) => v.met === false && v.budget === b).length}×)`,
  ),
];
console.log(out.join('\n'));

await mkdir(join(ROOT, 'bench-results'), { recursive: true });
const json = {
  date,
  machine,
  durationMs: Math.round(durationMs),
  parts: [...parts],
  options: {
    runs,
    routing: routingOptions,
    live: liveOptions,
    media: mediaOptions,
    floor: floorOptions,
  },
  summary: { met, missed, withoutBudget: verdicts.length - met - missed },
  requests,
  times,
  live: liveTable,
  interface: { rows: uiTable, raw: ui },
  start: { rows: startTable, runs: start, bundle },
  media,
  floor,
};
const file = partial ? 'partial.json' : 'latest.json';
await writeFile(join(ROOT, 'bench-results', file), `${JSON.stringify(json, null, 2)}\n`);
log(`wrote bench-results/${file}`);
