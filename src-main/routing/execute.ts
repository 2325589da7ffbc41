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
 * The writes and their retries are writes.ts; the restore is restore.ts.
 */
import type { AuditReceiverChange } from '../audit';
import { isBandwidthApiError } from '../bandwidth';
import type { OperationId } from '../shared/bandwidth-api';
import type { Move, Plan } from '../shared/routing';
import { restore, type MoveProgress } from './restore';
import type { FailedStep, UnrestoredReceiver } from './types';
import { announced, mayHaveApplied, runWrites, type ExecutionContext } from './writes';

export type { ExecutionContext } from './writes';

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

  const uncertain = failures.filter((f) => mayHaveApplied(f.error)).map((f) => f.write);
  const lost = await restore(ctx, plan.sessionId, [...progress], [...done, ...uncertain]);

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
