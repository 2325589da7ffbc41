import type { Participant, Subscriptions } from '../bandwidth-api';
import type { Role } from '../routing/model';

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
  /** Assigned in this console (remembered per profile), else suggested by the tag, else null. */
  role: Role | null;
  /** Where the role comes from: chosen in this console, or only suggested by the tag. */
  roleSource: 'assigned' | 'suggested' | null;
}

export interface SessionView {
  id: string;
  /** The label given when it was watched, by default the session's tag; else its id. */
  label: string;
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
