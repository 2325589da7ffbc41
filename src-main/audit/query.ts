import { auditAction, auditInvolves } from '../shared/audit-words';
import { AUDIT_ACTIONS } from '../shared/dto/audit';
import type { AuditAction, AuditEntry, AuditOutcome } from './types';

export interface AuditFilter {
  sessionId?: string;
  profileId?: string;
  outcome?: AuditOutcome | readonly AuditOutcome[];
  /** A participant id, a name as the entry recorded it, or the supervisor who made the change. */
  person?: string;
  /** The kind of change (an undo is `undo`, whatever it undid). */
  action?: AuditAction;
  /** Inclusive. */
  from?: string | Date;
  /** Exclusive. */
  to?: string | Date;
}

function instant(value: string | Date, name: string): number {
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`The audit filter's "${name}" is not a valid date.`);
  return ms;
}

/** The person and action as given, or a RangeError naming what is wrong with them. */
function checked(filter: AuditFilter): { person?: string; action?: AuditAction } {
  const person = filter.person?.trim();
  if (filter.person !== undefined && !person) {
    throw new RangeError('The audit filter\'s "person" is empty: give a name or a participant id.');
  }
  if (
    filter.action !== undefined &&
    !(AUDIT_ACTIONS as readonly string[]).includes(filter.action)
  ) {
    throw new RangeError(
      `The audit filter's "action" ${JSON.stringify(String(filter.action)).slice(0, 60)} is not one of: ${AUDIT_ACTIONS.join(', ')}.`,
    );
  }
  return {
    ...(person ? { person } : {}),
    ...(filter.action === undefined ? {} : { action: filter.action }),
  };
}

/** Entries matching every member of the filter; a malformed filter throws a RangeError saying why. */
export function filterEntries(
  entries: readonly AuditEntry[],
  filter: AuditFilter = {},
): AuditEntry[] {
  const from = filter.from === undefined ? -Infinity : instant(filter.from, 'from');
  const to = filter.to === undefined ? Infinity : instant(filter.to, 'to');
  if (from >= to) {
    throw new RangeError('The audit filter\'s "from" must be before its "to" (until).');
  }
  const { person, action } = checked(filter);
  const outcomes =
    filter.outcome === undefined
      ? undefined
      : new Set<AuditOutcome>(
          typeof filter.outcome === 'string' ? [filter.outcome] : filter.outcome,
        );
  return entries.filter((entry) => {
    if (filter.sessionId !== undefined && entry.sessionId !== filter.sessionId) return false;
    if (filter.profileId !== undefined && entry.profileId !== filter.profileId) return false;
    if (outcomes && !outcomes.has(entry.outcome)) return false;
    if (action !== undefined && auditAction(entry.intent) !== action) return false;
    if (person !== undefined && !auditInvolves(entry, person)) return false;
    const time = Date.parse(entry.time);
    return time >= from && time < to;
  });
}
