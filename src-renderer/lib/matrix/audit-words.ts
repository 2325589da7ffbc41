/**
 * Audit entries in words: what was asked (the intent, an undo or redo of one, or a timed route
 * ending), and each receiver's subscriptions before and after. Pure.
 */
import { printable } from '$shared/text';
import type { AuditEntry, AuditOutcome } from '$shared/dto/audit';
import type { RoutingSession } from '$shared/routing';
import { asIntent, describeIntent } from '$shared/routing';
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

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** "Supervisor 9c1d whispers to the agents", "Undo: …", "Timed route ended: …". */
export function intentWords(intent: unknown, session: RoutingSession): string {
  const value = record(intent);
  if (!value) return 'Unknown change';
  const kind = value['type'];
  if (kind === 'undo' || kind === 'redo' || kind === 'revert') {
    const inner = intentWords(value['of'], session);
    const prefix = kind === 'undo' ? 'Undo' : kind === 'redo' ? 'Redo' : 'Timed route ended';
    return `${prefix}: ${inner}`;
  }
  if (kind === 'outside-change') return outsideChangeWords(value);
  const parsed = asIntent(intent);
  if (!parsed) return typeof kind === 'string' ? kind : 'Unknown change';
  return describeIntent(session, parsed);
}

const OUTSIDE_CHANGE_WORDS: Record<string, string> = {
  subscriptions: 'changed what {who} hears',
  joined: 'added {who} to the call',
  left: 'removed {who} from the call',
};

/**
 * An outside change (`observed`) and the supervisor's decision about it (`undone` / `accepted`),
 * named as recorded at the time; never worded as something the supervisor did.
 */
function outsideChangeWords(value: Record<string, unknown>): string {
  const label = value['participantLabel'];
  const who = typeof label === 'string' ? label : 'a participant';
  const change = value['change'];
  const what =
    (typeof change === 'string' ? OUTSIDE_CHANGE_WORDS[change] : undefined) ?? 'changed {who}';
  return `Someone outside Patchbay ${what.replace('{who}', who)}`;
}

export interface ReceiverLine {
  readonly receiverId: string;
  readonly label: string;
  readonly before: string;
  readonly after: string;
}

/**
 * One line per receiver. A participant the entry names (the call directory's name when the change
 * was made) is called by that name; the others by `labelOf` (their label now).
 */
export function receiverLines(
  entry: AuditEntry,
  labelOfNow: (id: string) => string,
): ReceiverLine[] {
  const names = entry.names ?? {};
  const labelOf = (id: string): string => {
    const then = Object.hasOwn(names, id) ? names[id] : undefined;
    return then === undefined ? labelOfNow(id) : printable(then, 200);
  };
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
