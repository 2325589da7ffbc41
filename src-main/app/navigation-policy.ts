/**
 * What the Electron window allows beyond its own document: nothing but opening allow-listed https
 * pages in the user's browser. Pure, so the decisions are unit-tested without Electron.
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

/** The window never navigates away from its document (in-page hash changes are not navigations). */
export function isNavigationAllowed(url: string, rendererUrl: string): boolean {
  try {
    const target = new URL(url);
    const own = new URL(rendererUrl);
    return (
      target.protocol === own.protocol &&
      target.host === own.host &&
      target.pathname === own.pathname
    );
  } catch {
    return false;
  }
}
