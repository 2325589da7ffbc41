/** Small pure helpers the applier needs around plans: audit shapes and "is it already undone?". */
import type { AuditReceiverChange, JsonValue } from '../audit';
import type { Plan, RoutingSession } from '../shared/routing';
import { deliveryOf, sameStreams } from '../shared/routing';

/** Plain JSON copy of an intent (or any JSON-shaped value) for the audit log. */
export function toJson(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

/** A plan that changes nothing (no write, no move). */
export function isEmptyPlan(plan: Plan): boolean {
  return plan.writes.length + plan.moves.length === 0;
}

/** The receivers a plan changed, as the audit log records them. */
export function appliedReceivers(plan: Plan): AuditReceiverChange[] {
  return plan.writes.map((w) => ({ receiverId: w.receiverId, before: w.before, after: w.after }));
}

/**
 * True when every cell the plan changed is back at the value it had before the plan (members that
 * left are skipped): reverting it again would change nothing.
 */
export function alreadyReverted(plan: Plan, fresh: RoutingSession): boolean {
  const members = new Set(fresh.participants.map((p) => p.id));
  return plan.writes.every((w) => {
    if (!members.has(w.receiverId)) return true;
    const now = deliveryOf(fresh, w.receiverId, fresh.subscriptions[w.receiverId] ?? {});
    return w.cells.every(
      (c) =>
        !members.has(c.publisherId) || sameStreams(now.cells.get(c.publisherId) ?? null, c.before),
    );
  });
}

/** An error's message, never its stack or request. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
