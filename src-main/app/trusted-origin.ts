/** True when a frame URL is our own renderer document (same scheme, host and path; any hash/query). */
export function isTrustedRendererUrl(url: string, rendererUrl: string): boolean {
  try {
    const actual = new URL(url);
    const expected = new URL(rendererUrl);
    return (
      actual.protocol === expected.protocol &&
      actual.host === expected.host &&
      actual.pathname === expected.pathname &&
      actual.username === '' &&
      actual.password === ''
    );
  } catch {
    return false;
  }
}
