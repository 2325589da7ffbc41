import { z } from 'zod';
import { ID_PATTERN, MAX_ID_LENGTH } from '../shared/ids';

/** The schema of one id the renderer sends, its errors naming `what` ("Session id is required"). */
export function idSchema(what: string): z.ZodString {
  return z
    .string({ error: `${what} must be a string` })
    .trim()
    .min(1, `${what} is required`)
    .max(MAX_ID_LENGTH, `${what} is longer than ${MAX_ID_LENGTH} characters`)
    .regex(ID_PATTERN, `${what} may only contain letters, digits, . _ : -`);
}
