/**
 * Runs a plan against the API: the PUTs in rank groups (close-only, then mixed, then open-only;
 * concurrently within a group, bounded by p-limit), then the moves (remove from this session, add
 * to the target). If a step fails, nothing further starts; every receiver that may have changed is
 * restored — moves first (so the participant is a member again before lists name it), then the
 * writes in the inverse plan's safe order — and the outcome says which step failed and what could
 * not be restored.
 *
 * A failed write "may have applied" unless the API rejected it definitively (a status below 500):
 * after a 5xx, a timeout or a dropped connection the server may have done it, so that receiver is
 * restored too (writing its `before` again is harmless when it had not changed).
 *
 * Restoring is an idempotent full replace, so a restore step that fails for a passing reason (5xx,
 * 429, timeout, dropped connection) is tried again a few times after short waits (RESTORE_DELAYS_MS)
 * before the receiver is reported unrestored: one transient error must not leave a call half-routed.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import pLimit from 'p-limit';
import type { AuditReceiverChange } from '../audit';
import { isBandwidthApiError } from '../bandwidth';
import type { OperationId, Subscriptions } from '../shared/bandwidth-api';
import type { Move, Plan, PlannedWrite } from '../shared/routing';
import { invert, writeRank } from '../shared/routing';
import type { FailedStep, LiveLike, RoutingClient, UnrestoredReceiver } from './types';

export interface ExecutionContext {
  readonly client: RoutingClient;
  readonly live: LiveLike | undefined;
  readonly concurrency: number;
  /** Short, non-personal label of a member ("Agent 1b2c"). */
  readonly label: (participantId: string) => string;
  /** Current subscriptions of a member as read before the plan (for moving it back). */
  readonly subscriptionsOf: (participantId: string) => Subscriptions;
}

export type ExecutionOutcome =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly failedStep: FailedStep;
      readonly rolledBack: boolean;
      readonly unrestored: readonly UnrestoredReceiver[];
      /** For the audit: each receiver touched, with what it holds now (null: unknown). */
      readonly receivers: AuditReceiverChange[];
    };

interface WriteFailureInfo {
  readonly write: PlannedWrite;
  readonly error: unknown;
}

function mayHaveApplied(error: unknown): boolean {
  if (!isBandwidthApiError(error)) return true;
  if (error.status !== undefined) return error.status >= 500;
  return error.kind !== 'unauthorized' && error.kind !== 'forbidden';
}

/** Waits before each further attempt of a restore step (the first attempt is immediate). */
export const RESTORE_DELAYS_MS: readonly number[] = [100, 300, 600];

/** A failure a later attempt may get past (the API's error, or no answer at all). */
function isTransient(error: unknown): boolean {
  if (!isBandwidthApiError(error)) return false;
  return ['server', 'network', 'timeout', 'rate-limited'].includes(error.kind);
}

/** Runs `step`; a transient failure is retried after each of `delays`, anything else is thrown. */
async function persist(step: () => Promise<void>, delays: readonly number[]): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await step();
      return;
    } catch (error) {
      const delay = delays[attempt];
      if (delay === undefined || !isTransient(error)) throw error;
      await sleep(delay);
    }
  }
}

const ACTIONS: Partial<Record<OperationId, (label: string) => string>> = {
  updateParticipantSubscriptions: (label) => `update ${label}'s subscriptions`,
  removeParticipantFromSession: (label) => `remove ${label} from the session`,
  addParticipantToSession: (label) => `add ${label} to the other session`,
};

function describeFailure(
  step: number,
  of: number,
  operation: OperationId,
  receiverId: string,
  receiverLabel: string,
  error: unknown,
): FailedStep {
  const action = (ACTIONS[operation] ?? ((l: string): string => `change ${l}`))(receiverLabel);
  const base = { step, of, operation, receiverId, receiverLabel };
  if (!isBandwidthApiError(error)) {
    const why = error instanceof Error ? error.message : String(error);
    return { ...base, message: `Could not ${action} (step ${step} of ${of}): ${why}` };
  }
  const why =
    error.status === undefined
      ? error.message
      : `the API answered ${error.status}${error.apiMessage === undefined ? '' : ` "${error.apiMessage}"`}`;
  return {
    ...base,
    ...(error.status === undefined ? {} : { status: error.status }),
    ...(error.apiMessage === undefined ? {} : { apiMessage: error.apiMessage }),
    ...(error.requestId === undefined ? {} : { requestId: error.requestId }),
    message: `Could not ${action} (step ${step} of ${of}): ${why}.`,
  };
}

type Announced = Subscriptions | 'joined' | 'left';

/**
 * Tells the watcher about this console's own change before making it (so a poll does not call it
 * drift), and again once the call was answered, done or failed (so that a poll sent after that,
 * which does not show it, uses the expectation up instead of leaving it to match a later change).
 */
async function announced(
  ctx: ExecutionContext,
  sessionId: string,
  participantId: string,
  changes: readonly Announced[],
  write: () => Promise<void>,
): Promise<void> {
  for (const change of changes) {
    if (change === 'joined' || change === 'left') {
      ctx.live?.expectMembership(sessionId, participantId, change);
    } else ctx.live?.expectSubscriptions(sessionId, participantId, change);
  }
  try {
    await write();
  } finally {
    for (const change of changes) ctx.live?.settled?.(sessionId, participantId, change);
  }
}

/**
 * Issues `writes` rank group by rank group. With `stopOnError`, no new write starts after the
 * first failure (writes already in flight finish); otherwise every write is attempted. A write
 * that fails transiently is tried again after each of `retryDelays` (none for forward writes).
 */
async function runWrites(
  ctx: ExecutionContext,
  sessionId: string,
  writes: readonly PlannedWrite[],
  stopOnError: boolean,
  retryDelays: readonly number[] = [],
): Promise<{ done: PlannedWrite[]; failures: WriteFailureInfo[] }> {
  const done: PlannedWrite[] = [];
  const failures: WriteFailureInfo[] = [];
  for (const rank of [0, 1, 2] as const) {
    const group = writes.filter((w) => writeRank(w) === rank);
    if (group.length === 0) continue;
    const limit = pLimit(ctx.concurrency);
    await Promise.all(
      group.map((write) =>
        limit(async () => {
          if (stopOnError && failures.length > 0) return;
          const { receiverId, after } = write;
          try {
            await persist(
              () =>
                announced(ctx, sessionId, receiverId, [after], () =>
                  ctx.client.updateParticipantSubscriptions({
                    sessionId,
                    participantId: receiverId,
                    subscriptions: after,
                  }),
                ),
              retryDelays,
            );
            done.push(write);
          } catch (error) {
            failures.push({ write, error });
          }
        }),
      ),
    );
    if (stopOnError && failures.length > 0) break;
  }
  return { done, failures };
}

type MoveProgress = 'removed' | 'added';

/** Puts a moved participant back where it was, with the subscriptions it had. */
async function moveBack(
  ctx: ExecutionContext,
  sessionId: string,
  move: Move,
  progress: MoveProgress,
): Promise<void> {
  if (progress === 'added') {
    try {
      await announced(ctx, move.toSessionId, move.participantId, ['left'], () =>
        ctx.client.removeParticipantFromSession({
          sessionId: move.toSessionId,
          participantId: move.participantId,
        }),
      );
    } catch (error) {
      // After an add that may not have happened, "not there" is what we want.
      if (!isBandwidthApiError(error) || error.kind !== 'not-found') throw error;
    }
  }
  const subscriptions = ctx.subscriptionsOf(move.participantId);
  await announced(ctx, sessionId, move.participantId, ['joined', subscriptions], () =>
    ctx.client.addParticipantToSession({
      sessionId,
      participantId: move.participantId,
      subscriptions,
    }),
  );
}

interface MoveFailure {
  readonly move: Move;
  readonly operation: OperationId;
  readonly step: number;
  readonly error: unknown;
}

async function runMoves(
  ctx: ExecutionContext,
  plan: Plan,
  progress: Map<Move, MoveProgress>,
): Promise<MoveFailure | null> {
  let step = plan.writes.length;
  for (const move of plan.moves) {
    const { participantId, toSessionId } = move;
    step += 1;
    try {
      await announced(ctx, plan.sessionId, participantId, ['left'], () =>
        ctx.client.removeParticipantFromSession({ sessionId: plan.sessionId, participantId }),
      );
      progress.set(move, 'removed');
    } catch (error) {
      if (mayHaveApplied(error)) progress.set(move, 'removed');
      return { move, operation: 'removeParticipantFromSession', step, error };
    }
    step += 1;
    try {
      await announced(ctx, toSessionId, participantId, ['joined'], () =>
        ctx.client.addParticipantToSession({ sessionId: toSessionId, participantId }),
      );
      progress.set(move, 'added');
    } catch (error) {
      if (mayHaveApplied(error)) progress.set(move, 'added');
      return { move, operation: 'addParticipantToSession', step, error };
    }
  }
  return null;
}

function unrestored(ctx: ExecutionContext, receiverId: string, error: unknown): UnrestoredReceiver {
  const why = error instanceof Error ? error.message : String(error);
  return { receiverId, receiverLabel: ctx.label(receiverId), message: why };
}

/** Runs the plan; on a failure restores what may have changed and reports it. */
export async function executePlan(ctx: ExecutionContext, plan: Plan): Promise<ExecutionOutcome> {
  const total = plan.writes.length + 2 * plan.moves.length;
  const { done, failures } = await runWrites(ctx, plan.sessionId, plan.writes, true);
  const progress = new Map<Move, MoveProgress>();
  let failedStep: FailedStep;
  if (failures[0] !== undefined) {
    const first = failures[0];
    const step = plan.writes.indexOf(first.write) + 1;
    const r = first.write.receiverId;
    failedStep = describeFailure(
      step,
      total,
      'updateParticipantSubscriptions',
      r,
      ctx.label(r),
      first.error,
    );
  } else {
    const moveFailure = await runMoves(ctx, plan, progress);
    if (moveFailure === null) return { ok: true };
    const id = moveFailure.move.participantId;
    failedStep = describeFailure(
      moveFailure.step,
      total,
      moveFailure.operation,
      id,
      ctx.label(id),
      moveFailure.error,
    );
  }

  const lost: UnrestoredReceiver[] = [];
  for (const [move, state] of [...progress].reverse()) {
    try {
      await persist(() => moveBack(ctx, plan.sessionId, move, state), RESTORE_DELAYS_MS);
    } catch (error) {
      lost.push(unrestored(ctx, move.participantId, error));
    }
  }
  const uncertain = failures.filter((f) => mayHaveApplied(f.error)).map((f) => f.write);
  const touched = [...done, ...uncertain];
  const inverse = invert({ sessionId: plan.sessionId, writes: touched, moves: [] });
  const rollback = await runWrites(ctx, plan.sessionId, inverse.writes, false, RESTORE_DELAYS_MS);
  for (const f of rollback.failures) lost.push(unrestored(ctx, f.write.receiverId, f.error));

  const lostIds = new Set(lost.map((l) => l.receiverId));
  const attempted = [...done, ...failures.map((f) => f.write)];
  const receivers = plan.writes
    .filter((w) => attempted.includes(w))
    .map((w) => ({
      receiverId: w.receiverId,
      before: w.before,
      after: lostIds.has(w.receiverId) ? null : w.before,
    }));
  return { ok: false, failedStep, rolledBack: lost.length === 0, unrestored: lost, receivers };
}
