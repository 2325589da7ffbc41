/**
 * `npm run bench` (after `electron-vite build`): Patchbay's performance figures against the budgets
 * of issue 7, side by side with the usual approach, printed as tables and written as JSON to
 * `bench-results/latest.json`. Only 127.0.0.1 is touched; every loop is bounded.
 *
 * Environment: BENCH_RUNS (default 5) repeats of each timed figure; BENCH_QUICK=1 a short smoke run
 * (1 repeat, 40 ms only, 3 s live window) for working on the bench itself.
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

log(`routing: ${routingOptions.latenciesMs.join(', ')} ms, ${runs} run(s)`);
const routing = await benchRouting(routingOptions, log);
log('live sync: all configurations at once');
const live = await benchLive(liveOptions);

const mediaOptions = {
  calls: 20,
  windowMs: quick ? 3_000 : 10_000,
  realReceivers: 5,
  toggles: quick ? 3 : 10,
};
log(`media plane: ${mediaOptions.calls} calls × 3 voices`);
const media = await benchMedia(mediaOptions, log);

const floorOptions = { calls: 200, alerted: 10, windowMs: quick ? 10_000 : 60_000 };
log(`floor: ${floorOptions.calls} calls, ${floorOptions.windowMs / 1000} s window`);
const floor = await benchFloor(floorOptions);

const screens = chooseScreens(ROOT);
log(
  `interface: ${screens.interface.name}${screens.missing === null ? '' : ` (${screens.missing})`}`,
);
const browser = await launchChromium();
const chromiumVersion = browser.version();
const { ui, start } = await (async () => {
  try {
    const ui = await benchInterface(browser, screens.interface, {
      watched: 50,
      runs: Math.max(runs, 4),
      missing: screens.missing,
    });
    log(`start: ${screens.ready.what}`);
    return { ui, start: await benchStart(browser, runs, screens.ready) };
  } finally {
    await browser.close();
  }
})();
const bundle = await bundleSizes(join(ROOT, 'out/renderer'));

const requests = requestRows(routing);
const times = timeRows(routing);
const liveTable = liveRows(live);
const uiTable = interfaceRows(ui);
const startTable = startRows(start, screens.ready.what, bundle);
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
  `Patchbay bench · ${date} · ${machine.cpus}× ${machine.cpuModel}, ${machine.memoryGb} GB · Node ${machine.node} · Chromium ${machine.chromium}`,
  printRequests(requests),
  printTimes(times, routingOptions.concurrency),
  printLive(liveTable, liveOptions.participants, liveOptions.latencyMs),
  printFigures(
    '4. Interface (Chromium via the web host, measured in the page)',
    `Screen: ${ui.screen}. 50 watched sessions, the 20-party call on screen; medians of ${Math.max(runs, 4)} runs.` +
      (ui.missing === null ? '' : `\nNOTE: ${ui.missing}`),
    uiTable,
  ),
  printFigures(
    '5. Start and bundle',
    `Medians of ${runs} host starts (Chromium already running).`,
    startTable,
  ),
  section('6. Media plane (local API; figures only)'),
  printMedia(media),
  section('7. The floor (200 calls; requests to Bandwidth)'),
  printFloor(floor),
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
await writeFile(join(ROOT, 'bench-results/latest.json'), `${JSON.stringify(json, null, 2)}\n`);
log('wrote bench-results/latest.json');
