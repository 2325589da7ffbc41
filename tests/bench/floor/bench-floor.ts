/**
 * Part 7: what the floor costs Bandwidth at contact-center scale. 200 live 3-party calls reach the
 * floor at once (one directory snapshot), one is open and 10 have alerts; the real LiveSync reads
 * them at the cadences the floor service gives them (services/floor-model.ts: the open call fast,
 * alerts at the slow interval, the rest at the floor's), with the app's default poll preferences
 * and a 40 ms round trip. Counted on the local API once every call was read: the average and the
 * busiest second of a bounded window, against the stated budget (`floorBudget`).
 */
import { DEFAULT_TIMING, LiveSync } from '../../../src-main/live';
import { cadenceOf, floorBudget } from '../../../src-main/services/floor-model';
import type { CallAlert, FloorBudget, FloorCadence } from '../../../src-main/shared/dto/floor';
import { DEFAULT_PREFERENCES } from '../../../src-main/settings/schema';
import { createCalls } from '../support/calls';
import { startBenchApi } from '../support/local-api';
import { sleep } from '../support/stats';

export interface FloorOptions {
  readonly calls: number;
  readonly alerted: number;
  readonly windowMs: number;
}

export interface FloorFigures extends FloorOptions {
  readonly counts: Readonly<Record<FloorCadence, number>>;
  readonly budget: FloorBudget;
  /** Requests per second over the window. */
  readonly average: number;
  /** Requests in the busiest one-second slice of the window. */
  readonly busiestSecond: number;
}

export async function benchFloor(options: FloorOptions): Promise<FloorFigures> {
  const timing = {
    ...DEFAULT_TIMING,
    fastMs: DEFAULT_PREFERENCES.pollFastMs,
    slowMs: DEFAULT_PREFERENCES.pollSlowMs,
  };
  const bench = await startBenchApi();
  try {
    const ids = [...(await createCalls(bench.client, options.calls, 3, 'floor-bench')).keys()];
    const open = ids[0] ?? null;
    const alert: CallAlert[] = [
      { id: 'bench', severity: 'warning', ruleId: 'bench', participantId: 'bench', text: 'bench' },
    ];
    const counts: Record<FloorCadence, number> = { open: 0, alert: 0, watched: 0, floor: 0 };
    bench.latency(40);
    const live = new LiveSync(bench.client, timing);
    live.focus(open);
    ids.forEach((id, i) => {
      const cadence = cadenceOf(id, open, i >= 1 && i <= options.alerted ? alert : [], false);
      counts[cadence] += 1;
      live.watch(id);
      live.setCadence(id, cadence === 'floor' ? 'floor' : 'normal');
    });
    // Every call read once (the floor's first picture); then the steady state is counted.
    while (live.list().some((s) => s.state === 'starting')) await sleep(50);
    bench.resetCounts();
    const perSecond: number[] = [];
    let last = 0;
    for (let t = 0; t < options.windowMs; t += 1000) {
      await sleep(1000);
      const total = bench.total();
      perSecond.push(total - last);
      last = total;
    }
    live.close();
    return {
      ...options,
      counts,
      budget: floorBudget(counts, timing),
      average: last / (options.windowMs / 1000),
      busiestSecond: Math.max(...perSecond),
    };
  } finally {
    await bench.close();
  }
}

export function printFloor(f: FloorFigures): string {
  const { counts, budget } = f;
  return [
    `${f.calls} calls: ${counts.open} open (every ${budget.openMs} ms), ${counts.alert} with alerts (every ${budget.alertMs} ms), ${counts.floor} others (every ${budget.floorMs} ms); ${f.windowMs / 1000} s window.`,
    `  stated budget  ${budget.requestsPerSecond} requests/s`,
    `  measured       ${f.average.toFixed(2)} requests/s on average, ${f.busiestSecond} in the busiest second`,
  ].join('\n');
}
