/**
 * Parts 1 and 2: requests per routing change and time to apply, Patchbay's RoutingApplier (the
 * real one, concurrency 4 as shipped, plus a proposed higher concurrency where it can differ)
 * against the courtroom-demo baseline (every participant's full list PUT one after another, no
 * read, no diff), on one local API with injected per-request latency.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog } from '../../../src-main/audit';
import type { AuditEntryInput } from '../../../src-main/audit';
import { RoutingApplier } from '../../../src-main/routing';
import type { RoutingApplierOptions } from '../../../src-main/routing';
import type { Role } from '../../../src-main/shared/routing';
import type { BenchApi } from '../support/local-api';
import { startBenchApi } from '../support/local-api';
import { max } from '../support/stats';
import { expectedRoundTrips, planned, SCENARIOS } from './scenarios';
import type { Scenario } from './scenarios';
import type { BenchSession, Subs } from './sessions';
import { createBenchSession, resetTo } from './sessions';

export interface RoutingOptions {
  readonly latenciesMs: readonly number[];
  readonly sizes: readonly number[];
  readonly runs: number;
  /** The applier's shipped concurrency per rank group. */
  readonly concurrency: number;
  /** A what-if concurrency, measured where a rank group is larger than `concurrency`. */
  readonly proposedConcurrency: number;
}

export interface RoutingMeasurement {
  readonly latencyMs: number;
  readonly size: number;
  readonly scenario: string;
  readonly kind: Scenario['kind'];
  readonly writes: number;
  readonly groups: readonly [number, number, number];
  readonly minimumRequests: number;
  /** Per run, as counted by the local API. */
  readonly patchbayRequests: readonly number[];
  readonly patchbayMs: readonly number[];
  /** Time spent flushing the audit entry (part of patchbayMs). */
  readonly auditMs: readonly number[];
  readonly expectedRoundTrips: number;
  readonly proposedMs: readonly number[] | null;
  readonly proposedAuditMs: readonly number[] | null;
  readonly proposedRoundTrips: number;
}

export interface BaselineMeasurement {
  readonly latencyMs: number;
  readonly size: number;
  readonly requests: readonly number[];
  readonly ms: readonly number[];
}

export interface RoutingResults {
  readonly patchbay: readonly RoutingMeasurement[];
  readonly baseline: readonly BaselineMeasurement[];
}

interface Timed {
  readonly ms: number;
  readonly requests: number;
}

class TimedAudit {
  spentMs = 0;
  constructor(private readonly log: AuditLog) {}
  async append(input: AuditEntryInput): ReturnType<AuditLog['append']> {
    const t0 = performance.now();
    try {
      return await this.log.append(input);
    } finally {
      this.spentMs += performance.now() - t0;
    }
  }
}

async function measured(
  bench: BenchApi,
  latencyMs: number,
  run: () => Promise<void>,
): Promise<Timed> {
  bench.latency(latencyMs);
  bench.resetCounts();
  const t0 = performance.now();
  try {
    await run();
    return { ms: performance.now() - t0, requests: bench.total() };
  } finally {
    bench.latency(0);
  }
}

/** The courtroom-demo pattern: for each participant, PUT its full list, sequentially. */
async function baselineApply(bench: BenchApi, s: BenchSession, target: Subs): Promise<void> {
  for (const participantId of s.memberIds) {
    await bench.client.updateParticipantSubscriptions({
      sessionId: s.sessionId,
      participantId,
      subscriptions: target[participantId] ?? {},
    });
  }
}

export async function benchRouting(
  options: RoutingOptions,
  progress: (line: string) => void,
): Promise<RoutingResults> {
  const bench = await startBenchApi();
  const dir = await mkdtemp(join(tmpdir(), 'patchbay-bench-'));
  const roles = new Map<string, Readonly<Record<string, Role>>>();
  const appliers: { applier: RoutingApplier; audit: TimedAudit; log: AuditLog }[] = [];
  for (const concurrency of [options.concurrency, options.proposedConcurrency]) {
    const log = await AuditLog.open({ dir: join(dir, `audit-${concurrency}`) });
    const audit = new TimedAudit(log);
    const applierOptions: RoutingApplierOptions = {
      client: bench.client,
      audit,
      profileId: 'bench',
      accountId: bench.api.accountId,
      roles: (sessionId) => roles.get(sessionId) ?? {},
      concurrency,
    };
    appliers.push({ applier: new RoutingApplier(applierOptions), audit, log });
  }
  const [shipped, proposed] = appliers;
  if (shipped === undefined || proposed === undefined) throw new Error('appliers missing');

  try {
    const sessions: BenchSession[] = [];
    for (const size of options.sizes) {
      const s = await createBenchSession(bench.client, size);
      roles.set(s.sessionId, s.roles);
      sessions.push(s);
    }
    const patchbay: RoutingMeasurement[] = [];
    const baseline: BaselineMeasurement[] = [];

    const applyWith = async (
      which: typeof shipped,
      s: BenchSession,
      scenario: Scenario,
      start: Subs,
      latencyMs: number,
    ): Promise<Timed & { auditMs: number }> => {
      await resetTo(bench.client, s, start);
      which.audit.spentMs = 0;
      const timed = await measured(bench, latencyMs, async () => {
        const result = await which.applier.apply(s.sessionId, scenario.intent(s), {
          confirmedViolations: true,
        });
        if (!result.ok) throw new Error(`${scenario.name} on ${s.size}: ${result.message}`);
      });
      return { ...timed, auditMs: which.audit.spentMs };
    };

    for (const latencyMs of options.latenciesMs) {
      for (const s of sessions) {
        progress(`routing: ${latencyMs} ms round trip, ${s.size} participants`);
        for (const scenario of SCENARIOS) {
          const shape = planned(s, scenario);
          const canDiffer = max(shape.groups) > options.concurrency;
          const runs: Timed[] = [];
          const audits: number[] = [];
          const what: number[] = [];
          const whatAudit: number[] = [];
          for (let run = 0; run < options.runs; run += 1) {
            const r = await applyWith(shipped, s, scenario, shape.start, latencyMs);
            runs.push(r);
            audits.push(r.auditMs);
            if (canDiffer) {
              const p = await applyWith(proposed, s, scenario, shape.start, latencyMs);
              what.push(p.ms);
              whatAudit.push(p.auditMs);
            }
          }
          patchbay.push({
            latencyMs,
            size: s.size,
            scenario: scenario.name,
            kind: scenario.kind,
            writes: shape.writes,
            groups: shape.groups,
            minimumRequests: shape.minimumRequests,
            patchbayRequests: runs.map((r) => r.requests),
            patchbayMs: runs.map((r) => r.ms),
            auditMs: audits,
            expectedRoundTrips: expectedRoundTrips(shape.groups, options.concurrency),
            proposedMs: canDiffer ? what : null,
            proposedAuditMs: canDiffer ? whatAudit : null,
            proposedRoundTrips: expectedRoundTrips(shape.groups, options.proposedConcurrency),
          });
        }
        // The baseline writes every participant whatever the change, so its cost depends only on
        // the session size: measured `runs` times, rotating through the presets' targets.
        const presets = SCENARIOS.filter((sc) => sc.kind === 'preset');
        const timed: Timed[] = [];
        for (let run = 0; run < options.runs; run += 1) {
          const scenario = presets[run % presets.length] ?? SCENARIOS[0];
          if (scenario === undefined) break;
          const shape = planned(s, scenario);
          await resetTo(bench.client, s, shape.start);
          timed.push(await measured(bench, latencyMs, () => baselineApply(bench, s, shape.target)));
        }
        baseline.push({
          latencyMs,
          size: s.size,
          requests: timed.map((t) => t.requests),
          ms: timed.map((t) => t.ms),
        });
      }
    }
    return { patchbay, baseline };
  } finally {
    for (const a of appliers) await a.log.close();
    await bench.close();
    await rm(dir, { recursive: true, force: true });
  }
}
