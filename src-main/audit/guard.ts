/**
 * The audit's secret guard. Nothing that looks like a credential may reach the audit file, and no
 * entry is ever refused for it: a change must not go unaudited because of what a supervisor's
 * reason, a stream alias or an outside client's data happens to contain. Matching text is replaced
 * by `[redacted]` (the console's scrubber: the accounts' active secrets and the credential patterns)
 * and the entry notes where and by which rule — never the text itself.
 */
import type { Scrubber } from '../credentials/scrubber';
import { AUDIT_TEXT_LIMITS, type AuditEntryInput, type AuditRedaction } from './types';
/** Notes kept per entry; more than this are summed up in the last one. */
const MAX_REDACTION_NOTES = 50;
const MAX_FIELD_PATH = 200;

function fit(text: string | undefined, max: number): string | undefined {
  if (text === undefined || text.length <= max) return text;
  return `${text.slice(0, max - 1)}…`;
}

/**
 * The entry with every secret redacted and its reason and error cut to the log's limits (cut after
 * redaction, so no cut leaves half a secret behind), and the notes of what was redacted where.
 */
export function redactEntry(
  input: AuditEntryInput,
  scrubber: Scrubber,
): { input: AuditEntryInput; redacted: AuditRedaction[] } {
  const { value, redactions } = scrubber.inspect(input);
  const reason = fit(value.reason, AUDIT_TEXT_LIMITS.reason);
  const error = fit(value.error, AUDIT_TEXT_LIMITS.error);
  const call = fit(value.call, AUDIT_TEXT_LIMITS.name);
  const supervisor = fit(value.supervisor, AUDIT_TEXT_LIMITS.name);
  const scrubbed: AuditEntryInput = {
    ...value,
    ...(reason === undefined ? {} : { reason }),
    ...(error === undefined ? {} : { error }),
    ...(call === undefined ? {} : { call }),
    ...(supervisor === undefined ? {} : { supervisor }),
  };
  const notes = redactions.map((r) => ({
    field: fit(r.field, MAX_FIELD_PATH) ?? '',
    rule: r.rule,
  }));
  if (notes.length <= MAX_REDACTION_NOTES) return { input: scrubbed, redacted: notes };
  const kept = notes.slice(0, MAX_REDACTION_NOTES - 1);
  const more = notes.length - kept.length;
  return {
    input: scrubbed,
    redacted: [...kept, { field: '…', rule: `${more} more redactions in other fields` }],
  };
}
