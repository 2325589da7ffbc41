/**
 * Internal working copy of a session's who-hears-whom matrix, used while an intent is turned into
 * target subscriptions. Rows stay session level until a cell edit needs an explicit list; `finish()`
 * applies the session-level rules and returns API-shaped subscriptions.
 */
import type { Subscriptions } from '../bandwidth-api';
import type { RoutingSession, StreamSelection } from './model';
import { normalizeSubscriptions, subscriptionsOf } from './model';
import { currentDelivery, deliveryOf, sameDelivery } from './effective';

type Row = { kind: 'session' } | { kind: 'list'; cells: Map<string, StreamSelection> };

export class Wiring {
  private readonly rows = new Map<string, Row>();
  private readonly leaving = new Set<string>();

  constructor(private readonly session: RoutingSession) {
    const ids = new Set(session.participants.map((p) => p.id));
    for (const p of session.participants) {
      const normalized = normalizeSubscriptions(subscriptionsOf(session, p.id), session.sessionId);
      if (normalized.level === 'session') {
        this.rows.set(p.id, { kind: 'session' });
        continue;
      }
      const cells = new Map<string, StreamSelection>();
      if (normalized.level === 'participants') {
        for (const [publisherId, streams] of normalized.entries) {
          if (publisherId !== p.id && ids.has(publisherId)) cells.set(publisherId, streams);
        }
      }
      this.rows.set(p.id, { kind: 'list', cells });
    }
  }

  /** Members that stay in the session, in display order. */
  members(): string[] {
    return this.session.participants.map((p) => p.id).filter((id) => !this.leaving.has(id));
  }

  membersWithRole(predicate: (role: string) => boolean): string[] {
    return this.session.participants
      .filter((p) => !this.leaving.has(p.id) && predicate(p.role))
      .map((p) => p.id);
  }

  markLeaving(participantId: string): void {
    this.leaving.add(participantId);
  }

  get(receiverId: string, publisherId: string): StreamSelection | null {
    if (receiverId === publisherId || this.leaving.has(publisherId)) return null;
    const row = this.rows.get(receiverId);
    if (row === undefined) return null;
    if (row.kind === 'session') return this.rows.has(publisherId) ? 'all' : null;
    return row.cells.get(publisherId) ?? null;
  }

  /** Receiver gets the publisher's `streams`; a no-op on a session-level row when `'all'`. */
  set(receiverId: string, publisherId: string, streams: StreamSelection): void {
    if (receiverId === publisherId) return;
    const row = this.rows.get(receiverId);
    if (row === undefined || (row.kind === 'session' && streams === 'all')) return;
    this.explicit(receiverId).set(publisherId, streams);
  }

  /** Receiver gets the publisher with all streams, unless it already gets some of them. */
  ensure(receiverId: string, publisherId: string): void {
    if (this.get(receiverId, publisherId) === null) this.set(receiverId, publisherId, 'all');
  }

  remove(receiverId: string, publisherId: string): void {
    if (this.get(receiverId, publisherId) === null) return;
    this.explicit(receiverId).delete(publisherId);
  }

  /** Removes the publisher from every explicit list; session-level rows are left alone. */
  removeFromLists(publisherId: string): void {
    for (const row of this.rows.values()) if (row.kind === 'list') row.cells.delete(publisherId);
  }

  /** Receiver hears nobody. */
  clear(receiverId: string): void {
    if (this.rows.has(receiverId)) this.rows.set(receiverId, { kind: 'list', cells: new Map() });
  }

  /** Receiver hears exactly `publisherIds`, keeping the streams it already gets from them. */
  setExactly(receiverId: string, publisherIds: readonly string[]): void {
    const kept = publisherIds.map((id) => [id, this.get(receiverId, id) ?? 'all'] as const);
    this.clear(receiverId);
    for (const [id, streams] of kept) this.set(receiverId, id, streams);
  }

  /** Turns a session-level row into the equivalent explicit list and returns its cells. */
  private explicit(receiverId: string): Map<string, StreamSelection> {
    const row = this.rows.get(receiverId);
    if (row?.kind === 'list') return row.cells;
    const cells = new Map<string, StreamSelection>();
    for (const id of this.members()) if (id !== receiverId) cells.set(id, 'all');
    this.rows.set(receiverId, { kind: 'list', cells });
    return cells;
  }

  private hearsEveryoneFully(receiverId: string): boolean {
    return this.members().every((id) => id === receiverId || this.get(receiverId, id) === 'all');
  }

  /**
   * Target subscriptions for every member that stays. In a supervised session (a supervisor among
   * the members that stay) every session-level row becomes the equivalent explicit list. Otherwise a
   * receiver that is session level now and still hears everyone with all streams stays session
   * level (no write, later arrivals still included). A receiver whose effective delivery does not
   * change keeps its current subscriptions object untouched.
   */
  finish(): Record<string, Subscriptions> {
    const supervised = this.membersWithRole((role) => role === 'supervisor').length > 0;
    const result: Record<string, Subscriptions> = {};
    for (const receiverId of this.members()) {
      const wasSession = currentDelivery(this.session, receiverId).sessionLevel;
      if (supervised) this.explicit(receiverId);
      else if (wasSession && this.hearsEveryoneFully(receiverId)) {
        this.rows.set(receiverId, { kind: 'session' });
      }
      const candidate = this.toSubscriptions(receiverId);
      const current = subscriptionsOf(this.session, receiverId);
      const unchanged = sameDelivery(
        deliveryOf(this.session, receiverId, candidate),
        currentDelivery(this.session, receiverId),
      );
      result[receiverId] = unchanged ? current : candidate;
    }
    return result;
  }

  private toSubscriptions(receiverId: string): Subscriptions {
    const row = this.rows.get(receiverId);
    const sessionId = this.session.sessionId;
    if (row === undefined) return {};
    if (row.kind === 'session') return { sessionId };
    const participants = this.session.participants
      .filter((p) => row.cells.has(p.id) && p.id !== receiverId && !this.leaving.has(p.id))
      .map((p) => {
        const streams = row.cells.get(p.id);
        return streams === undefined || streams === 'all'
          ? { participantId: p.id }
          : { participantId: p.id, streamAliases: [...streams] };
      });
    return participants.length === 0 ? {} : { sessionId, participants };
  }
}
