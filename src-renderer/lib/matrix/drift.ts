/**
 * Drift: cells changed outside this console (another tool, the contact-center backend). Computed
 * from the watcher's observed changes; each drifted cell remembers what this console last saw, so
 * the supervisor can keep that version or take the server's. Pure.
 */
import type { Subscriptions } from '$shared/bandwidth-api';
import type { Intent, RoutingSession, StreamSelection } from '$shared/routing';
import { deliveryOf, sameStreams } from '$shared/routing';
import type { ObservedChange } from '$shared/dto/session-view';
import { cellIntent } from './changes';
import { cellKey } from './grid';

export interface DriftCell {
  readonly receiverId: string;
  readonly publisherId: string;
  readonly console: StreamSelection | null;
  readonly server: StreamSelection | null;
}

export type DriftMap = ReadonlyMap<string, DriftCell>;

function cellsOf(
  session: RoutingSession,
  receiverId: string,
  subscriptions: Subscriptions | undefined,
): ReadonlyMap<string, StreamSelection> {
  return deliveryOf(session, receiverId, subscriptions).cells;
}

/**
 * The drift after one observation: external subscription changes add or update drifted cells (a
 * cell that went back to what the console had is no longer drifted); this console's own write on a
 * receiver makes its version current again; members that left take their cells with them.
 */
export function observeDrift(
  drift: DriftMap,
  session: RoutingSession,
  changes: readonly ObservedChange[],
): DriftMap {
  const members = new Set(session.participants.map((p) => p.id));
  const next = new Map<string, DriftCell>();
  for (const [key, cell] of drift) {
    if (members.has(cell.receiverId) && members.has(cell.publisherId)) next.set(key, cell);
  }
  for (const change of changes) {
    if (change.kind !== 'subscriptions' || !members.has(change.participantId)) continue;
    const receiverId = change.participantId;
    if (change.origin === 'console') {
      for (const [key, cell] of next) if (cell.receiverId === receiverId) next.delete(key);
      continue;
    }
    const before = cellsOf(session, receiverId, change.before);
    const after = cellsOf(session, receiverId, change.after);
    for (const publisherId of members) {
      if (publisherId === receiverId) continue;
      const key = cellKey(receiverId, publisherId);
      const was = before.get(publisherId) ?? null;
      const now = after.get(publisherId) ?? null;
      const known = next.get(key);
      const consoleValue = known ? known.console : was;
      if (sameStreams(consoleValue, now)) next.delete(key);
      else if (known || !sameStreams(was, now)) {
        next.set(key, { receiverId, publisherId, console: consoleValue, server: now });
      }
    }
  }
  return next;
}

/** The intents that put the console's version of a receiver's drifted cells back. */
export function keepConsoleIntents(drift: DriftMap, receiverId: string): Intent[] {
  return [...drift.values()]
    .filter((c) => c.receiverId === receiverId)
    .map((c) => cellIntent(c.receiverId, c.publisherId, c.console));
}

/** Forgets a receiver's drift (the server's version is taken as it is). */
export function withoutReceiver(drift: DriftMap, receiverId: string): DriftMap {
  return new Map([...drift].filter(([, c]) => c.receiverId !== receiverId));
}

export const NO_DRIFT: DriftMap = new Map();

/** Receivers with drift, in `order`, each with its drifted cells (one pass over the drift). */
export function driftByReceiver(
  drift: DriftMap,
  order: readonly string[],
): { receiverId: string; cells: DriftCell[] }[] {
  const byReceiver = new Map<string, DriftCell[]>();
  for (const cell of drift.values()) {
    const list = byReceiver.get(cell.receiverId) ?? [];
    list.push(cell);
    byReceiver.set(cell.receiverId, list);
  }
  return order
    .filter((id) => byReceiver.has(id))
    .map((receiverId) => ({ receiverId, cells: byReceiver.get(receiverId) ?? [] }));
}

/**
 * A receiver's drift in one short sentence: "now also hears A and B; no longer hears C; gets other
 * streams of D" (the server's version, against what Patchbay had).
 */
export function driftSummary(
  cells: readonly DriftCell[],
  label: (id: string) => string,
  listWords: (words: readonly string[]) => string,
): string {
  const added = cells.filter((c) => c.console === null && c.server !== null);
  const removed = cells.filter((c) => c.console !== null && c.server === null);
  const changed = cells.filter((c) => c.console !== null && c.server !== null);
  const names = (list: readonly DriftCell[]): string =>
    listWords(list.map((c) => label(c.publisherId)));
  const parts: string[] = [];
  if (added.length > 0) parts.push(`now also hears ${names(added)}`);
  if (removed.length > 0) parts.push(`no longer hears ${names(removed)}`);
  if (changed.length > 0) parts.push(`gets other streams of ${names(changed)}`);
  return parts.join('; ');
}
