/**
 * Committing a checked plan: run it, audit the outcome, and say what happened. A change is never
 * left in place unaudited: when the record of an applied plan cannot be written, the plan is taken
 * back like any failed step (restore.ts) and the answer says so; only if that fails too does the
 * answer report the change as made (`changed: true`) and name the participants left changed.
 */
import type { AuditReceiverChange } from '../audit';
import type { Plan, RoutingSession } from '../shared/routing';
import { previewPlan, sessionLabels } from '../shared/routing';
import type { Attempt, AttemptLog, AuditProblem } from './attempts';
import { executePlan, type ExecutionContext } from './execute';
import { appliedReceivers, isEmptyPlan } from './plan-state';
import { undoApplied } from './restore';
import type {
  ApplyFailure,
  ApplySuccess,
  AuditFailure,
  LiveLike,
  RoutingClient,
  UnrestoredReceiver,
} from './types';

export interface CommitDeps {
  readonly client: RoutingClient;
  readonly live: LiveLike | undefined;
  readonly concurrency: number;
  readonly log: AttemptLog;
  /** Asks the watcher for a fresh poll after the session changed. */
  readonly refresh: (sessionId: string) => void;
  readonly now: () => Date;
}

export interface Commit {
  readonly attempt: Attempt;
  readonly fresh: RoutingSession;
  readonly plan: Plan;
  readonly label: string;
  readonly routeId: string;
}

const describeLost = (lost: readonly UnrestoredReceiver[]): string =>
  lost.map((u) => `${u.receiverLabel} (${u.message})`).join('; ');

/** The receivers a plan touched after they were restored (null: state unknown). */
function restoredReceivers(plan: Plan, lost: readonly UnrestoredReceiver[]): AuditReceiverChange[] {
  const lostIds = new Set(lost.map((l) => l.receiverId));
  return plan.writes.map((w) => ({
    receiverId: w.receiverId,
    before: w.before,
    after: lostIds.has(w.receiverId) ? null : w.before,
  }));
}

/** Runs a checked plan, audits the outcome and says what happened. */
export async function commitPlan(
  deps: CommitDeps,
  { attempt, fresh, plan, label, routeId }: Commit,
): Promise<ApplySuccess | ApplyFailure> {
  const labels = sessionLabels(fresh);
  const ctx: ExecutionContext = {
    client: deps.client,
    live: deps.live,
    concurrency: deps.concurrency,
    label: (id) => labels.get(id) ?? `Participant ${id.slice(0, 4)}`,
    subscriptionsOf: (id) => fresh.subscriptions[id] ?? {},
  };
  const outcome = await executePlan(ctx, plan);
  if (!outcome.ok) {
    const { failedStep, rolledBack, unrestored } = outcome;
    const message = rolledBack
      ? `${failedStep.message} Every change already made was undone; the call is as it was.`
      : `${failedStep.message} The rollback failed too; these participants may be half-changed: ${describeLost(unrestored)}.`;
    const outcomeName = rolledBack ? 'rolled-back' : 'failed';
    const audited = await deps.log.record(attempt, outcomeName, outcome.receivers, message);
    if (typeof audited !== 'number') return { ...audited, rolledBack, changed: !rolledBack };
    return { ok: false, code: 'write-failed', message, failedStep, rolledBack, unrestored, plan };
  }
  const audited = await deps.log.record(attempt, 'applied', appliedReceivers(plan));
  if (typeof audited !== 'number') return takeBack(deps, ctx, attempt, plan, audited);
  if (!isEmptyPlan(plan)) deps.refresh(plan.sessionId);
  const preview = previewPlan(plan, fresh);
  const appliedAt = deps.now().toISOString();
  return { ok: true, plan, preview, label, entrySeq: audited, appliedAt, routeId };
}

/** The plan was applied but its record could not be written: undo it, and try to record that. */
async function takeBack(
  deps: CommitDeps,
  ctx: ExecutionContext,
  attempt: Attempt,
  plan: Plan,
  problem: AuditProblem,
): Promise<AuditFailure> {
  if (isEmptyPlan(plan)) return { ...problem, rolledBack: false, changed: false };
  const lost = await undoApplied(ctx, plan);
  deps.refresh(plan.sessionId);
  const rolledBack = lost.length === 0;
  const message = rolledBack
    ? `${problem.message} The change was undone; the call is as it was.`
    : `${problem.message} Undoing the change failed too; these participants may be changed: ${describeLost(lost)}.`;
  // The log that just failed may take this record (a passing failure); if not, the answer says all.
  await deps.log.record(
    attempt,
    rolledBack ? 'rolled-back' : 'failed',
    restoredReceivers(plan, lost),
    message,
  );
  return rolledBack
    ? { ...problem, message, rolledBack, changed: false }
    : { ...problem, message, rolledBack, changed: true, unrestored: lost };
}
