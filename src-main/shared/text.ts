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
 * `text` with every C0/C1 control character (and DEL) written as a visible `\xNN` escape, so that a
 * terminal or a log viewer shows it instead of obeying it. Everything else is left as it is.
 */
export function printable(text: string): string {
  if (!hasControlCharacter(text)) return text;
  let out = '';
  for (const c of text) {
    const code = c.charCodeAt(0);
    out += isControlCode(code) ? `\\x${code.toString(16).padStart(2, '0')}` : c;
  }
  return out;
}

/** `printable(text)`, cut to at most `max` characters (an ellipsis marks a cut). */
export function shortPrintable(text: string, max: number): string {
  const shown = printable(text.trim());
  const chars = [...shown];
  return chars.length <= max ? shown : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

export const REDACTED = '[redacted]';

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
