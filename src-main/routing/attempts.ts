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
import { IntentError, rebase, sessionFromApi, sessionLabels } from '../shared/routing';
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
  /** The session's people's names as labelled when it was read (see `named`). */
  readonly names?: Readonly<Record<string, string>> | undefined;
}

/** The attempt with the labels of the session's named members as they are now, for the audit. */
export function named(attempt: Attempt, session: RoutingSession): Attempt {
  const labels = sessionLabels(session);
  const names: Record<string, string> = {};
  for (const p of session.participants) {
    const label = labels.get(p.id);
    if (p.displayName !== undefined && label) names[p.id] = label;
  }
  return Object.keys(names).length === 0 ? attempt : { ...attempt, names };
}

export type Read = { readonly ok: true; readonly session: RoutingSession } | ReadFailure;

/** One list request → the session as the routing model sees it. */
export async function readSession(
  client: RoutingClient,
  roles: (sessionId: string) => Readonly<Record<string, Role>>,
  sessionId: string,
  suggestRoles?: RoutingApplierOptions['suggestRoles'],
  names?: RoutingApplierOptions['names'],
): Promise<Read> {
  try {
    const participants = await client.listSessionParticipants({ sessionId });
    const suggested = suggestRoles?.(participants) ?? {};
    const named = names?.(sessionId) ?? {};
    const session = sessionFromApi(sessionId, participants, roles(sessionId), suggested, named);
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
        ...(attempt.names === undefined ? {} : { names: { ...attempt.names } }),
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
