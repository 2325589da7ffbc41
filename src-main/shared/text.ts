/**
 * Small, pure text helpers for anything that ends up in a terminal, a log line or an error text:
 * text that came from outside (tags, ids, URLs, server answers) must never carry a terminal escape
 * sequence there, nor a secret from a URL's query.
 */

/** C0 controls, DEL and C1 controls (U+0000–U+001F, U+007F–U+009F). */
function isControlCode(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
}

/** True when `text` holds a C0 or C1 control character (or DEL). */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (isControlCode(text.charCodeAt(i))) return true;
  return false;
}

/**
 * C0, DEL and C1 controls (terminal escapes among them), and the invisible bidirectional controls
 * and line separators (which reorder what a reader sees: `agent-\u202Eexe.txt` reads
 * "agent-txt.exe").
 */
const UNSAFE = /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

function escape(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text that came from outside (tags, ids, labels, command-line arguments, API messages) made safe to
 * print on a terminal, write to a log or show on screen: every control and bidi character is written
 * out as `\x1b` / `\u202e`, and a text over `maxLength` characters is cut (the rest is counted, not
 * shown). Writing an escape twice leaves it as it is, so a text may pass through here more than once.
 */
export function printable(text: unknown, maxLength = 1_000): string {
  const value = typeof text === 'string' ? text : String(text);
  if (value.length <= maxLength) return value.replace(UNSAFE, escape);
  // Never cut a surrogate pair in half.
  const end = /[\uD800-\uDBFF]/.test(value.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
  const shown = value.slice(0, end).replace(UNSAFE, escape);
  return `${shown}… (${value.length - end} more characters)`;
}

/** `printable(text)`, cut to at most `max` characters (an ellipsis marks a cut). */
export function shortPrintable(text: string, max: number): string {
  const shown = printable(text.trim());
  const chars = [...shown];
  return chars.length <= max ? shown : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

const REDACTED = '[redacted]';

function decodedName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

/**
 * A URL (absolute, or a path with a query) with the value of every `token` query parameter
 * replaced by `[redacted]` (the parameter's name is compared case-insensitively, after
 * percent-decoding). A device connects with its token in the query; it must never reach a log.
 */
export function redactTokenQuery(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const hashStart = url.indexOf('#', queryStart);
  const end = hashStart < 0 ? url.length : hashStart;
  const query = url
    .slice(queryStart + 1, end)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      return decodedName(name).trim().toLowerCase() === 'token' ? `${name}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, queryStart + 1)}${query}${url.slice(end)}`;
}

/** What a log line may show of a request URL: token redacted, control characters escaped. */
export function loggableUrl(url: string): string {
  return printable(redactTokenQuery(url));
}
