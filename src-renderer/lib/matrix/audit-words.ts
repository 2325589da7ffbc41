/**
 * Audit entries in words on screen: the outcome, each receiver's subscriptions before and after,
 * what was redacted (what happened, who and which call: `$shared/audit-words`, which the CSV uses
 * too). Pure.
 */
import { auditLabeller } from '$shared/audit-words';
import type { AuditEntry, AuditOutcome } from '$shared/dto/audit';
import { subscriptionsWords } from './words';

export const OUTCOME_WORDS: Record<AuditOutcome, string> = {
  applied: 'Applied',
  failed: 'Failed (partly changed)',
  'rolled-back': 'Failed, rolled back',
  refused: 'Refused (nothing sent)',
  observed: 'Changed outside Patchbay',
  undone: 'Their change undone',
  accepted: 'Their change accepted',
};

export interface ReceiverLine {
  readonly receiverId: string;
  readonly label: string;
  readonly before: string;
  readonly after: string;
}

/**
 * One line per receiver. A participant the entry names (the call directory's name when the change
 * was made) is called by that name; the others by `labelOfNow` (their label now, on the call page),
 * else by a short id.
 */
export function receiverLines(
  entry: AuditEntry,
  labelOfNow?: (id: string) => string | undefined,
): ReceiverLine[] {
  const labelOf = auditLabeller(entry, labelOfNow);
  return entry.receivers.map((r) => ({
    receiverId: r.receiverId,
    label: labelOf(r.receiverId),
    before: subscriptionsWords(r.before, entry.sessionId, labelOf),
    after: subscriptionsWords(r.after, entry.sessionId, labelOf),
  }));
}

const REDACTED_FIELD_WORDS: Record<string, string> = {
  reason: 'the reason',
  error: 'the error',
  intent: 'the change asked for',
  receivers: "a participant's routing",
  names: "a participant's name",
};

/**
 * "Redacted before it was recorded, as it looked like a credential: the reason (an Authorization
 * header)." — or undefined when the log redacted nothing in this entry.
 */
export function redactionWords(entry: Pick<AuditEntry, 'redacted'>): string | undefined {
  const notes = entry.redacted ?? [];
  if (notes.length === 0) return undefined;
  const parts = new Set(
    notes.map((n) => {
      const top = n.field.split('.')[0] ?? '';
      return `${REDACTED_FIELD_WORDS[top] ?? top} (${n.rule})`;
    }),
  );
  return `Redacted before it was recorded, as it looked like a credential: ${[...parts].join('; ')}.`;
}

/** `2025-11-21T10:31:05.000Z` from a `datetime-local` value, or undefined when empty or invalid. */
export function isoFromLocal(value: string): string | undefined {
  if (value.trim() === '') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** `patchbay-audit-session-2025-11-21T10-31-05.csv` */
export function exportFileName(scope: string, format: 'csv' | 'json', now: Date): string {
  const stamp = now.toISOString().slice(0, 19).replace(/:/g, '-');
  return `patchbay-audit-${scope}-${stamp}.${format}`;
}

/** The current time (a plain helper, so state classes need no Date of their own). */
export function nowDate(): Date {
  return new Date();
}
