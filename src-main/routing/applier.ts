/**
 * The applier: every routing change reads the session fresh (ONE list request), rebases the intent
 * onto it (so concurrent changes to other cells survive), checks the guardrails, then issues one
 * PUT per changed receiver (+2 calls per move) — see execute.ts for order and rollback. Each
 * attempt is recorded in the audit log (flushed) before the call resolves:
 * - `applied`: the session changed as planned (also an empty plan, and undo/redo/revert);
 * - `refused`: nothing was written (invalid intent, failed read, guardrail, undo conflict);
 * - `rolled-back`: a step failed and every receiver that may have changed was restored;
 * - `failed`: a step failed and some receivers could not be restored (named in the error).
 * A change whose `applied` record cannot be written is taken back like a failed step (commit.ts):
 * no change stays in place unaudited.
 * Operations on one session run one at a time (per-session queue); sessions run in parallel.
 * Undo, redo and reverts are not checked against the guardrails: they return cells to values the
 * session already had, and they refuse instead when those cells moved on (`planUndo`). They are
 * judged by the one confirmation rule (shared/routing/risk.ts) like any change: an undo or redo
 * whose result is risky (a redo of a barge) asks again, and so does a redo of a whisper, monitor or
 * barge relying on a role only a tag suggested. A timed route asks when it starts for what its end
 * will do as well (the revert runs unattended).
 */
import { randomUUID } from 'node:crypto';
import { MAX_PARTICIPANTS_PER_SESSION } from '../shared/bandwidth-api';
import type { GuardrailContext, Intent, Plan, RoutingSession } from '../shared/routing';
import {
  ROLE_GUESS_RULE,
  applyPlan,
  describeIntent,
  newViolations,
  planUndo,
  previewPlan,
  revertRisks,
  roleAssumption,
  uniqueMessages,
  withRisks,
} from '../shared/routing';
import type { Attempt, Read } from './attempts';
import { AttemptLog, named, readSession, rebaseOrFail } from './attempts';
import { commitPlan, type CommitDeps } from './commit';
import { SessionHistory } from './history';
import type { HistoryEntry } from './history';
import { alreadyReverted, isEmptyPlan, messageOf, toJson } from './plan-state';
import { SessionQueue } from './session-queue';
import type {
  ApplyFailure,
  ApplyOptions,
  ApplyResult,
  ApplySuccess,
  HistoryState,
  PreviewResult,
  RevertResult,
  RoutingApplierOptions,
} from './types';

export class RoutingApplier {
  private readonly stacks: SessionHistory;
  private readonly queue = new SessionQueue();
  private readonly log: AttemptLog;
  private readonly concurrency: number;
  private readonly now: () => Date;

  constructor(private readonly options: RoutingApplierOptions) {
    this.stacks = new SessionHistory(options.historyDepth ?? 50);
    this.log = new AttemptLog(options.audit, options.profileId, options.accountId);
    // A rank group's writes all go at once (a session has at most 20 receivers), so a change costs
    // about two round trips whatever the session size (npm run bench, part 2).
    this.concurrency = Math.max(1, options.concurrency ?? MAX_PARTICIPANTS_PER_SESSION);
    this.now = options.now ?? ((): Date => new Date());
  }

  /** What `apply` would do now (one fresh read, nothing written, nothing audited). */
  async preview(
    sessionId: string,
    intent: Intent,
    allowances?: Partial<GuardrailContext>,
  ): Promise<PreviewResult> {
    const read = await this.read(sessionId);
    if (!read.ok) return read;
    const change = rebaseOrFail(intent, read.session, allowances);
    if (!('plan' in change)) return change;
    const preview = previewPlan(change.plan, read.session);
    return {
      ok: true,
      plan: change.plan,
      preview,
      violations: newViolations(change.violations),
      apiCalls: 1 + preview.apiCalls,
      label: describeIntent(read.session, intent),
    };
  }

  /** Applies an intent to fresh state; refuses unconfirmed new guardrail violations. */
  apply(sessionId: string, intent: Intent, options: ApplyOptions = {}): Promise<ApplyResult> {
    return this.queue.run(sessionId, async () => {
      const asked: Attempt = { sessionId, intent: toJson(intent), reason: options.reason };
      const read = await this.read(sessionId);
      if (!read.ok) return this.log.refuse(asked, read);
      const fresh = read.session;
      const attempt = named(asked, fresh);
      const change = rebaseOrFail(intent, fresh, options.allowances);
      if (!('plan' in change)) return this.log.refuse(attempt, change);
      const { plan } = change;
      const violations = [
        ...newViolations(change.violations),
        ...(options.revertsLater === true ? revertRisks(fresh, applyPlan(fresh, plan.writes)) : []),
      ];
      if (violations.length > 0 && options.confirmedViolations !== true) {
        const message = `This change needs confirmation: ${uniqueMessages(violations).join(' ')}`;
        const preview = previewPlan(plan, fresh);
        const code = 'guardrail';
        return this.log.refuse(attempt, {
          ok: false,
          code,
          message,
          rolledBack: false,
          violations,
          plan,
          preview,
        });
      }
      const label = describeIntent(fresh, intent);
      const routeId = randomUUID();
      try {
        await options.beforeWrite?.(plan, { label, routeId });
      } catch (error) {
        const message = `Nothing was changed: ${messageOf(error)}`;
        return this.log.refuse(attempt, {
          ok: false,
          code: 'prepare-failed',
          message,
          rolledBack: false,
        });
      }
      const result = await this.commit(attempt, fresh, plan, label, routeId);
      const changed = result.ok || (result.code === 'audit-failed' && result.changed);
      if (changed && !isEmptyPlan(plan)) {
        this.stacks.recordApplied(sessionId, { routeId, intent, label, plan });
      }
      return result;
    });
  }

  /**
   * Takes back the session's last change against fresh state, or explains why it cannot. An undo
   * whose result is risky (./risk.ts: it gives a barge back, it cuts an agent off again) asks, as
   * any change does (`confirmedViolations`).
   */
  undo(
    sessionId: string,
    options: Pick<ApplyOptions, 'confirmedViolations'> = {},
  ): Promise<ApplyResult> {
    return this.queue.run(sessionId, async () => {
      const entry = this.stacks.peekUndo(sessionId);
      if (entry === undefined) {
        const message = 'There is nothing to undo in this session.';
        return { ok: false, code: 'nothing-to-undo', message, rolledBack: false };
      }
      const result = await this.reverse(sessionId, entry, 'undo', options.confirmedViolations);
      if (result.ok) this.stacks.recordUndone(sessionId, entry, result.plan);
      return result;
    });
  }

  /**
   * Applies again the change the last undo took back, against fresh state. A whisper, monitor or
   * barge relying on a role only a tag suggests asks again (`confirmedViolations`), as on apply.
   */
  redo(
    sessionId: string,
    options: Pick<ApplyOptions, 'confirmedViolations'> = {},
  ): Promise<ApplyResult> {
    return this.queue.run(sessionId, async () => {
      const entry = this.stacks.peekRedo(sessionId);
      if (entry === undefined) {
        const message = 'There is nothing to redo in this session.';
        return { ok: false, code: 'nothing-to-redo', message, rolledBack: false };
      }
      const result = await this.reverse(sessionId, entry, 'redo', options.confirmedViolations);
      if (result.ok) this.stacks.recordRedone(sessionId, entry, result.plan);
      return result;
    });
  }

  /**
   * Reverts one applied plan (a timed route ending). `already-reverted` when every cell it changed
   * is back as before (nothing written); `undo-conflict` when someone changed those cells since.
   * On success the change's undo/redo entries are forgotten.
   */
  revertPlan(
    sessionId: string,
    plan: Plan,
    meta: { intent: Intent; routeId: string; timerId: string },
  ): Promise<RevertResult> {
    return this.queue.run(sessionId, async (): Promise<RevertResult> => {
      const intent = toJson({ type: 'revert', timerId: meta.timerId, of: meta.intent });
      const asked: Attempt = { sessionId, intent, reason: 'The timed route ended.' };
      const read = await this.read(sessionId);
      if (!read.ok) return this.log.refuse(asked, read);
      const fresh = read.session;
      const attempt = named(asked, fresh);
      const undone = alreadyReverted(plan, fresh);
      let target: Plan = { sessionId, writes: [], moves: [] };
      if (!undone) {
        const decision = planUndo(plan, fresh);
        if (!decision.ok) {
          const { explanation: message, conflicts } = decision;
          const code = 'undo-conflict';
          return this.log.refuse(attempt, {
            ok: false,
            code,
            message,
            rolledBack: false,
            conflicts,
          });
        }
        target = decision.plan;
      }
      const label = `End: ${describeIntent(fresh, meta.intent)}`;
      const result = await this.commit(attempt, fresh, target, label, meta.routeId);
      if (!result.ok) return result;
      this.stacks.forgetRoute(sessionId, meta.routeId);
      return { ...result, how: undone ? 'already-reverted' : 'undone' };
    });
  }

  history(sessionId: string): HistoryState {
    return this.stacks.state(sessionId);
  }

  /** Drops a session's undo/redo history (unwatched or ended). */
  forgetSession(sessionId: string): void {
    this.stacks.forgetSession(sessionId);
  }

  /** Asks the watcher (if it watches this session) for a fresh poll; its failure is not ours. */
  private refreshWatcher(sessionId: string): void {
    const live = this.options.live;
    if (live?.refresh === undefined) return;
    void Promise.resolve()
      .then(() => live.refresh?.(sessionId))
      .catch(() => undefined);
  }

  private read(sessionId: string): Promise<Read> {
    const { client, roles, suggestRoles, names } = this.options;
    return readSession(client, roles, sessionId, suggestRoles, names);
  }

  private async reverse(
    sessionId: string,
    entry: HistoryEntry,
    kind: 'undo' | 'redo',
    confirmed = false,
  ): Promise<ApplyResult> {
    const asked: Attempt = { sessionId, intent: toJson({ type: kind, of: entry.intent }) };
    const read = await this.read(sessionId);
    if (!read.ok) return this.log.refuse(asked, read);
    const attempt = named(asked, read.session);
    const decision = planUndo(entry.plan, read.session);
    if (!decision.ok) {
      const { explanation: message, conflicts } = decision;
      const code = 'undo-conflict';
      return this.log.refuse(attempt, { ok: false, code, message, rolledBack: false, conflicts });
    }
    const guess = kind === 'redo' ? roleAssumption(read.session, entry.intent) : null;
    const after = applyPlan(read.session, decision.plan.writes);
    const asks = confirmed
      ? []
      : withRisks(guess === null ? [] : [guess], read.session, after, ROLE_GUESS_RULE);
    if (asks.length > 0) {
      const preview = previewPlan(decision.plan, read.session);
      return this.log.refuse(attempt, {
        ok: false,
        code: 'guardrail',
        message: `This change needs confirmation: ${uniqueMessages(asks).join(' ')}`,
        rolledBack: false,
        violations: asks,
        plan: decision.plan,
        preview,
      });
    }
    const label = `${kind === 'undo' ? 'Undo' : 'Redo'}: ${entry.label}`;
    return this.commit(attempt, read.session, decision.plan, label, entry.routeId);
  }

  private commit(
    attempt: Attempt,
    fresh: RoutingSession,
    plan: Plan,
    label: string,
    routeId: string,
  ): Promise<ApplySuccess | ApplyFailure> {
    const deps: CommitDeps = {
      client: this.options.client,
      live: this.options.live,
      concurrency: this.concurrency,
      log: this.log,
      refresh: (id) => this.refreshWatcher(id),
      now: this.now,
    };
    return commitPlan(deps, { attempt, fresh, plan, label, routeId });
  }
}
