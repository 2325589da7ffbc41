/** Audit entries as they cross the bridge: what the log stores and the outcomes it records. */
import type { Subscriptions } from '../bandwidth-api';

/**
 * `observed`: a change made outside Patchbay, seen by a watcher; `undone` / `accepted`: what the
 * supervisor decided about it. The others are the outcomes of this console's own changes.
 */
export const AUDIT_OUTCOMES = [
  'applied',
  'failed',
  'rolled-back',
  'refused',
  'observed',
  'undone',
  'accepted',
] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * What kind of change an entry records, for the audit's action filter: the intent's type, or what
 * wraps one (an undo, a redo, a timed route's end), a change seen outside Patchbay, or the
 * supervisor's own participant leaving ("me").
 */
export const AUDIT_ACTIONS = [
  'monitor',
  'whisper',
  'barge',
  'endSupervision',
  'mute',
  'unmute',
  'hold',
  'isolate',
  'subscribe',
  'unsubscribe',
  'setStreams',
  'setCells',
  'fullyWire',
  'restoreCall',
  'move',
  'undo',
  'redo',
  'revert',
  'outside-change',
  'me-leave',
  'other',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface AuditReceiverChange {
  receiverId: string;
  /** The receiver's subscriptions before the change; null when unknown (for example refused early). */
  before: Subscriptions | null;
  /** After the change (or after the rollback); null when unknown. */
  after: Subscriptions | null;
}

export interface AuditEntryInput {
  profileId: string;
  accountId: string;
  sessionId: string;
  /** The routing intent as the renderer sent it (plain JSON). */
  intent: JsonValue;
  receivers: AuditReceiverChange[];
  outcome: AuditOutcome;
  error?: string;
  /** The supervisor's optional reason. */
  reason?: string;
  /**
   * The call directory's names of the session's people as they were when the change was made
   * (participant id → name as labelled then); absent when the directory named nobody.
   */
  names?: Record<string, string>;
  /**
   * The call's label when the change was made (the call directory's name for the call, else the
   * label it was watched under); absent when it had none.
   */
  call?: string;
  /** The supervisor identity the profile carried when the change was made (its "me" name). */
  supervisor?: string;
}

/** Where the log replaced credential-like text with `[redacted]`, and by which rule. */
export interface AuditRedaction {
  /** A dotted path into the entry, e.g. `reason` or `receivers.0.before.participants.1.streamAliases.0`. */
  field: string;
  rule: string;
}

export interface AuditEntry extends AuditEntryInput {
  seq: number;
  /** ISO 8601, UTC. */
  time: string;
  osUser: string;
  prevHash: string;
  hash: string;
  /** Present when something was redacted before the entry was written. */
  redacted?: AuditRedaction[];
}
