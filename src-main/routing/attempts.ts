/**
 * The applier's edges around one attempt: the fresh read (one list request), the rebase that turns
 * an invalid intent into a value, and the audit record that must be flushed before an attempt is
 * reported.
 */
import type { AuditOutcome, AuditReceiverChange, JsonValue } from '../audit';
import { isBandwidthApiError } from '../bandwidth';
import type {
  GuardrailContext,
  Intent,
  RebasedChange,
  Role,
  RoutingSession,
} from '../shared/routing';
import { IntentError, rebase, sessionFromApi } from '../shared/routing';
import { messageOf } from './plan-state';
import type {
  ApplyFailure,
  AuditFailure,
  AuditLike,
  NothingWrittenFailure,
  ReadFailure,
  RoutingApplierOptions,
  RoutingClient,
} from './types';

/** What one attempt is, for the audit log. */
export interface Attempt {
  readonly sessionId: string;
  readonly intent: JsonValue;
  readonly reason?: string | undefined;
}

export type Read = { readonly ok: true; readonly session: RoutingSession } | ReadFailure;

/** One list request → the session as the routing model sees it. */
export async function readSession(
  client: RoutingClient,
  roles: (sessionId: string) => Readonly<Record<string, Role>>,
  sessionId: string,
  suggestRoles?: RoutingApplierOptions['suggestRoles'],
): Promise<Read> {
  try {
    const participants = await client.listSessionParticipants({ sessionId });
    const suggested = suggestRoles?.(participants) ?? {};
    const session = sessionFromApi(sessionId, participants, roles(sessionId), suggested);
    return { ok: true, session };
  } catch (error) {
    const ended = isBandwidthApiError(error) && error.ended;
    const message = ended
      ? `Session ${sessionId} no longer exists (it ended or was deleted); nothing was changed.`
      : `Could not read the session's current routing, so nothing was changed: ${messageOf(error)}`;
    return { ok: false, code: 'read-failed', message, rolledBack: false, ended };
  }
}

/** `rebase`, with an intent that no longer fits the session as a value instead of a throw. */
export function rebaseOrFail(
  intent: Intent,
  fresh: RoutingSession,
  allowances: Partial<GuardrailContext> | undefined,
): RebasedChange | NothingWrittenFailure {
  try {
    return rebase(intent, fresh, allowances);
  } catch (error) {
    if (!(error instanceof IntentError)) throw error;
    return {
      ok: false,
      code: 'invalid-intent',
      message: error.message,
      rolledBack: false,
      intentError: error.code,
    };
  }
}

export type AuditProblem = Omit<AuditFailure, 'changed' | 'rolledBack'>;

export class AttemptLog {
  constructor(
    private readonly audit: AuditLike,
    private readonly profileId: string,
    private readonly accountId: string,
  ) {}

  /** Appends one entry and waits for the flush: its seq, or what went wrong. */
  async record(
    attempt: Attempt,
    outcome: AuditOutcome,
    receivers: AuditReceiverChange[],
    error?: string,
  ): Promise<number | AuditProblem> {
    try {
      const entry = await this.audit.append({
        profileId: this.profileId,
        accountId: this.accountId,
        sessionId: attempt.sessionId,
        intent: attempt.intent,
        receivers,
        outcome,
        // The log redacts secrets and then cuts over-long texts to its limits itself.
        ...(error === undefined ? {} : { error }),
        ...(attempt.reason === undefined ? {} : { reason: attempt.reason }),
      });
      return entry.seq;
    } catch (failure) {
      const also = error === undefined ? '' : ` ${error}`;
      const message = `The audit log could not record this change (${messageOf(failure)}).${also}`;
      return { ok: false, code: 'audit-failed', message };
    }
  }

  /** Audits a refusal (nothing was written) and returns it. */
  async refuse<F extends ApplyFailure>(attempt: Attempt, failure: F): Promise<F | AuditFailure> {
    const audited = await this.record(attempt, 'refused', [], failure.message);
    return typeof audited === 'number'
      ? failure
      : { ...audited, rolledBack: false, changed: false };
  }
}
