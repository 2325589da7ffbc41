/** Parts 1 and 2 as tables (stdout) and plain objects (JSON), each figure with its verdict. */
import { fixed, max, median, round, verdictText } from '../support/stats';
import type { Verdict } from '../support/stats';
import { section, table } from '../support/table';
import type { BaselineMeasurement, RoutingMeasurement, RoutingResults } from './bench-routing';

/** "About 2 round trips": 2 RT plus a quarter of one for local processing and the audit flush. */
export const ROUND_TRIP_BUDGET = 2;
const ROUND_TRIP_TOLERANCE = 0.25;

export interface RequestRow {
  readonly size: number;
  readonly change: string;
  readonly kind: string;
  readonly patchbay: number;
  readonly patchbayStable: boolean;
  readonly minimum: number;
  readonly baseline: number;
  readonly verdict: Verdict;
}

/** Time at one injected round trip. */
export interface TimeAt {
  readonly latencyMs: number;
  readonly patchbayMs: number;
  readonly patchbayRoundTrips: number;
  readonly auditMs: number;
  readonly proposedRoundTrips: number | null;
  readonly baselineRoundTrips: number;
  readonly speedup: number;
}

export interface TimeRow {
  readonly size: number;
  readonly change: string;
  readonly kind: string;
  readonly writes: number;
  readonly rankGroups: readonly number[];
  readonly expectedRoundTrips: number;
  readonly at: readonly TimeAt[];
  /**
   * Round trips on the critical path: the least-squares slope of (time − audit flush) over the
   * injected latencies (constant local work — JSON, HTTP stack — cancels out). With one latency
   * only: the raw multiple.
   */
  readonly criticalRoundTrips: number;
  /** Time that does not scale with the round trip (intercept, audit flush excluded), ms. */
  readonly localMs: number;
  readonly proposedCriticalRoundTrips: number | null;
  /** The audit flush over every run at every latency. */
  readonly auditMedianMs: number;
  readonly auditMaxMs: number;
  readonly verdict: Verdict;
}

function baselineFor(
  results: RoutingResults,
  latencyMs: number,
  size: number,
): BaselineMeasurement | undefined {
  return results.baseline.find((b) => b.latencyMs === latencyMs && b.size === size);
}

export function requestRows(results: RoutingResults): RequestRow[] {
  const keyed = new Map<string, RoutingMeasurement[]>();
  for (const m of results.patchbay) {
    const key = `${m.size}|${m.scenario}`;
    keyed.set(key, [...(keyed.get(key) ?? []), m]);
  }
  return [...keyed.values()].map((ms) => {
    const first = ms[0] as RoutingMeasurement;
    const counts = ms.flatMap((m) => m.patchbayRequests);
    const baselineCounts = results.baseline
      .filter((b) => b.size === first.size)
      .flatMap((b) => b.requests);
    const ok = counts.every((c) => c === first.minimumRequests);
    return {
      size: first.size,
      change: first.scenario,
      kind: first.kind,
      patchbay: median(counts),
      patchbayStable: counts.every((c) => c === counts[0]),
      minimum: first.minimumRequests,
      baseline: median(baselineCounts),
      verdict: { budget: '= minimum (every run)', met: ok },
    };
  });
}

/** Least-squares line through the points (one point: through the origin). */
function slope(points: readonly { x: number; y: number }[]): { slope: number; intercept: number } {
  const n = points.length;
  const only = points[0];
  if (only === undefined) return { slope: Number.NaN, intercept: Number.NaN };
  if (n === 1) return { slope: only.y / only.x, intercept: 0 };
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const k = sxy / sxx;
  return { slope: k, intercept: my - k * mx };
}

/** Per run: wall time minus the audit flush (a local disk cost, reported on its own). */
function withoutAudit(ms: readonly number[], audit: readonly number[]): number[] {
  return ms.map((t, i) => t - (audit[i] ?? 0));
}

export function timeRows(results: RoutingResults): TimeRow[] {
  const keyed = new Map<string, RoutingMeasurement[]>();
  for (const m of results.patchbay) {
    const key = `${m.size}|${m.scenario}`;
    keyed.set(key, [...(keyed.get(key) ?? []), m]);
  }
  return [...keyed.values()].map((ms) => {
    const sorted = [...ms].sort((a, b) => a.latencyMs - b.latencyMs);
    const first = sorted[0] as RoutingMeasurement;
    const at = sorted
      .filter((m) => m.latencyMs > 0)
      .map((m): TimeAt => {
        const base = baselineFor(results, m.latencyMs, m.size);
        const t = median(m.patchbayMs);
        const baseMs = base === undefined ? Number.NaN : median(base.ms);
        return {
          latencyMs: m.latencyMs,
          patchbayMs: round(t, 1),
          patchbayRoundTrips: round(t / m.latencyMs),
          auditMs: round(median(m.auditMs), 1),
          proposedRoundTrips:
            m.proposedMs === null ? null : round(median(m.proposedMs) / m.latencyMs),
          baselineRoundTrips: round(baseMs / m.latencyMs),
          speedup: round(baseMs / t),
        };
      });
    const fit = slope(
      sorted.map((m) => ({ x: m.latencyMs, y: median(withoutAudit(m.patchbayMs, m.auditMs)) })),
    );
    const proposed = sorted.every((m) => m.proposedMs !== null)
      ? slope(
          sorted.map((m) => ({
            x: m.latencyMs,
            y: median(withoutAudit(m.proposedMs ?? [], m.proposedAuditMs ?? [])),
          })),
        ).slope
      : null;
    return {
      size: first.size,
      change: first.scenario,
      kind: first.kind,
      writes: first.writes,
      rankGroups: first.groups,
      expectedRoundTrips: first.expectedRoundTrips,
      at,
      criticalRoundTrips: round(fit.slope),
      localMs: round(fit.intercept, 1),
      proposedCriticalRoundTrips: proposed === null ? null : round(proposed),
      auditMedianMs: round(median(sorted.flatMap((m) => m.auditMs)), 1),
      auditMaxMs: round(max(sorted.flatMap((m) => m.auditMs)), 1),
      verdict: {
        budget: `≤ ~${ROUND_TRIP_BUDGET} RT`,
        met: fit.slope <= ROUND_TRIP_BUDGET + ROUND_TRIP_TOLERANCE,
      },
    };
  });
}

export function printRequests(rows: readonly RequestRow[]): string {
  const body = rows.map((r) => [
    String(r.size),
    r.change,
    `${r.patchbay}${r.patchbayStable ? '' : '*'}`,
    String(r.minimum),
    String(r.baseline),
    `${fixed(r.baseline / r.patchbay, 1)}×`,
    verdictText(r.verdict),
  ]);
  return [
    section(
      '1. Requests per routing change',
      'Patchbay = requests the local API counted (1 list read + PUTs); minimum = 1 read + 1 write per receiver whose\n' +
        'subscriptions change (from the planner); baseline = courtroom-demo pattern (every participant PUT, no read).\n' +
        'Budget: Patchbay = minimum in every run (* = counts varied between runs).',
    ),
    table(['size', 'change', 'Patchbay', 'minimum', 'baseline', 'baseline÷PB', 'budget'], body),
  ].join('\n');
}

export function printTimes(rows: readonly TimeRow[], concurrency: number): string {
  const latencies = rows[0]?.at.map((a) => a.latencyMs) ?? [];
  const top = latencies[latencies.length - 1];
  const body = rows.map((r) => {
    const hi = r.at[r.at.length - 1];
    return [
      String(r.size),
      r.change,
      `${r.writes} (${r.rankGroups.join('/')})`,
      String(r.expectedRoundTrips),
      ...r.at.map((a) => fixed(a.patchbayRoundTrips, 2)),
      fixed(r.criticalRoundTrips, 2),
      fixed(r.localMs, 0),
      `${fixed(r.auditMedianMs, 0)}/${fixed(r.auditMaxMs, 0)}`,
      r.proposedCriticalRoundTrips === null ? '=' : fixed(r.proposedCriticalRoundTrips, 2),
      fixed(hi?.baselineRoundTrips ?? Number.NaN, 2),
      `${fixed(hi?.speedup ?? Number.NaN, 1)}×`,
      verdictText(r.verdict),
    ];
  });
  return [
    section(
      '2. Time to apply, in injected round trips (RT), medians',
      `PB = RoutingApplier as shipped (concurrency ${concurrency} per rank group), wall time incl. the audit fsync, ÷ RT.\n` +
        'critical RT = least-squares slope of (time − audit fsync) over the injected RT (0, 40, 100 ms): round\n' +
        'trips on the critical path (constant local work cancels out); local ms = the intercept; audit = its fsync\n' +
        '(ms, all runs).\n' +
        `expected = 1 read + ceil(writes/${concurrency}) per rank group\n` +
        '(groups: close-only/mixed/open-only). c=20 = same applier, concurrency 20 (critical RT; measured only where a\n' +
        `group has > ${concurrency} writes). baseline = sequential full rewrite. Budget: critical RT ≤ ~${ROUND_TRIP_BUDGET} (met up to ` +
        `${ROUND_TRIP_BUDGET + ROUND_TRIP_TOLERANCE}).`,
    ),
    table(
      [
        'size',
        'change',
        'writes (groups)',
        'expected',
        ...latencies.map((l) => `PB @${l}`),
        'critical RT',
        'local ms',
        'audit med/max',
        'c=20 crit.',
        `baseline @${top ?? ''}`,
        'speedup',
        'budget',
      ],
      body,
    ),
  ].join('\n');
}
