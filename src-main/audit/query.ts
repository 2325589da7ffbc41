import type { AuditEntry, AuditOutcome } from './types';

export interface AuditFilter {
  sessionId?: string;
  profileId?: string;
  outcome?: AuditOutcome | readonly AuditOutcome[];
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

export function filterEntries(
  entries: readonly AuditEntry[],
  filter: AuditFilter = {},
): AuditEntry[] {
  const from = filter.from === undefined ? -Infinity : instant(filter.from, 'from');
  const to = filter.to === undefined ? Infinity : instant(filter.to, 'to');
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
    const time = Date.parse(entry.time);
    return time >= from && time < to;
  });
}
