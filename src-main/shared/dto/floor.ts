/**
 * The floor: every live call of the active profile at a glance, built in main from the profile's
 * call directory (which calls, labels, queues, names) and the session watchers (who is supervising
 * and how). What the renderer draws on its first screen. Runs anywhere: imports nothing outside
 * shared/.
 */
import type { HealthSeverity } from '../routing/health';
import type { SupervisionMode } from '../routing/supervision';
import type { DirectoryParticipant, DirectoryStatus } from './directory';
import type { SessionState } from './session-view';

/**
 * An open alert on a call, as the floor shows it: the health rules' alerts (the alerts service,
 * `AlertView`) of the call, most severe first. A call with alerts is read more often.
 */
export interface CallAlert {
  /** Stable while the condition lasts (the rule and who it is about). */
  id: string;
  severity: HealthSeverity;
  /** The health rule (`shared/routing/health.ts`) and whom it is about. */
  ruleId: string;
  participantId: string;
  otherId?: string | undefined;
  /** Plain words, naming people as the floor does. */
  text: string;
}

/** A supervisor on a call and how they supervise now. */
export interface FloorSupervisor {
  participantId: string;
  /** The directory's display name, else the console's label ("Supervisor 9c1d"). */
  name: string;
  mode: SupervisionMode;
}

/**
 * How often the floor has a call read (see `floorBudget`): the open call fast; a call with alerts,
 * or one the supervisor watches (the Sessions screen's register), at the slow interval; any other
 * at the floor's.
 */
export type FloorCadence = 'open' | 'alert' | 'watched' | 'floor';

export interface FloorCall {
  sessionId: string;
  label: string;
  queue: string;
  /** ISO 8601, from the directory: the duration ticks from here. */
  startedAt: string;
  /** Everyone the directory lists, with names and roles. */
  people: DirectoryParticipant[];
  /** What the watcher saw: `starting` until the first read. */
  state: SessionState;
  supervisors: FloorSupervisor[];
  alerts: CallAlert[];
  cadence: FloorCadence;
}

export interface EndedCall {
  sessionId: string;
  label: string;
  queue: string;
  startedAt: string;
  people: DirectoryParticipant[];
  /** Epoch ms when the floor saw it end. */
  endedAt: number;
}

/** Poll intervals per cadence and what they cost at the floor's current size. */
export interface FloorBudget {
  openMs: number;
  alertMs: number;
  floorMs: number;
  /** Session reads per second to Bandwidth at the current counts (one list request each). */
  requestsPerSecond: number;
}

export type FloorSource =
  | { kind: 'directory'; status: DirectoryStatus }
  /** The profile has no call directory: calls are watched by id or found by a participant. */
  | { kind: 'none'; profileName: string };

export interface FloorState {
  profileId: string;
  source: FloorSource;
  /** Live calls, in the directory's order (the view sorts). */
  calls: FloorCall[];
  /** Calls that left the floor, newest first, kept for `recentlyEndedMs`. */
  recentlyEnded: EndedCall[];
  recentlyEndedMs: number;
  budget: FloorBudget;
}
