/**
 * Timed routes: "whisper for 60 s", "monitor until I stop". The route is applied now; its revert is
 * persisted (timer-store.ts) BEFORE the first write, so a console that crashes at any point after
 * that still reverts it when `restore()` runs at the next start (overdue ones at once).
 *
 * The revert is the undo of that one plan against fresh state (`RoutingApplier.revertPlan`). When
 * someone changed the same cells since, undoing would overwrite them; then, for a supervisor route
 * (monitor, whisper, barge) the conservative fallback ends that supervisor's routes
 * (`endSupervision`: the supervisor hears nobody and nobody hears it), which can only close paths.
 * Other intents have no safe fallback: the timer is dropped and a `failed` event explains why.
 * A revert that fails for a passing reason (API unreachable, a write rolled back) is retried.
 */
import { randomUUID } from 'node:crypto';
import type { Intent } from '../shared/routing';
import type { RoutingApplier } from './applier';
import { TimerStore } from './timer-store';
import type { TimedRouteRecord } from './timer-store';
import type {
  ApplyFailure,
  ApplyOptions,
  ApplyResult,
  RevertHow,
  TimedApplyResult,
  TimedDuration,
  TimedRouteEvent,
  TimedRouteView,
  TimerOutcome,
} from './types';

const MAX_TIMED_ROUTE_MS = 12 * 60 * 60 * 1000;
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export interface TimedRoutesOptions {
  readonly applier: Pick<RoutingApplier, 'apply' | 'revertPlan'>;
  /** Folder of the pending-reverts file (the app's userData; a temp folder in tests). */
  readonly dir: string;
  readonly fileName?: string;
  /** Epoch ms. */
  readonly now?: () => number;
  /** Wait before retrying a revert that failed for a passing reason. Default 5 s. */
  readonly retryDelayMs?: number;
  /** Revert attempts before giving up. Default 5. */
  readonly maxAttempts?: number;
}

const SUPERVISOR_INTENTS = new Set<Intent['type']>(['monitor', 'whisper', 'barge']);

function supervisorOf(intent: Intent): string | undefined {
  return SUPERVISOR_INTENTS.has(intent.type) && 'supervisorId' in intent
    ? intent.supervisorId
    : undefined;
}

function view(r: TimedRouteRecord): TimedRouteView {
  const { id, sessionId, intent, label, startedAt, endsAt } = r;
  return { id, sessionId, intent, label, startedAt, endsAt };
}

/** Failures a later attempt may get past; the rest are final. */
function isPassing(result: ApplyFailure): boolean {
  switch (result.code) {
    case 'read-failed':
      return !result.ended;
    case 'write-failed':
    case 'audit-failed':
      return true;
    default:
      return false;
  }
}

export class TimedRoutes {
  private readonly store: TimerStore;
  private readonly records = new Map<string, TimedRouteRecord>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly attempts = new Map<string, number>();
  private readonly running = new Map<string, Promise<TimerOutcome>>();
  private readonly listeners = new Set<(event: TimedRouteEvent) => void>();
  private readonly now: () => number;
  private closed = false;

  constructor(private readonly options: TimedRoutesOptions) {
    this.store = new TimerStore(options.dir, options.fileName);
    this.now = options.now ?? Date.now;
  }

  /**
   * Loads the pending reverts left by an earlier run: schedules those not yet due and reverts the
   * overdue ones now (resolves once those reverts were attempted).
   */
  async restore(): Promise<{
    scheduled: number;
    reverted: number;
    failed: number;
    warnings: string[];
  }> {
    const { routes, warning } = await this.store.load();
    const overdue: TimedRouteRecord[] = [];
    let scheduled = 0;
    for (const record of routes) {
      if (this.records.has(record.id)) continue;
      this.records.set(record.id, record);
      if (record.endsAt !== null && record.endsAt <= this.now()) overdue.push(record);
      else {
        this.schedule(record);
        scheduled += 1;
      }
    }
    const outcomes = await Promise.all(overdue.map((r) => this.revert(r.id)));
    const reverted = outcomes.filter((o) => o.ok).length;
    const warnings = warning === undefined ? [] : [warning];
    return { scheduled, reverted, failed: outcomes.length - reverted, warnings };
  }

  /** Applies `intent` now and reverts it after `durationMs`, or when `stop(id)` is called. */
  async applyTimed(
    sessionId: string,
    intent: Intent,
    duration: TimedDuration,
    options: Omit<ApplyOptions, 'beforeWrite'> = {},
  ): Promise<TimedApplyResult> {
    const problem = this.durationProblem(intent, duration);
    if (problem !== null) return problem;
    const id = randomUUID();
    let saved: TimedRouteRecord | undefined;
    const result: ApplyResult = await this.options.applier.apply(sessionId, intent, {
      ...options,
      revertsLater: true,
      beforeWrite: async (plan, { label, routeId }) => {
        const startedAt = this.now();
        const endsAt = 'durationMs' in duration ? startedAt + duration.durationMs : null;
        saved = { id, sessionId, intent, label, startedAt, endsAt, routeId, plan };
        this.records.set(id, saved);
        await this.persist();
      },
    });
    const kept = result.ok || (result.code === 'audit-failed' && result.changed);
    if (!kept) {
      if (saved !== undefined) {
        this.records.delete(id);
        await this.persist().catch(() => undefined);
      }
      return result;
    }
    if (saved === undefined) throw new Error('A route was applied without saving its revert.');
    this.schedule(saved);
    this.emit({ type: 'added', route: view(saved) });
    return result.ok ? { ...result, timer: view(saved) } : result;
  }

  /** Reverts a timed route now ("until I stop", or ending one early). */
  stop(timerId: string): Promise<TimerOutcome> {
    return this.revert(timerId, true);
  }

  list(): TimedRouteView[] {
    return [...this.records.values()].map(view);
  }

  on(listener: (event: TimedRouteEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops the clocks without reverting (app quit): pending reverts stay on disk for `restore()`. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private durationProblem(intent: Intent, duration: TimedDuration): ApplyFailure | null {
    if (intent.type === 'move') {
      const message = 'A move cannot be timed: it cannot be taken back automatically.';
      return { ok: false, code: 'invalid-intent', message, rolledBack: false };
    }
    if ('untilStopped' in duration) return null;
    const ms = duration.durationMs;
    if (Number.isInteger(ms) && ms > 0 && ms <= MAX_TIMED_ROUTE_MS) return null;
    const message = `A timed route lasts from 1 ms to 12 hours (got ${String(ms)} ms).`;
    return { ok: false, code: 'invalid-duration', message, rolledBack: false };
  }

  private schedule(record: TimedRouteRecord, delayMs?: number): void {
    if (this.closed) return;
    const wait = delayMs ?? (record.endsAt === null ? null : record.endsAt - this.now());
    if (wait === null) return;
    clearTimeout(this.timers.get(record.id));
    const timer = setTimeout(
      () => {
        this.timers.delete(record.id);
        if (delayMs === undefined && record.endsAt !== null && record.endsAt > this.now()) {
          this.schedule(record); // a wait longer than setTimeout allows
          return;
        }
        void this.revert(record.id);
      },
      Math.min(Math.max(0, wait), MAX_TIMEOUT_MS),
    );
    timer.unref();
    this.timers.set(record.id, timer);
  }

  /** One revert at a time per route; concurrent callers share it. */
  private revert(id: string, stopped = false): Promise<TimerOutcome> {
    const running = this.running.get(id);
    if (running !== undefined) return running;
    const record = this.records.get(id);
    if (record === undefined) {
      const message = 'That timed route is no longer pending (it already ended or was stopped).';
      return Promise.resolve({ ok: false, code: 'unknown-timer', message, willRetry: false });
    }
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    const promise = this.runRevert(record, stopped).finally(() => this.running.delete(id));
    this.running.set(id, promise);
    return promise;
  }

  /** `stopped`: someone stopped it (else its time is up). */
  private async runRevert(record: TimedRouteRecord, stopped: boolean): Promise<TimerOutcome> {
    const { applier } = this.options;
    const meta = { intent: record.intent, routeId: record.routeId, timerId: record.id };
    const result = await applier.revertPlan(record.sessionId, record.plan, meta);
    if (result.ok) return this.finish(record, result.how, stopped, result.entrySeq);
    if (result.code === 'read-failed' && result.ended) {
      return this.finish(record, 'session-ended', stopped);
    }
    const supervisorId = supervisorOf(record.intent);
    if (result.code !== 'undo-conflict' || supervisorId === undefined) {
      return this.failed(record, result);
    }
    const fallback = await applier.apply(
      record.sessionId,
      { type: 'endSupervision', supervisorId },
      {
        confirmedViolations: true,
        reason: `The timed route ended, but its routing had changed since; the supervisor's routes were ended instead. ${result.message}`,
      },
    );
    if (fallback.ok) return this.finish(record, 'ended-supervision', stopped, fallback.entrySeq);
    return this.failed(record, fallback);
  }

  private async finish(
    record: TimedRouteRecord,
    how: RevertHow,
    stopped: boolean,
    entrySeq?: number,
  ): Promise<TimerOutcome> {
    this.records.delete(record.id);
    this.attempts.delete(record.id);
    await this.persist().catch(() => undefined);
    const seq = entrySeq === undefined ? {} : { entrySeq };
    this.emit({
      type: 'reverted',
      route: view(record),
      how,
      ...seq,
      ...(stopped ? { stopped } : {}),
    });
    return { ok: true, how, ...seq };
  }

  private async failed(record: TimedRouteRecord, result: ApplyFailure): Promise<TimerOutcome> {
    const attempts = (this.attempts.get(record.id) ?? 0) + 1;
    // After close() a passing failure stays pending on disk for the next start's restore().
    const willRetry = isPassing(result) && attempts < (this.options.maxAttempts ?? 5);
    if (willRetry) {
      this.attempts.set(record.id, attempts);
      this.schedule(record, this.options.retryDelayMs ?? 5_000);
    } else {
      this.records.delete(record.id);
      this.attempts.delete(record.id);
      await this.persist().catch(() => undefined);
    }
    const message = willRetry ? `${result.message} Trying again shortly.` : result.message;
    this.emit({ type: 'failed', route: view(record), message, willRetry });
    return { ok: false, code: result.code, message, willRetry };
  }

  private persist(): Promise<void> {
    return this.store.save([...this.records.values()]);
  }

  private emit(event: TimedRouteEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A listener's failure must not keep the others from hearing about it.
      }
    }
  }
}
