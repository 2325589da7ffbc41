import type { Participant, Subscriptions } from '../bandwidth-api';
import type { RoleSource } from '../roles';
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
  /**
   * Assigned in this console (remembered per profile), else given by the call directory, else
   * suggested by the tag, else null.
   */
  role: Role | null;
  /** Where the role comes from; `assigned` and `directory` both count as assigned. */
  roleSource: RoleSource;
  /**
   * The person's name from the call directory (kept on this machine, never written to Bandwidth).
   * Text from a backend: shown through the safe-text path, never as markup.
   */
  displayName?: string | undefined;
  /** The role the call directory gives, kept so that clearing a console role falls back to it. */
  directoryRole?: Role | undefined;
}

export interface SessionView {
  id: string;
  /**
   * The call directory's label for the call when it has one; else the label given when it was
   * watched, by default the session's tag; else its id.
   */
  label: string;
  /** The call's queue, from the call directory. */
  queue?: string | undefined;
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
