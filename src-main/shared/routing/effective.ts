/**
 * Effective delivery: what each receiver actually gets from each publisher, given the current
 * members. A participant never receives itself; entries naming non-members deliver nothing.
 */
import type { PublishPermission, Subscriptions } from '../bandwidth-api';
import type { RoutingSession, StreamSelection } from './model';
import { findParticipant, normalizeSubscriptions, sameStreams, subscriptionsOf } from './model';

/** One publisher a receiver gets. */
export interface Delivery {
  readonly publisherId: string;
  readonly streams: StreamSelection;
  /** True when this comes from a session-level subscription. */
  readonly viaSession: boolean;
  /**
   * Media kinds that can flow: the publisher's `publishPermissions`. With aliases this is an upper
   * bound — the API never says which kind a named stream carries.
   */
  readonly mediaKinds: readonly PublishPermission[];
}

export interface ReceiverRouting {
  readonly receiverId: string;
  /** Session level: also gets every participant who joins later. */
  readonly sessionLevel: boolean;
  /** In the session's participant order. */
  readonly hears: readonly Delivery[];
}

export interface EffectiveRouting {
  readonly sessionId: string;
  /** One entry per member. */
  readonly receivers: Readonly<Record<string, ReceiverRouting>>;
}

/** One receiver of a given publisher (the reverse view). */
export interface Listener {
  readonly receiverId: string;
  readonly streams: StreamSelection;
  readonly viaSession: boolean;
  readonly mediaKinds: readonly PublishPermission[];
}

/** A receiver's delivery as a comparable value: the session-level flag and publisher → streams. */
export interface DeliveryMap {
  readonly sessionLevel: boolean;
  readonly cells: ReadonlyMap<string, StreamSelection>;
}

/**
 * What `subscriptions` would deliver to `receiverId` among the session's members (minus `excluded`,
 * e.g. participants about to leave). Cells come out in the session's participant order.
 */
export function deliveryOf(
  session: RoutingSession,
  receiverId: string,
  subscriptions: Subscriptions | undefined,
  excluded: ReadonlySet<string> = new Set(),
): DeliveryMap {
  const normalized = normalizeSubscriptions(subscriptions, session.sessionId);
  const cells = new Map<string, StreamSelection>();
  for (const p of session.participants) {
    if (p.id === receiverId || excluded.has(p.id)) continue;
    if (normalized.level === 'session') cells.set(p.id, 'all');
    if (normalized.level === 'participants') {
      const streams = normalized.entries.get(p.id);
      if (streams !== undefined) cells.set(p.id, streams);
    }
  }
  return { sessionLevel: normalized.level === 'session', cells };
}

/** Equal effective subscriptions: same session-level flag, same publishers, same streams. */
export function sameDelivery(a: DeliveryMap, b: DeliveryMap): boolean {
  if (a.sessionLevel !== b.sessionLevel || a.cells.size !== b.cells.size) return false;
  for (const [publisherId, streams] of a.cells) {
    if (!sameStreams(streams, b.cells.get(publisherId) ?? null)) return false;
  }
  return true;
}

/** The current delivery of one receiver. */
export function currentDelivery(session: RoutingSession, receiverId: string): DeliveryMap {
  return deliveryOf(session, receiverId, subscriptionsOf(session, receiverId));
}

function kindsOf(session: RoutingSession, publisherId: string): readonly PublishPermission[] {
  return findParticipant(session, publisherId)?.publishPermissions ?? [];
}

export function effective(session: RoutingSession): EffectiveRouting {
  const receivers: Record<string, ReceiverRouting> = {};
  for (const receiver of session.participants) {
    const delivery = currentDelivery(session, receiver.id);
    receivers[receiver.id] = {
      receiverId: receiver.id,
      sessionLevel: delivery.sessionLevel,
      hears: [...delivery.cells].map(([publisherId, streams]) => ({
        publisherId,
        streams,
        viaSession: delivery.sessionLevel,
        mediaKinds: kindsOf(session, publisherId),
      })),
    };
  }
  return { sessionId: session.sessionId, receivers };
}

/** Every member that gets `publisherId`, in the session's participant order. */
export function whoHears(session: RoutingSession, publisherId: string): readonly Listener[] {
  const mediaKinds = kindsOf(session, publisherId);
  const listeners: Listener[] = [];
  for (const receiver of session.participants) {
    const delivery = currentDelivery(session, receiver.id);
    const streams = delivery.cells.get(publisherId);
    if (streams === undefined) continue;
    listeners.push({
      receiverId: receiver.id,
      streams,
      viaSession: delivery.sessionLevel,
      mediaKinds,
    });
  }
  return listeners;
}
