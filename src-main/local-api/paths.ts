/** Where the control surface lives, apart from the Bandwidth paths under /v1/accounts/{accountId}. */
export const CONTROL_PREFIX = '/_local';

export function isControlUrl(url: string): boolean {
  return (
    url === CONTROL_PREFIX ||
    url.startsWith(`${CONTROL_PREFIX}/`) ||
    url.startsWith(`${CONTROL_PREFIX}?`)
  );
}
