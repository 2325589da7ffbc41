import { z } from 'zod';
import { DEVICE_API_VERSIONS, PUBLISH_PERMISSIONS } from '../shared/bandwidth-api';

/**
 * Response schemas at the boundary. Tolerant: unknown fields are dropped, not rejected, so a newer
 * deployment that adds fields keeps working; what we rely on is checked strictly.
 */
const participantSubscriptionSchema = z.object({
  participantId: z.string().min(1),
  streamAliases: z.array(z.string()).optional(),
});

export const subscriptionsSchema = z.object({
  sessionId: z.string().optional(),
  participants: z.array(participantSubscriptionSchema).optional(),
});

export const participantSchema = z.object({
  id: z.string().min(1),
  callbackUrl: z.string().nullable().optional(),
  publishPermissions: z.array(z.enum(PUBLISH_PERMISSIONS)).optional(),
  sessions: z.array(z.string()).optional(),
  subscriptions: subscriptionsSchema.optional(),
  tag: z.string().optional(),
  deviceApiVersion: z.enum(DEVICE_API_VERSIONS).optional(),
});

export const sessionSchema = z.object({
  id: z.string().min(1),
  tag: z.string().optional(),
});

export const createParticipantResponseSchema = z.object({
  participant: participantSchema,
  token: z.string().min(1),
});

export const participantListSchema = z.array(participantSchema);

/** The three error body shapes: `{error, requestId}`, `{message}`, legacy `{code, message}`. */
export const errorBodySchema = z.object({
  error: z.string().optional(),
  message: z.string().optional(),
  requestId: z.string().optional(),
  code: z.union([z.number(), z.string()]).optional(),
});
