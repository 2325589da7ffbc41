/** Call-health alerts and the activity feed as they cross the bridge (kept by main, persisted). */
import type { HealthSeverity } from '../routing/health';

export type { HealthSeverity } from '../routing/health';

/** One open alert about one watched call; it stays until resolved or acknowledged. */
export interface AlertView {
  /** Stable for the same rule, call and participants: `rule:session:participant[:other]`. */
  id: string;
  profileId: string;
  sessionId: string;
  /** The call's label when the alert was raised. */
  sessionLabel: string;
  /** The health rule (`shared/routing/health.ts`), e.g. `customer-hears-supervisor`. */
  ruleId: string;
  severity: HealthSeverity;
  /** `state`: resolves itself when the call is healthy again; `event`: stays until acknowledged. */
  kind: 'state' | 'event';
  participantId: string;
  otherId?: string | undefined;
  /** One plain sentence, with the names as they were when it was raised. */
  message: string;
  /** ISO 8601, UTC. */
  raisedAt: string;
}

/** Someone joined or left a watched call. */
export interface ActivityEntry {
  id: string;
  profileId: string;
  sessionId: string;
  sessionLabel: string;
  participantId: string;
  /** "Agent 51db", as named when it happened. */
  participantLabel: string;
  kind: 'joined' | 'left';
  /** `console`: this console added or removed them; `external`: someone else did. */
  origin: 'console' | 'external';
  /** ISO 8601, UTC. */
  at: string;
}

export interface AlertsState {
  /** Open alerts, most severe first, then oldest first. */
  alerts: AlertView[];
  /** Joins and leaves, newest first (bounded). */
  activity: ActivityEntry[];
}

/** `alerts:changed`: the whole state, and the alerts this observation raised (to notify). */
export interface AlertsEvent extends AlertsState {
  raised: AlertView[];
}

/** The supervisor's decision about an outside change of what someone hears. */
export const OUTSIDE_CHANGE_DECISIONS = ['undone', 'accepted'] as const;
export type OutsideChangeDecision = (typeof OUTSIDE_CHANGE_DECISIONS)[number];
