/**
 * Audit entries: what callers give (`AuditEntryInput`) and what the log stores (`AuditEntry`). The
 * types cross the bridge, so they live in `shared/dto/audit.ts`; the schemas the log checks every
 * entry against on read and write stay here, in main.
 */
import * as z from 'zod';
import { AUDIT_OUTCOMES } from '../shared/dto/audit';

export {
  type AuditAction,
  type AuditEntry,
  type AuditEntryInput,
  type AuditOutcome,
  type AuditReceiverChange,
  type AuditRedaction,
  type JsonValue,
} from '../shared/dto/audit';

/** The longest reason and error the log keeps (longer ones are cut after redaction). */
export const AUDIT_TEXT_LIMITS = { reason: 2_000, error: 10_000, name: 200 } as const;

/** The first entry's prevHash. */
export const GENESIS_HASH = '0'.repeat(64);
const subscriptionsSchema = z.looseObject({
  sessionId: z.string().optional(),
  participants: z
    .array(
      z.looseObject({ participantId: z.string(), streamAliases: z.array(z.string()).optional() }),
    )
    .optional(),
});

const receiverSchema = z.strictObject({
  receiverId: z.string().min(1).max(256),
  before: subscriptionsSchema.nullable(),
  after: subscriptionsSchema.nullable(),
});

export const auditEntryInputSchema = z.strictObject({
  profileId: z.string().min(1).max(256),
  accountId: z.string().min(1).max(256),
  sessionId: z.string().min(1).max(256),
  intent: z.json(),
  receivers: z.array(receiverSchema),
  outcome: z.enum(AUDIT_OUTCOMES),
  error: z.string().max(AUDIT_TEXT_LIMITS.error).optional(),
  reason: z.string().max(AUDIT_TEXT_LIMITS.reason).optional(),
  names: z.record(z.string().min(1).max(256), z.string().max(AUDIT_TEXT_LIMITS.name)).optional(),
  call: z.string().max(AUDIT_TEXT_LIMITS.name).optional(),
  supervisor: z.string().max(AUDIT_TEXT_LIMITS.name).optional(),
});

const hashSchema = z.string().regex(/^[0-9a-f]{64}$/);

export const auditEntrySchema = auditEntryInputSchema.extend({
  redacted: z
    .array(z.strictObject({ field: z.string().max(200), rule: z.string().max(200) }))
    .optional(),
  seq: z.int().min(1),
  time: z.iso.datetime(),
  osUser: z.string(),
  prevHash: hashSchema,
  hash: hashSchema,
});
