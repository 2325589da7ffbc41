/**
 * What the Electron window allows beyond its own document (./own-document.ts): nothing but opening
 * allow-listed https pages in the user's browser. Pure, so the decisions are unit-tested without
 * Electron.
 */
const EXTERNAL_ALLOW_LIST = [
  'bandwidth.com',
  'www.bandwidth.com',
  'support.bandwidth.com',
  'dev.bandwidth.com',
];

/** A URL the console may hand to the OS browser (never opened inside Patchbay). */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === 'https:' &&
      parsed.username === '' &&
      parsed.password === '' &&
      parsed.port === '' &&
      EXTERNAL_ALLOW_LIST.includes(parsed.hostname)
    );
  } catch {
    return false;
  }
}
