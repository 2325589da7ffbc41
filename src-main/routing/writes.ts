/**
 * Issuing subscription writes, shared by a plan's forward run and its restore: rank groups in safe
 * order (close-only, then mixed, then open-only), concurrently within a group (p-limit), each write
 * announced to the watcher first so a poll does not call it drift. Restoring is an idempotent full
 * replace, so a restore step that fails for a passing reason (5xx, 429, timeout, dropped
 * connection) is tried again after short waits (RESTORE_DELAYS_MS).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import pLimit from 'p-limit';
import { isBandwidthApiError } from '../bandwidth';
import type { Subscriptions } from '../shared/bandwidth-api';
import type { PlannedWrite } from '../shared/routing';
import { writeRank } from '../shared/routing';
import type { LiveLike, RoutingClient } from './types';

export interface ExecutionContext {
  readonly client: RoutingClient;
  readonly live: LiveLike | undefined;
  readonly concurrency: number;
  /** Short, non-personal label of a member ("Agent 1b2c"). */
  readonly label: (participantId: string) => string;
  /** Current subscriptions of a member as read before the plan (for moving it back). */
  readonly subscriptionsOf: (participantId: string) => Subscriptions;
}

export interface WriteFailureInfo {
  readonly write: PlannedWrite;
  readonly error: unknown;
}

/** A failed write may have been applied unless the API rejected it definitively (below 500). */
export function mayHaveApplied(error: unknown): boolean {
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
export async function persist(step: () => Promise<void>, delays: readonly number[]): Promise<void> {
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

type Announced = Subscriptions | 'joined' | 'left';

/**
 * Tells the watcher about this console's own change before making it (so a poll does not call it
 * drift), and again once the call was answered, done or failed (so that a poll sent after that,
 * which does not show it, uses the expectation up instead of leaving it to match a later change),
 * with whether it may have changed anything (one the API refused outright is forgotten: it explains
 * nothing a poll sees, and no poll is measured against it).
 */
export async function announced(
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
  let applied = true;
  try {
    await write();
  } catch (error) {
    applied = mayHaveApplied(error);
    throw error;
  } finally {
    for (const change of changes) ctx.live?.settled?.(sessionId, participantId, change, applied);
  }
}

/**
 * Issues `writes` rank group by rank group. With `stopOnError`, no new write starts after the
 * first failure (writes already in flight finish); otherwise every write is attempted. A write
 * that fails transiently is tried again after each of `retryDelays` (none for forward writes).
 */
export async function runWrites(
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
