/**
 * How each supervisor in a session is supervising, from who hears whom: barging when a customer
 * hears them, whispering (coaching) when someone else who is not a supervisor does, monitoring when
 * they only listen, idle otherwise. One rule for the matrix's headers and the floor's rows. Pure.
 */
import { effective } from './effective';
import type { Role, RoutingSession } from './model';

export type SupervisionMode = 'monitor' | 'whisper' | 'barge' | 'idle';

export interface Supervision {
  readonly mode: SupervisionMode;
  /** Who hears the supervisor. */
  readonly heardBy: readonly string[];
  /** Whom the supervisor hears. */
  readonly hears: readonly string[];
}

/** `heard(receiver, publisher)`: whether the receiver gets the publisher now. */
export function supervisionOf(
  routing: RoutingSession,
  supervisorId: string,
  heard: (receiverId: string, publisherId: string) => boolean,
): Supervision {
  const others = routing.participants.filter((p) => p.id !== supervisorId);
  const heardBy = others.filter((p) => heard(p.id, supervisorId)).map((p) => p.id);
  const hears = others.filter((p) => heard(supervisorId, p.id)).map((p) => p.id);
  const roleOf = (id: string): Role | undefined =>
    routing.participants.find((p) => p.id === id)?.role;
  let mode: SupervisionMode = 'idle';
  if (heardBy.some((id) => roleOf(id) === 'customer')) mode = 'barge';
  else if (heardBy.some((id) => roleOf(id) !== 'supervisor')) mode = 'whisper';
  else if (hears.length > 0) mode = 'monitor';
  return { mode, heardBy, hears };
}

/** Every supervisor of the session with how they supervise, in the session's order. */
export function supervisorsOf(
  routing: RoutingSession,
): readonly { readonly id: string; readonly supervision: Supervision }[] {
  const receivers = effective(routing).receivers;
  const heard = (r: string, p: string): boolean =>
    receivers[r]?.hears.some((d) => d.publisherId === p) ?? false;
  return routing.participants
    .filter((p) => p.role === 'supervisor')
    .map((p) => ({ id: p.id, supervision: supervisionOf(routing, p.id, heard) }));
}
