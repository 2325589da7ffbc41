/**
 * Our own renderer document: the one place that says which URL it is. The window never navigates
 * anywhere else (in-page hash and query changes are not a new document), and IPC trusts only a
 * main frame showing it. Same scheme, host and path, no credentials in the URL.
 */
export function isOwnDocument(url: string, rendererUrl: string): boolean {
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
