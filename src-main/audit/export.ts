/** Audit exports: JSON (the entries as stored, re-verifiable) and CSV (one row per entry). */
import type { AuditEntry } from './types';

export const AUDIT_CSV_COLUMNS = [
  'seq',
  'time',
  'profileId',
  'accountId',
  'sessionId',
  'osUser',
  'outcome',
  'reason',
  'error',
  'redacted',
  'receivers',
  'intent',
  'before',
  'after',
  'prevHash',
  'hash',
] as const;

export function entriesToJson(entries: readonly AuditEntry[]): string {
  return `${JSON.stringify(entries, null, 2)}\n`;
}

/**
 * RFC 4180 quoting. A cell that a spreadsheet would run as a formula (starting with = + - @ tab or
 * CR) gets a leading apostrophe; the JSON export is the exact record.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function row(entry: AuditEntry): string[] {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const receiver of entry.receivers) {
    before[receiver.receiverId] = receiver.before;
    after[receiver.receiverId] = receiver.after;
  }
  return [
    String(entry.seq),
    entry.time,
    entry.profileId,
    entry.accountId,
    entry.sessionId,
    entry.osUser,
    entry.outcome,
    entry.reason ?? '',
    entry.error ?? '',
    (entry.redacted ?? []).map((r) => `${r.field}: ${r.rule}`).join('; '),
    entry.receivers.map((r) => r.receiverId).join(' '),
    JSON.stringify(entry.intent),
    JSON.stringify(before),
    JSON.stringify(after),
    entry.prevHash,
    entry.hash,
  ];
}

/** A header row, then one row per entry; CRLF line ends. `before`/`after` map receiverId → subscriptions. */
export function entriesToCsv(entries: readonly AuditEntry[]): string {
  const lines = [AUDIT_CSV_COLUMNS.join(','), ...entries.map((e) => row(e).map(csvCell).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
