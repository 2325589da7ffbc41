export { AuditLog, AuditLogError, type AuditLogOptions } from './audit-log';
export { canonicalJson, entryHash } from './canonical';
export { AUDIT_CSV_COLUMNS, csvCell, entriesToCsv } from './export';
export { filterEntries } from './query';
export {
  AUDIT_TEXT_LIMITS,
  GENESIS_HASH,
  type AuditEntry,
  type AuditEntryInput,
  type AuditOutcome,
  type AuditReceiverChange,
  type JsonValue,
} from './types';
