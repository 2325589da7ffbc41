/**
 * What a routing change answers over the bridge: previews, applied changes and every way one can
 * fail, and the undo/redo state. Every outcome is a value, never a throw: `{ok: true, …}` or a
 * failure whose `code` says exactly what happened and whether anything on the server changed.
 */
import type { OperationId } from '../bandwidth-api';
import type {
  GuardrailViolation,
  IntentErrorCode,
  Plan,
  PlanPreview,
  UndoConflict,
} from '../routing';

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
export type ApplyResult = ApplySuccess | ApplyFailure;
export type PreviewResult = PreviewSuccess | NothingWrittenFailure | ReadFailure;

export interface HistoryState {
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** What undo would take back, e.g. "Supervisor 21bc whispers to the agents". */
  readonly undoLabel?: string;
  readonly redoLabel?: string;
}
