/** Checks for URLs typed into forms. Pure: no DOM. */

/**
 * A participant's callback URL: optional, else an absolute http or https URL with a host.
 * Returns the problem in plain words, or null when the value is acceptable.
 */
export function checkCallbackUrl(text: string): string | null {
  const value = text.trim();
  if (value === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Enter an absolute URL starting with https:// (for example https://example.com/bandwidth/events), or leave it empty.';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return `The callback URL must start with https:// or http://, not ${url.protocol}//.`;
  }
  if (url.hostname === '') return 'The callback URL needs a host name.';
  if (url.username !== '' || url.password !== '') {
    return 'The callback URL must not contain a user name or password.';
  }
  return null;
}
