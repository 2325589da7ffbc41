/**
 * The contract's id pattern: every id the renderer sends (sessions, participants, profiles, timers,
 * and the ids inside routing intents) starts with a letter or digit and holds only letters, digits
 * and `. _ : -`. Ids go into API paths, so `.`, `..` and the empty string — which URL parsing would
 * resolve away — can never pass. Main's schema of an id (`src-main/ipc/id-schema.ts`) uses these.
 */
export const MAX_ID_LENGTH = 128;
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

/** True when `value` is an id the contract accepts. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_ID_LENGTH && ID_PATTERN.test(value);
}
