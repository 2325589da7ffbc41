/**
 * Restoring what a plan may have changed: moved participants first (so they are members again
 * before lists name them), then the writes' inverse in safe order, each step retried after short
 * waits when it fails for a passing reason. Used when a step of the plan fails, and to take back a
 * whole applied plan whose audit record could not be written.
 */
import { isBandwidthApiError } from '../bandwidth';
import type { Move, Plan, PlannedWrite } from '../shared/routing';
import { invert } from '../shared/routing';
import type { UnrestoredReceiver } from './types';
import type { ExecutionContext } from './writes';
import { announced, persist, RESTORE_DELAYS_MS, runWrites } from './writes';

export type MoveProgress = 'removed' | 'added';

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

function unrestored(ctx: ExecutionContext, receiverId: string, error: unknown): UnrestoredReceiver {
  const why = error instanceof Error ? error.message : String(error);
  return { receiverId, receiverLabel: ctx.label(receiverId), message: why };
}

/**
 * Restores the moves (with how far each got) and the writes that may have applied; answers the
 * receivers it could not restore (none: everything is as it was).
 */
export async function restore(
  ctx: ExecutionContext,
  sessionId: string,
  moves: readonly (readonly [Move, MoveProgress])[],
  writes: readonly PlannedWrite[],
): Promise<UnrestoredReceiver[]> {
  const lost: UnrestoredReceiver[] = [];
  for (const [move, state] of [...moves].reverse()) {
    try {
      await persist(() => moveBack(ctx, sessionId, move, state), RESTORE_DELAYS_MS);
    } catch (error) {
      lost.push(unrestored(ctx, move.participantId, error));
    }
  }
  const inverse = invert({ sessionId, writes: [...writes], moves: [] });
  const rollback = await runWrites(ctx, sessionId, inverse.writes, false, RESTORE_DELAYS_MS);
  for (const f of rollback.failures) lost.push(unrestored(ctx, f.write.receiverId, f.error));
  return lost;
}

/** Takes back a whole plan that was applied: every move and every write. */
export function undoApplied(ctx: ExecutionContext, plan: Plan): Promise<UnrestoredReceiver[]> {
  const moves = plan.moves.map((move) => [move, 'added'] as const);
  return restore(ctx, plan.sessionId, moves, plan.writes);
}
