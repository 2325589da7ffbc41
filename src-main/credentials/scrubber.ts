/**
 * The one scrubber every text leaving main goes through: IPC results and errors, events, the audit
 * log and console output. It replaces with `[redacted]` the active secrets of the accounts (the API
 * password, its Basic token: see active-secrets.ts) and anything shaped like a credential: an
 * Authorization header's value, HTTP Basic credentials, a bearer token, a `password=`-like pair and
 * the value of a password-like field. It never throws and never drops a value: it redacts, and says
 * where and by which rule (for the audit log's note), never what it removed.
 *
 * Two modes: `outgoing` (results and events) leaves participants' device tokens alone — the console
 * shows them on purpose — while `log` (the audit log, console output) removes them too.
 */
import { SECRET_KIND_LABELS, type ActiveSecret, type SecretSource } from './active-secrets';

export const REDACTED = '[redacted]';

/** Where a value was redacted (a dotted path, '' for the value itself) and by which rule. */
export interface Redaction {
  readonly field: string;
  readonly rule: string;
}

export type ScrubMode = 'outgoing' | 'log';

interface TextRule {
  readonly rule: string;
  /** Global. */
  readonly pattern: RegExp;
  /** The replacement of one match, or null to leave it as it is. */
  readonly replace: (match: string, ...groups: string[]) => string | null;
  /** A cheap test that is true whenever `pattern` could match (most texts are ids and names). */
  readonly mayMatch: (text: string) => boolean;
}

/**
 * True for any text one of the credential patterns could match: each needs a separator (white
 * space, `:` or `=`) or is a JWT, and names its kind. Ids and names, most of what is scrubbed,
 * fail the first, cheap test.
 */
const SEPARATOR_HINT = /[\s:=]|eyJ/;
const PATTERN_HINT = /authorization|basic|bearer|pass|pwd|secret|key|token|eyJ/i;
const hinted = (text: string): boolean => SEPARATOR_HINT.test(text) && PATTERN_HINT.test(text);

/** A credential token ends at white space, a quote or punctuation that closes or separates it. */
const TOKEN = `[^\\s"'\\\\,;&}\\])<>]+`;
/** A quoted key or `key: "value"` as it stands in JSON text or in a header. */
const SEPARATOR = `\\\\?["']?\\s*[:=]\\s*\\\\?["']?`;
const SCHEMES = 'basic|bearer|digest|token|negotiate|ntlm';
const FIELD_NAMES = 'password|passwd|pwd|secret|api[_-]?key';

/** `base64(user:password)` decodes to printable text with a colon; ordinary words do not. */
function isBasicCredentials(token: string): boolean {
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  if (decoded.indexOf(':') <= 0) return false;
  return [...decoded].every((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code >= 0x20 && code !== 0x7f && code !== 0xfffd;
  });
}

function patternRules(mode: ScrubMode): TextRule[] {
  const fields = mode === 'log' ? `${FIELD_NAMES}|token` : FIELD_NAMES;
  const rules: TextRule[] = [
    {
      rule: 'an Authorization header',
      pattern: new RegExp(
        `(authorization${SEPARATOR})(?!(?:(?:${SCHEMES})\\s+)?\\[redacted\\])(?:(?:${SCHEMES})\\s+)?${TOKEN}`,
        'gi',
      ),
      replace: (_match, prefix) => `${prefix ?? ''}${REDACTED}`,
      mayMatch: hinted,
    },
    {
      rule: 'HTTP Basic credentials',
      pattern: /\bBasic\s+([A-Za-z0-9+/]{4,}={0,2})(?![A-Za-z0-9+/=])/gi,
      replace: (_match, token) => (isBasicCredentials(token ?? '') ? `Basic ${REDACTED}` : null),
      mayMatch: hinted,
    },
    {
      rule: 'a bearer token',
      pattern: /\bBearer\s+(?=[A-Za-z0-9._~+/-]*[0-9.])[A-Za-z0-9._~+/-]{10,}=*/gi,
      replace: () => `Bearer ${REDACTED}`,
      mayMatch: hinted,
    },
    {
      rule: 'a password-like value',
      pattern: new RegExp(
        `((?<![A-Za-z0-9])(?:api[_-]?)?(?:${fields})${SEPARATOR})(?!\\[redacted\\])${TOKEN}`,
        'gi',
      ),
      replace: (_match, prefix) => `${prefix ?? ''}${REDACTED}`,
      mayMatch: hinted,
    },
  ];
  if (mode === 'log') {
    rules.push({
      rule: 'a device token',
      pattern: /\beyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/g,
      replace: () => REDACTED,
      mayMatch: hinted,
    });
  }
  return rules;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The forms a secret takes in text: as it is, inside a JSON string, URL-encoded. */
function secretRule(secret: ActiveSecret): TextRule {
  const forms = [
    ...new Set([
      secret.value,
      JSON.stringify(secret.value).slice(1, -1),
      encodeURIComponent(secret.value),
    ]),
  ];
  const alternatives = forms.map(escapeRegExp).join('|');
  // A very short secret is only taken as a whole word, so it does not eat ordinary text.
  const source =
    secret.value.length < 4 ? `(?<![A-Za-z0-9])(?:${alternatives})(?![A-Za-z0-9])` : alternatives;
  return {
    rule: SECRET_KIND_LABELS[secret.kind],
    pattern: new RegExp(source, 'g'),
    replace: () => REDACTED,
    mayMatch: (text) => forms.some((form) => text.includes(form)),
  };
}

function applyRule(text: string, rule: TextRule): { text: string; hit: boolean } {
  let hit = false;
  const out = text.replace(rule.pattern, (match: string, ...groups: unknown[]) => {
    const replaced = rule.replace(
      match,
      ...groups.filter((g): g is string => typeof g === 'string'),
    );
    if (replaced === null || replaced === match) return match;
    hit = true;
    return replaced;
  });
  return { text: out, hit };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export interface ScrubberOptions {
  /** The active secrets (default: none, only the credential patterns). */
  secrets?: SecretSource;
  /** Default `outgoing`. */
  mode?: ScrubMode;
}

export class Scrubber {
  readonly #secrets: SecretSource | undefined;
  readonly #patterns: TextRule[];
  readonly #secretKey: RegExp;
  #compiled: { key: string; rules: TextRule[] } = { key: '', rules: [] };

  constructor(options: ScrubberOptions = {}) {
    const mode = options.mode ?? 'outgoing';
    this.#secrets = options.secrets;
    this.#patterns = patternRules(mode);
    const names = mode === 'log' ? `${FIELD_NAMES}|token` : FIELD_NAMES;
    this.#secretKey = new RegExp(`^(?:api[_-]?)?(?:${names})$`, 'i');
  }

  /** The text with every secret and credential-shaped part replaced by `[redacted]`. */
  text(text: string): string {
    return this.#scrub(text, this.#rules(), []);
  }

  /** A scrubbed copy of a JSON-like value (strings, keys, password-like fields), same shape. */
  value<T>(value: T): T {
    return this.inspect(value).value;
  }

  /** Like `value`, and where each redaction was made and why (each field and rule once). */
  inspect<T>(value: T): { value: T; redactions: Redaction[] } {
    const found: Redaction[] = [];
    const scrubbed = this.#walk(value, [], found, this.#rules()) as T;
    const seen = new Set<string>();
    const redactions = found.filter((r) => {
      const key = `${r.field}\u0000${r.rule}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
    return { value: scrubbed, redactions };
  }

  /** The secrets' rules (compiled again only when the active secrets changed), then the patterns. */
  #rules(): TextRule[] {
    const secrets = (this.#secrets?.secrets() ?? []).filter((s) => s.value.length > 0);
    const key = secrets.map((s) => `${s.kind}\u0000${s.value}`).join('\u0000');
    if (key !== this.#compiled.key || this.#compiled.rules.length === 0) {
      this.#compiled = { key, rules: [...secrets.map(secretRule), ...this.#patterns] };
    }
    return this.#compiled.rules;
  }

  /** The scrubbed text; the rule of each redaction made is added to `hits`. */
  #scrub(text: string, rules: readonly TextRule[], hits: string[]): string {
    let out = text;
    for (const rule of rules) {
      if (!rule.mayMatch(out)) continue;
      const applied = applyRule(out, rule);
      if (applied.hit) hits.push(rule.rule);
      out = applied.text;
    }
    return out;
  }

  /** `path` is the segments down to `value` (pushed and popped, joined only for a redaction). */
  #walk(value: unknown, path: (string | number)[], found: Redaction[], rules: TextRule[]): unknown {
    if (typeof value === 'string') {
      const hits: string[] = [];
      const out = this.#scrub(value, rules, hits);
      for (const rule of hits) found.push({ field: path.join('.'), rule });
      return out;
    }
    if (Array.isArray(value)) {
      return value.map((item, i) => {
        path.push(i);
        const out = this.#walk(item, path, found, rules);
        path.pop();
        return out;
      });
    }
    if (!isRecord(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const hits: string[] = [];
      let clean = this.#scrub(key, rules, hits);
      while (clean !== key && Object.hasOwn(out, clean)) clean = `${clean}'`;
      path.push(clean);
      // Noted under the key as it is written (the path must not carry what was removed).
      for (const rule of hits) found.push({ field: path.join('.'), rule });
      if (this.#secretKey.test(key) && item !== undefined && item !== null && item !== REDACTED) {
        found.push({ field: path.join('.'), rule: `a field named "${key}"` });
        out[clean] = REDACTED;
      } else out[clean] = this.#walk(item, path, found, rules);
      path.pop();
    }
    return out;
  }
}

/** A fixed list of secrets, for one message about credentials that are not registered (yet). */
export function fixedSecrets(secrets: readonly ActiveSecret[]): SecretSource {
  return { secrets: () => secrets };
}

/** `text` without these passwords (and without anything shaped like a credential). */
export function redactSecrets(text: string, passwords: readonly (string | undefined)[]): string {
  const secrets = passwords
    .filter((p): p is string => p !== undefined && p.length > 0)
    .map((value): ActiveSecret => ({ kind: 'api-password', value }));
  return new Scrubber({ secrets: fixedSecrets(secrets) }).text(text);
}
