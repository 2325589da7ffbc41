export {
  AuditLog,
  AuditLogError,
  type AuditErrorCode,
  type AuditLogOptions,
  type AuditVerification,
} from './audit-log';
export { canonicalJson, entryHash } from './canonical';
export { walkChain, type ChainBreak, type ChainWalk } from './chain';
export {
  AUDIT_CSV_COLUMNS,
  csvCell,
  entriesToCsv,
  entriesToJson,
  neutraliseFormulas,
} from './export';
export { MAX_REDACTION_NOTES, redactEntry } from './guard';
export { filterEntries, type AuditFilter } from './query';
export {
  AUDIT_TEXT_LIMITS,
  auditEntryInputSchema,
  auditEntrySchema,
  GENESIS_HASH,
  type AuditEntry,
  type AuditEntryInput,
  type AuditOutcome,
  type AuditRedaction,
  type AuditReceiverChange,
  type JsonValue,
} from './types';
