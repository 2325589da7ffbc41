import type { Participant, Subscriptions } from './bandwidth-api';
import type { Role } from './routing/model';

/** What the console shows of a watched session; built in main from the watcher's snapshot. */
export type SessionState = 'starting' | 'live' | 'unreachable' | 'ended';

/** Where an observed change came from: this console's own write, or someone else. */
export type ChangeOrigin = 'console' | 'external';

export interface ObservedChange {
  participantId: string;
  kind: 'joined' | 'left' | 'subscriptions';
  origin: ChangeOrigin;
  before?: Subscriptions | undefined;
  after?: Subscriptions | undefined;
}

export interface ParticipantView extends Participant {
  /** Assigned in this console (remembered per profile); null until someone assigns one. */
  role: Role | null;
}

export interface SessionView {
  id: string;
  /** The session's tag when it has one, otherwise the label given when it was watched. */
  label: string;
  tag?: string | undefined;
  addedAt: string;
  state: SessionState;
  participants: ParticipantView[];
  /** Epoch ms of the last successful observation. */
  observedAt: number | null;
  /** Why it is unreachable or ended, in plain words. */
  error?: string | undefined;
}

export interface SessionUpdateEvent {
  profileId: string;
  session: SessionView;
  changes: ObservedChange[];
}
