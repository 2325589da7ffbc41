import { z } from 'zod';
import type { ClientFrame } from '../shared/ws-protocol';

/** Secrets and tokens are 43 base64url characters; anything far off that is not one. */
const credential = z.string().min(1).max(256);

const clientFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sign-in'), secret: credential }),
  z.object({ type: z.literal('resume'), token: credential }),
  z.object({
    type: z.literal('invoke'),
    id: z.number().int().refine(Number.isSafeInteger),
    name: z.string(),
    input: z.unknown(),
  }),
  z.object({ type: z.literal('mint-link') }),
  z.object({ type: z.literal('sign-out') }),
]);

/** One text frame from a page, or undefined when it is not JSON of a frame this protocol knows. */
export function parseClientFrame(text: string): ClientFrame | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = clientFrame.safeParse(value);
  if (!parsed.success) return undefined;
  const frame = parsed.data;
  return frame.type === 'invoke' ? { ...frame, input: frame.input } : frame;
}
