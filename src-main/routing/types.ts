/**
 * The applier's own types: what it needs (client, audit log, live watcher, roles) and the options
 * it takes. What it answers crosses the bridge, so it lives in `shared/dto/` (re-exported here).
 */
import type { AuditEntry, AuditEntryInput } from '../audit';
import type { BandwidthClient } from '../bandwidth';
import type { Participant, Subscriptions } from '../shared/bandwidth-api';
import type { ApplyFailure, ApplySuccess } from '../shared/dto/routing';
import type { GuardrailContext, Plan, Role } from '../shared/routing';

export type {
  ApplyFailure,
  ApplyResult,
  ApplySuccess,
  AuditFailure,
  FailedStep,
  HistoryState,
  NothingWrittenFailure,
  PreviewResult,
  ReadFailure,
  UnrestoredReceiver,
} from '../shared/dto/routing';
export type {
  RevertHow,
  AppliedChange,
  TimedApplyResult,
  TimedRouteEvent,
  TimedRouteView,
  TimerOutcome,
} from '../shared/dto/timers';

/** The part of LiveSync the applier uses (so the watcher labels our writes as ours, not drift). */
export interface LiveLike {
  expectSubscriptions(sessionId: string, participantId: string, subscriptions: Subscriptions): void;
  expectMembership(sessionId: string, participantId: string, kind: 'joined' | 'left'): void;
  /**
   * The write announced by `expect…` was answered (done or failed): a poll sent after this that
   * does not show it means someone overwrote it, and the expectation must not linger.
   * `mayHaveApplied` is false only when the API refused it outright (it changed nothing).
   */
  settled?(
    sessionId: string,
    participantId: string,
    change: Subscriptions | 'joined' | 'left',
    mayHaveApplied?: boolean,
  ): void;
  /** A fresh poll after a change (the watcher's request, not the applier's). May reject. */
  refresh?(sessionId: string): Promise<unknown>;
}

/** The part of AuditLog the applier uses. */
export interface AuditLike {
  append(input: AuditEntryInput): Promise<AuditEntry>;
}

export type RoutingClient = Pick<
  BandwidthClient,
  | 'listSessionParticipants'
  | 'updateParticipantSubscriptions'
  | 'removeParticipantFromSession'
  | 'addParticipantToSession'
>;

export interface RoutingApplierOptions {
  client: RoutingClient;
  audit: AuditLike;
  live?: LiveLike;
  profileId: string;
  accountId: string;
  /** The roles the console assigned in this session (unmapped participants are `other`). */
  roles: (sessionId: string) => Readonly<Record<string, Role>>;
  /**
   * The roles the participants' tags suggest, used for those nobody assigned one (marked
   * `roleSuggested`: such a role never relaxes a guardrail, and presets relying on it ask first).
   * None when missing.
   */
  suggestRoles?: (participants: readonly Participant[]) => Readonly<Record<string, Role>>;
  /**
   * The call directory's display names in this session, by participant id: labels, previews and
   * the audit use them (the audit keeps each entry's names as they were). None when missing.
   */
  names?: (sessionId: string) => Readonly<Record<string, string>>;
  /** Concurrent PUTs within one rank group. Default 20 (the most receivers a session has). */
  concurrency?: number;
  /** Undo entries kept per session. Default 50. */
  historyDepth?: number;
  now?: () => Date;
}

export interface ApplyOptions {
  /** The user saw the new guardrail violations and confirmed them. */
  confirmedViolations?: boolean;
  /** The supervisor's reason, for the audit log. */
  reason?: string;
  /** Extra guardrail allowances the user granted (e.g. a confirmed barge). */
  allowances?: Partial<GuardrailContext>;
  /**
   * The change will be reverted unattended (a timed route): the revert's risks are asked about now,
   * with the change's own.
   */
  revertsLater?: boolean;
  /**
   * Called with the plan after every check passed and before the first write. If it rejects,
   * nothing is written and `apply` answers `prepare-failed`. (Timed routes persist their revert here.)
   */
  beforeWrite?: (plan: Plan, change: { label: string; routeId: string }) => Promise<void>;
}

/** How a plan was reverted by `revertPlan` (timed routes). */
export type RevertResult =
  (ApplySuccess & { readonly how: 'undone' | 'already-reverted' }) | ApplyFailure;

// Timed routes (timers.ts)

export type TimedDuration = { readonly durationMs: number } | { readonly untilStopped: true };
