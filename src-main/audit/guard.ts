/**
 * A last line of defence: entries are built by callers, but nothing that looks like a credential may
 * ever reach the audit file. The error says which rule matched, never the matching text.
 */
export class AuditSecretError extends Error {
  readonly code = 'audit-secret-refused';

  constructor(rule: string) {
    super(`The audit entry was refused because it appears to contain a secret (${rule}).`);
    this.name = 'AuditSecretError';
  }
}

const SECRET_KEY = /^(password|passwd|pwd|secret|apiPassword)$/i;
const TEXT_RULES: readonly (readonly [RegExp, string])[] = [
  [/authorization\\?["']?\s*[:=]/i, 'an Authorization header'],
  [/\bBearer\s+(?=[A-Za-z0-9._~+/-]*[0-9.])[A-Za-z0-9._~+/-]{10,}/, 'a bearer token'],
];
const BASIC_TOKEN = /\bBasic\s+([A-Za-z0-9+/]{4,}={0,2})/g;

/** `Basic <base64 of user:password>`; plain words after "Basic" do not decode to `x:y`. */
function hasBasicCredentials(text: string): boolean {
  for (const match of text.matchAll(BASIC_TOKEN)) {
    const decoded = Buffer.from(match[1] ?? '', 'base64').toString('latin1');
    if (/^[\x20-\x7e]+:[\x20-\x7e]*$/.test(decoded)) return true;
  }
  return false;
}

function findSecretKey(value: unknown, seen = new WeakSet<object>()): string | undefined {
  if (typeof value !== 'object' || value === null || seen.has(value)) return undefined;
  seen.add(value);
  for (const [key, item] of Object.entries(value)) {
    if (!Array.isArray(value) && SECRET_KEY.test(key)) return key;
    const found = findSecretKey(item, seen);
    if (found) return found;
  }
  return undefined;
}

function serialise(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return ''; // not JSON at all: the entry's schema check refuses it
  }
}

/** Throws AuditSecretError when the value holds a password-like field or credential-looking text. */
export function assertNoSecrets(value: unknown): void {
  const key = findSecretKey(value);
  if (key) throw new AuditSecretError(`a field named "${key}"`);
  const text = serialise(value);
  if (hasBasicCredentials(text)) throw new AuditSecretError('HTTP Basic credentials');
  for (const [pattern, rule] of TEXT_RULES) {
    if (pattern.test(text)) throw new AuditSecretError(rule);
  }
}
