/**
 * The on-air words: while my microphone is open, who hears me right now, in names, from the
 * routing state (who subscribes to my microphone), never from what the console meant to do. The
 * customer is named either way: "the customer does not" is said only when every listener's role
 * was assigned and none is a customer; a listener whose role is unknown or only guessed may be the
 * customer, and the words say so. Pure.
 */
import { currentDelivery } from './effective';
import { listWords, participantLabel } from './labels';
import type { Role, RoutingParticipant, RoutingSession, StreamSelection } from './model';

/** The alias the console publishes my microphone under. */
export const MICROPHONE_ALIAS = 'microphone';

/** What my own microphone is doing in this console. */
export interface MicState {
  /** Published to the call (Coach or Barge). */
  readonly published: boolean;
  /** Muted and not held open by push-to-talk. */
  readonly muted: boolean;
}

export type OnAirKind = 'live' | 'muted' | 'off';

export interface OnAir {
  /** live: my voice goes out; muted: published but silent; off: not published (listening only). */
  readonly kind: OnAirKind;
  /** The sentence shown, e.g. "On air — Ana Ruiz (agent) hears you; the customer does not". */
  readonly text: string;
  /** Who hears my microphone now (ids), whatever `kind` says. */
  readonly heardBy: readonly string[];
  /** Whether a participant marked (or guessed) as customer is among them. */
  readonly customerHears: boolean;
}

function carriesMicrophone(streams: StreamSelection): boolean {
  return streams === 'all' || streams.includes(MICROPHONE_ALIAS);
}

/** The members who receive my microphone under the session's current subscriptions. */
export function listenersOf(session: RoutingSession, meId: string): RoutingParticipant[] {
  const me = session.participants.find((p) => p.id === meId);
  if (me === undefined || !me.publishPermissions.includes('AUDIO')) return [];
  return session.participants.filter((p) => {
    if (p.id === meId) return false;
    const streams = currentDelivery(session, p.id).cells.get(meId);
    return streams !== undefined && carriesMicrophone(streams);
  });
}

const ROLE_NOUN: Record<Role, string> = {
  customer: 'customer',
  agent: 'agent',
  supervisor: 'supervisor',
  other: 'participant',
};

/** A label with its role beside a directory name ("Ana Ruiz (agent)"); role labels stay as they are. */
function nameOf(session: RoutingSession, p: RoutingParticipant): string {
  const label = participantLabel(session, p.id);
  if (p.displayName === undefined || p.role === 'other') return label;
  const role = ROLE_NOUN[p.role];
  return `${label} (${p.roleSuggested ? `probably the ${role}` : role})`;
}

/** The words about the customer, given who hears me. */
function customerClause(listeners: readonly RoutingParticipant[]): string {
  const customers = listeners.filter((p) => p.role === 'customer');
  if (customers.length === 1) return 'the customer hears you';
  if (customers.length > 1) return 'customers hear you';
  const unsure = listeners.some((p) => p.role === 'other' || p.roleSuggested === true);
  if (unsure) return 'the customer may be among them (not every role is known)';
  return 'the customer does not';
}

/** My microphone's reach, in words, for the on-air indicator. */
export function onAirWords(session: RoutingSession, meId: string, mic: MicState): OnAir {
  const listeners = listenersOf(session, meId);
  const heardBy = listeners.map((p) => p.id);
  const customerHears = listeners.some((p) => p.role === 'customer');
  const base = { heardBy, customerHears };
  if (!mic.published) {
    return { ...base, kind: 'off', text: 'Listening only — your microphone is off' };
  }
  if (mic.muted) return { ...base, kind: 'muted', text: 'Muted — nobody hears you' };
  if (listeners.length === 0) {
    return { ...base, kind: 'live', text: 'On air — but nobody on the call hears you yet' };
  }
  const others = session.participants.filter((p) => p.id !== meId);
  if (listeners.length === others.length) {
    const customer = customerHears ? ', the customer too' : '';
    return { ...base, kind: 'live', text: `On air — everyone on the call hears you${customer}` };
  }
  const names = listWords(listeners.map((p) => nameOf(session, p)));
  const verb = listeners.length === 1 ? 'hears' : 'hear';
  const clause = customerClause(listeners);
  return { ...base, kind: 'live', text: `On air — ${names} ${verb} you; ${clause}` };
}
