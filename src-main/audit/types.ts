/** Audit entries: what callers give (`AuditEntryInput`) and what the log stores (`AuditEntry`). */
import * as z from 'zod';
import type { Subscriptions } from '../shared/bandwidth-api';

export const AUDIT_OUTCOMES = ['applied', 'failed', 'rolled-back', 'refused'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** The longest reason and error the log keeps (longer ones are cut after redaction). */
export const AUDIT_TEXT_LIMITS = { reason: 2_000, error: 10_000 } as const;

/** The first entry's prevHash. */
export const GENESIS_HASH = '0'.repeat(64);

export type JsonValue =
  string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface AuditReceiverChange {
  receiverId: string;
  /** The receiver's subscriptions before the change; null when unknown (for example refused early). */
  before: Subscriptions | null;
  /** After the change (or after the rollback); null when unknown. */
  after: Subscriptions | null;
}

export interface AuditEntryInput {
  profileId: string;
  accountId: string;
  sessionId: string;
  /** The routing intent as the renderer sent it (plain JSON). */
  intent: JsonValue;
  receivers: AuditReceiverChange[];
  outcome: AuditOutcome;
  error?: string;
  /** The supervisor's optional reason. */
  reason?: string;
}

/** Where the log replaced credential-like text with `[redacted]`, and by which rule. */
export interface AuditRedaction {
  /** A dotted path into the entry, e.g. `reason` or `receivers.0.before.participants.1.streamAliases.0`. */
  field: string;
  rule: string;
}

export interface AuditEntry extends AuditEntryInput {
  seq: number;
  /** ISO 8601, UTC. */
  time: string;
  osUser: string;
  prevHash: string;
  hash: string;
  /** Present when something was redacted before the entry was written. */
  redacted?: AuditRedaction[];
}

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
