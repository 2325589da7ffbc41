/**
 * Runtime schema of `Intent` for the IPC wrapper (the renderer is untrusted). Shape only; whether
 * the ids fit a session is `validateIntent`'s job.
 */
import { z } from 'zod';
import { idSchema } from './id-schema';
import { INTENT_LIMITS, type Intent } from '../shared/routing/intents';
import type { Same } from '../shared/type-checks';

/** Ids follow the contract's pattern: they go into API paths (never `.`, `..` or empty). */
const id = idSchema('Participant id');
const cell = { receiverId: idSchema('Receiver id'), publisherId: idSchema('Publisher id') };
const alias = z.string().min(1).max(INTENT_LIMITS.streamAlias);
const streams = z.union([z.literal('all'), z.array(alias).min(1).max(INTENT_LIMITS.streams)]);
const ids = z.array(id).min(1).max(INTENT_LIMITS.ids);
const supervisorId = idSchema('Supervisor id');

export const intentSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('subscribe'), ...cell }),
  z.strictObject({ type: z.literal('unsubscribe'), ...cell }),
  z.strictObject({ type: z.literal('setStreams'), ...cell, streams }),
  z.strictObject({
    type: z.literal('setCells'),
    cells: z
      .array(z.strictObject({ ...cell, streams: streams.nullable() }))
      .min(1)
      .max(INTENT_LIMITS.cells),
  }),
  z.strictObject({ type: z.literal('mute'), publisherId: id, receiverId: id.optional() }),
  z.strictObject({ type: z.literal('unmute'), publisherId: id, receiverId: id.optional() }),
  z.strictObject({ type: z.literal('hold'), participantId: id }),
  z.strictObject({ type: z.literal('isolate'), participantId: id }),
  z.strictObject({ type: z.literal('fullyWire') }),
  z.strictObject({ type: z.literal('restoreCall') }),
  z.strictObject({ type: z.literal('monitor'), supervisorId, participantIds: ids.optional() }),
  z.strictObject({ type: z.literal('whisper'), supervisorId, agentIds: ids.optional() }),
  z.strictObject({ type: z.literal('barge'), supervisorId }),
  z.strictObject({ type: z.literal('endSupervision'), supervisorId }),
  z.strictObject({
    type: z.literal('move'),
    participantId: id,
    toSessionId: idSchema('Session id'),
  }),
]);

/** Compile-time check: the schema describes exactly the shared `Intent` type (`readonly` aside). */
const describesIntent: Same<z.infer<typeof intentSchema>, Intent> = true;
void describesIntent;

/** Parses untrusted input into an Intent, or explains what is wrong with it. */
export function parseIntent(
  input: unknown,
): { ok: true; value: Intent } | { ok: false; error: string } {
  const result = intentSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: z.prettifyError(result.error) };
}
