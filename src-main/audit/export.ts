/**
 * Audit exports: JSON (the entries as stored, re-verifiable) and CSV (one row per entry, every text
 * cell quoted and neutralised against formulas whatever separator a spreadsheet splits on).
 */
import { auditAction, auditCall, auditPeople, auditWhat, auditWho } from '../shared/audit-words';
import type { AuditEntry } from './types';

/**
 * First what a person reads (the call's label, who — the profile's supervisor and the OS user —
 * what happened in one sentence, the people it was about, by name), then the machine columns tools
 * read (ids, the intent and the subscriptions as JSON, the chain).
 */
export const AUDIT_CSV_COLUMNS = [
  'seq',
  'time',
  'call',
  'who',
  'what',
  'people',
  'outcome',
  'reason',
  'error',
  'profileId',
  'accountId',
  'sessionId',
  'supervisor',
  'osUser',
  'action',
  'redacted',
  'receivers',
  'names',
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
 * A start a spreadsheet would run as a formula: = + - @, or a control character (C0: tab, CR, LF…;
 * DEL; and the C1 controls U+0080–U+009F).
 */
function isFormulaStart(ch: string): boolean {
  const code = ch.charCodeAt(0);
  const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
  return ch === '=' || ch === '+' || ch === '-' || ch === '@' || control;
}

/** Separators a spreadsheet may split a cell at (in `;` locales, or reading it as tab-separated). */
const SEGMENT_BREAKS = new Set([',', ';', '\t', '\r', '\n']);

/**
 * An apostrophe before the formula start of the text and of every segment in it that follows a
 * `,`, `;`, tab or line break (leading spaces skipped): whichever separator a spreadsheet's locale
 * splits on, no piece of a cell starts a formula. The JSON export is the exact record.
 */
function neutraliseFormulas(value: string): string {
  let out = '';
  let segmentStart = true;
  for (const ch of value) {
    if (segmentStart && isFormulaStart(ch)) out += "'";
    out += ch;
    segmentStart = SEGMENT_BREAKS.has(ch) || (segmentStart && ch === ' ');
  }
  return out;
}

/** A text cell: neutralised, then always quoted (RFC 4180), so no separator can split it. */
export function csvCell(value: string): string {
  return `"${neutraliseFormulas(value).replace(/"/g, '""')}"`;
}

function row(entry: AuditEntry): (string | number)[] {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const receiver of entry.receivers) {
    before[receiver.receiverId] = receiver.before;
    after[receiver.receiverId] = receiver.after;
  }
  return [
    entry.seq,
    entry.time,
    auditCall(entry),
    auditWho(entry),
    auditWhat(entry),
    auditPeople(entry),
    entry.outcome,
    entry.reason ?? '',
    entry.error ?? '',
    entry.profileId,
    entry.accountId,
    entry.sessionId,
    entry.supervisor ?? '',
    entry.osUser,
    auditAction(entry.intent),
    (entry.redacted ?? []).map((r) => `${r.field}: ${r.rule}`).join('; '),
    entry.receivers.map((r) => r.receiverId).join(' '),
    JSON.stringify(entry.names ?? {}),
    JSON.stringify(entry.intent),
    JSON.stringify(before),
    JSON.stringify(after),
    entry.prevHash,
    entry.hash,
  ];
}

const cell = (value: string | number): string =>
  typeof value === 'number' ? String(value) : csvCell(value);

/**
 * A header row (the fixed column names, bare), then one row per entry; CRLF line ends.
 * `before`/`after` map receiverId → subscriptions.
 */
export function entriesToCsv(entries: readonly AuditEntry[]): string {
  const lines = [AUDIT_CSV_COLUMNS.join(','), ...entries.map((e) => row(e).map(cell).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
