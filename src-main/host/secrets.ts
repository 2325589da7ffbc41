import { createHash, randomBytes } from 'node:crypto';

/** A fresh 256-bit secret, base64url (43 characters). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * What the host keeps of a secret: its SHA-256. Lookups by digest leak nothing through timing about
 * the secret itself, and a memory dump of the host holds no usable link or token.
 */
export function digest(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64url');
}
