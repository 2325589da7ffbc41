/**
 * Text that came from outside (tags, ids, labels, command-line arguments, API messages) made safe to
 * print on a terminal or show on screen: control characters (C0, DEL, C1 — terminal escapes among
 * them) and the invisible bidirectional controls (which reorder what a reader sees, so that
 * `agent-\u202Eexe.txt` reads "agent-txt.exe") are written out as `\x1b` / `\u202e`, and an
 * over-long text is cut. Pure; runs anywhere. Writing an escape twice leaves it as it is, so a text
 * may pass through here more than once.
 */

/** C0, DEL and C1 controls, the bidi marks, embeddings, overrides and isolates, and the line seps. */
const UNSAFE = /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

function escape(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every control and bidi character written out as an escape, cut to `maxLength`
 * characters of the original (the rest is counted, not shown).
 */
export function printable(text: unknown, maxLength = 1_000): string {
  const value = typeof text === 'string' ? text : String(text);
  if (value.length <= maxLength) return value.replace(UNSAFE, escape);
  // Never cut a surrogate pair in half.
  const end = /[\uD800-\uDBFF]/.test(value.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
  const shown = value.slice(0, end).replace(UNSAFE, escape);
  return `${shown}… (${value.length - end} more characters)`;
}
