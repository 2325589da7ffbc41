/**
 * The applier's public types: what it needs (client, audit log, live watcher, roles) and what it
 * answers. Every outcome is a value, never a throw: `{ok: true, …}` or a failure whose `code` says
 * exactly what happened and whether anything on the server changed.
 */
import type { AuditEntry, AuditEntryInput } from '../audit';
import type { BandwidthClient } from '../bandwidth';
import type { OperationId, Participant, Subscriptions } from '../shared/bandwidth-api';
import type {
  GuardrailContext,
  GuardrailViolation,
  IntentErrorCode,
  Plan,
  PlanPreview,
  Intent,
  Role,
  UndoConflict,
} from '../shared/routing';

/** The part of LiveSync the applier uses (so the watcher labels our writes as ours, not drift). */
export interface LiveLike {
  expectSubscriptions(sessionId: string, participantId: string, subscriptions: Subscriptions): void;
  expectMembership(sessionId: string, participantId: string, kind: 'joined' | 'left'): void;
  /**
   * The write announced by `expect…` was answered (done or failed): a poll sent after this that
   * does not show it means someone overwrote it, and the expectation must not linger.
   */
  settled?(
    sessionId: string,
    participantId: string,
    change: Subscriptions | 'joined' | 'left',
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
   * Called with the plan after every check passed and before the first write. If it rejects,
   * nothing is written and `apply` answers `prepare-failed`. (Timed routes persist their revert here.)
   */
  beforeWrite?: (plan: Plan, change: { label: string; routeId: string }) => Promise<void>;
}

/** Why one step of a plan failed, in words a supervisor can act on. */
export interface FailedStep {
  /** 1-based position in the order the steps were issued (writes in safe order, then moves). */
  readonly step: number;
  readonly of: number;
  readonly operation: OperationId;
  readonly receiverId: string;
  /** "Customer 7f3a". */
  readonly receiverLabel: string;
  readonly status?: number;
  /** The API's own words, when it gave any. */
  readonly apiMessage?: string;
  readonly requestId?: string;
  /** One sentence: what was being done and why it failed. */
  readonly message: string;
}

/** A receiver the rollback could not restore (its state is now unknown or half-changed). */
export interface UnrestoredReceiver {
  readonly receiverId: string;
  readonly receiverLabel: string;
  readonly message: string;
}

export interface PreviewSuccess {
  readonly ok: true;
  readonly plan: Plan;
  readonly preview: PlanPreview;
  /** Only the violations this change would introduce (the ones needing confirmation). */
  readonly violations: readonly GuardrailViolation[];
  /** Calls `apply` would make now: its one list read, one PUT per changed receiver, 2 per move. */
  readonly apiCalls: number;
  /** `describeIntent`, e.g. "Supervisor 21bc whispers to the agents". */
  readonly label: string;
}

export interface ApplySuccess {
  readonly ok: true;
  /** The plan that was applied (empty `writes` when nothing needed to change). */
  readonly plan: Plan;
  readonly preview: PlanPreview;
  readonly label: string;
  /** The audit entry's sequence number. */
  readonly entrySeq: number;
  readonly appliedAt: string;
  /** Identifies this change across its undo and redo (timed routes use it). */
  readonly routeId: string;
}

/** Nothing was written: the intent does not fit the session (or, for undo, there is none). */
export interface NothingWrittenFailure {
  readonly ok: false;
  readonly code:
    | 'invalid-intent'
    | 'invalid-duration'
    | 'nothing-to-undo'
    | 'nothing-to-redo'
    | 'prepare-failed';
  readonly message: string;
  readonly rolledBack: false;
  readonly intentError?: IntentErrorCode;
}

/** Nothing was written: the fresh read failed (`ended` when the session no longer exists). */
export interface ReadFailure {
  readonly ok: false;
  readonly code: 'read-failed';
  readonly message: string;
  readonly rolledBack: false;
  readonly ended: boolean;
}

/** Nothing was written: the change would break guardrails and was not confirmed. */
export interface GuardrailFailure {
  readonly ok: false;
  readonly code: 'guardrail';
  readonly message: string;
  readonly rolledBack: false;
  readonly violations: readonly GuardrailViolation[];
  readonly plan: Plan;
  readonly preview: PlanPreview;
}

/** Nothing was written: undo/redo would overwrite a change someone made since. */
export interface UndoConflictFailure {
  readonly ok: false;
  readonly code: 'undo-conflict';
  readonly message: string;
  readonly rolledBack: false;
  readonly conflicts: readonly UndoConflict[];
}

/**
 * A step failed after writes had begun. `rolledBack: true`: every receiver that may have changed
 * was restored (the session is as it was). `rolledBack: false`: `unrestored` lists the receivers
 * the rollback could not restore.
 */
export interface WriteFailure {
  readonly ok: false;
  readonly code: 'write-failed';
  readonly message: string;
  readonly failedStep: FailedStep;
  readonly rolledBack: boolean;
  readonly unrestored: readonly UnrestoredReceiver[];
  readonly plan: Plan;
}

/**
 * The audit entry could not be written. An applied change is then taken back (`rolledBack: true`,
 * `changed: false`); `changed: true` only when that failed too, with `unrestored` naming who.
 */
export interface AuditFailure {
  readonly ok: false;
  readonly code: 'audit-failed';
  readonly message: string;
  readonly rolledBack: boolean;
  readonly changed: boolean;
  readonly unrestored?: readonly UnrestoredReceiver[];
}

export type ApplyFailure =
  | NothingWrittenFailure
  | ReadFailure
  | GuardrailFailure
  | UndoConflictFailure
  | WriteFailure
  | AuditFailure;
export type ApplyFailureCode = ApplyFailure['code'];
export type ApplyResult = ApplySuccess | ApplyFailure;
export type PreviewResult = PreviewSuccess | NothingWrittenFailure | ReadFailure;

export interface HistoryState {
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** What undo would take back, e.g. "Supervisor 21bc whispers to the agents". */
  readonly undoLabel?: string;
  readonly redoLabel?: string;
}

/** How a plan was reverted by `revertPlan` (timed routes). */
export type RevertResult =
  (ApplySuccess & { readonly how: 'undone' | 'already-reverted' }) | ApplyFailure;

// Timed routes (timers.ts)

export type TimedDuration = { readonly durationMs: number } | { readonly untilStopped: true };

/** What the renderer shows for a countdown. */
export interface TimedRouteView {
  readonly id: string;
  readonly sessionId: string;
  readonly intent: Intent;
  readonly label: string;
  readonly startedAt: number;
  /** Epoch ms; null: until stopped. */
  readonly endsAt: number | null;
}

export type RevertHow = 'undone' | 'already-reverted' | 'ended-supervision' | 'session-ended';

export type TimerOutcome =
  | { readonly ok: true; readonly how: RevertHow; readonly entrySeq?: number }
  | {
      readonly ok: false;
      readonly code: 'unknown-timer' | ApplyFailure['code'];
      readonly message: string;
      /** The revert stays pending and is tried again after `retryDelayMs`. */
      readonly willRetry: boolean;
    };

export type TimedRouteEvent =
  | { readonly type: 'added'; readonly route: TimedRouteView }
  | {
      readonly type: 'reverted';
      readonly route: TimedRouteView;
      readonly how: RevertHow;
      readonly entrySeq?: number;
    }
  | {
      readonly type: 'failed';
      readonly route: TimedRouteView;
      readonly message: string;
      readonly willRetry: boolean;
    };

export type TimedApplyResult = (ApplySuccess & { readonly timer: TimedRouteView }) | ApplyFailure;

/** What `routing:apply` answers: the result and the session's undo/redo state after it. */
export type AppliedChange = (ApplyResult | TimedApplyResult) & { readonly history: HistoryState };
