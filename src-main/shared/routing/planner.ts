/**
 * The planner: target subscriptions → the minimal, safely ordered set of per-receiver writes (PUT
 * #11, a full replace of one receiver's subscriptions).
 *
 * Minimal: a receiver gets a write only when its EFFECTIVE subscriptions change — the publishers and
 * streams it gets among the current members, or whether it is session level (which decides whether
 * later arrivals are included). JSON shape alone (order, a redundant `sessionId`, `[]` vs missing
 * aliases, entries naming non-members or itself) never causes a write.
 *
 * Why no order of these writes can open a path outside before ∪ after: a write replaces the
 * subscriptions of exactly one receiver R, and a path P→R exists only through R's own
 * subscriptions. So after any prefix of the writes, every receiver's subscriptions are either its
 * `before` (not yet written) or its `after` (written) — never a mix — and every path into R belongs
 * to before(R) or after(R). This holds for any order and any interleaving of concurrent PUTs.
 * The order still matters for *when* things happen: writes that only close paths (or drop a
 * session-level subscription) go first, then writes that close and open, then writes that only
 * open. So in a whisper or monitor plan every customer stops hearing the supervisor before any
 * path opens, and a failure half-way leaves the call with fewer paths, not more.
 */
import type { Subscriptions } from '../bandwidth-api';
import type { Move } from './apply-intent';
import type { RoutingSession, StreamSelection } from './model';
import { sameStreams } from './model';
import { deliveryOf, sameDelivery } from './effective';

/** A matrix cell whose delivery changes (`null` = nothing). */
export interface CellChange {
  readonly receiverId: string;
  readonly publisherId: string;
  readonly before: StreamSelection | null;
  readonly after: StreamSelection | null;
}

/**
 * A path that opens or closes. In `opens`, `streams` is what becomes delivered: the new streams,
 * or `'all'` when the cell widens to all streams. In `closes`, it is what stops: the removed
 * streams, or `'all'` when a cell that got all streams is removed or narrowed to a list (the cell's
 * `after` says what remains).
 */
export interface Edge {
  readonly receiverId: string;
  readonly publisherId: string;
  readonly streams: StreamSelection;
}

export interface PlannedWrite {
  readonly receiverId: string;
  readonly before: Subscriptions;
  /** The body of the PUT. */
  readonly after: Subscriptions;
  readonly opens: readonly Edge[];
  readonly closes: readonly Edge[];
  readonly cells: readonly CellChange[];
  /** Session level before and after (true → false: later arrivals will no longer be added). */
  readonly sessionLevel: { readonly before: boolean; readonly after: boolean };
}

export interface Plan {
  readonly sessionId: string;
  /** In safe order. */
  readonly writes: readonly PlannedWrite[];
  /** Done by the applier after the writes; never inverted (rollback happens before moves). */
  readonly moves: readonly Move[];
}

/** What the planner needs from a target: subscriptions per receiver and who moves out. */
export interface PlanTarget {
  readonly subscriptions: Readonly<Record<string, Subscriptions>>;
  readonly moves: readonly Move[];
}

function listMinus(a: readonly string[], b: readonly string[]): string[] {
  return a.filter((alias) => !b.includes(alias));
}

function edgesOf(change: CellChange): { opens: Edge[]; closes: Edge[] } {
  const { receiverId, publisherId, before, after } = change;
  const edge = (streams: StreamSelection): Edge => ({ receiverId, publisherId, streams });
  if (before === null) return { opens: after === null ? [] : [edge(after)], closes: [] };
  if (after === null) return { opens: [], closes: [edge(before)] };
  if (before === 'all') return { opens: [], closes: after === 'all' ? [] : [edge('all')] };
  if (after === 'all') return { opens: [edge('all')], closes: [] };
  const added = listMinus(after, before);
  const removed = listMinus(before, after);
  return {
    opens: added.length > 0 ? [edge(added)] : [],
    closes: removed.length > 0 ? [edge(removed)] : [],
  };
}

/** The write that moves `receiverId` from `before` to `after`, or null when nothing effective changes. */
export function planWrite(
  session: RoutingSession,
  receiverId: string,
  before: Subscriptions,
  after: Subscriptions,
): PlannedWrite | null {
  const from = deliveryOf(session, receiverId, before);
  const to = deliveryOf(session, receiverId, after);
  if (sameDelivery(from, to)) return null;
  const cells: CellChange[] = [];
  for (const p of session.participants) {
    const b = from.cells.get(p.id) ?? null;
    const a = to.cells.get(p.id) ?? null;
    if (!sameStreams(a, b)) cells.push({ receiverId, publisherId: p.id, before: b, after: a });
  }
  const edges = cells.map(edgesOf);
  return {
    receiverId,
    before,
    after,
    opens: edges.flatMap((e) => e.opens),
    closes: edges.flatMap((e) => e.closes),
    cells,
    sessionLevel: { before: from.sessionLevel, after: to.sessionLevel },
  };
}

/** 0: only closes, 1: closes and opens, 2: only opens. */
export function writeRank(write: PlannedWrite): 0 | 1 | 2 {
  const closes =
    write.closes.length > 0 || (write.sessionLevel.before && !write.sessionLevel.after);
  const opens = write.opens.length > 0 || (!write.sessionLevel.before && write.sessionLevel.after);
  if (opens && closes) return 1;
  return opens ? 2 : 0;
}

/** Closing writes first, opening writes last; ties by receiver id, so plans are deterministic. */
function orderWrites(writes: readonly PlannedWrite[]): PlannedWrite[] {
  return [...writes].sort(
    (a, b) =>
      writeRank(a) - writeRank(b) ||
      (a.receiverId < b.receiverId ? -1 : a.receiverId > b.receiverId ? 1 : 0),
  );
}

/**
 * The writes that take `session` to `target`: one per member (not moving out) whose effective
 * subscriptions differ, in safe order. Receivers missing from `target.subscriptions` stay as they are.
 */
export function planTarget(session: RoutingSession, target: PlanTarget): Plan {
  const leaving = new Set(target.moves.map((m) => m.participantId));
  const writes: PlannedWrite[] = [];
  for (const p of session.participants) {
    const after = target.subscriptions[p.id];
    if (leaving.has(p.id) || after === undefined) continue;
    const write = planWrite(session, p.id, session.subscriptions[p.id] ?? {}, after);
    if (write !== null) writes.push(write);
  }
  return { sessionId: session.sessionId, writes: orderWrites(writes), moves: target.moves };
}

/**
 * The plan that undoes `plan`'s writes (rollback after a failure, or undo when nothing moved on):
 * every write reversed, re-ordered safely. Moves are not inverted; the applier moves back first.
 */
export function invert(plan: Plan): Plan {
  const writes = plan.writes.map((w): PlannedWrite => ({
    receiverId: w.receiverId,
    before: w.after,
    after: w.before,
    opens: w.closes,
    closes: w.opens,
    cells: w.cells.map((c) => ({ ...c, before: c.after, after: c.before })),
    sessionLevel: { before: w.sessionLevel.after, after: w.sessionLevel.before },
  }));
  return { sessionId: plan.sessionId, writes: orderWrites(writes), moves: [] };
}

/** The session after `writes` (pure; moves are not applied). */
export function applyPlan(
  session: RoutingSession,
  writes: readonly PlannedWrite[],
): RoutingSession {
  const subscriptions: Record<string, Subscriptions> = { ...session.subscriptions };
  for (const w of writes) subscriptions[w.receiverId] = w.after;
  return { ...session, subscriptions };
}
