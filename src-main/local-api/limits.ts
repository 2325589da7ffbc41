/**
 * The local API's own limits, where Bandwidth documents none: what one client can make it store, so
 * that memory, the state file and every write of it stay bounded. Each limit is a 400 whose text
 * names it.
 */
import { badRequest } from './errors';

/** Sessions stored at once. */
export const MAX_SESSIONS = 1_000;
/** Participants stored at once, in sessions or not. */
export const MAX_PARTICIPANTS = 5_000;
/** Characters of a participant's `callbackUrl`. */
export const MAX_CALLBACK_URL_LENGTH = 2_048;
/** Stream aliases in one subscription entry, and characters in one alias. */
export const MAX_STREAM_ALIASES = 16;
export const MAX_STREAM_ALIAS_LENGTH = 64;

/** Throws the 400 for a store that already holds `max` things of a kind. */
export function checkRoom(stored: number, max: number, what: string, advice: string): void {
  if (stored >= max) {
    throw badRequest(`This local API already stores ${max} ${what}, the most it holds; ${advice}`);
  }
}
