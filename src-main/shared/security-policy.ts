/**
 * The console document's security headers, built at run time: the Content-Security-Policy lets the
 * page reach nothing beyond its own origin except the device gateways named here (the supervisor's
 * own audio connection: the Local demo's port varies, each Bandwidth profile may name its own), and
 * Permissions-Policy allows the microphone to our own origin only. Served by the web host on every
 * response and by the Electron app:// handler (a `<meta>` CSP could not be loosened by a header).
 */

const GATEWAY_PROTOCOLS = new Set(['ws:', 'wss:']);

/**
 * A gateway as a CSP source: its origin (`wss://host[:port]`), or null for anything that is not a
 * plain ws:/wss: URL (a path is dropped: the SDK connects to `<origin>/v3/…`).
 */
export function gatewaySource(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!GATEWAY_PROTOCOLS.has(parsed.protocol) || parsed.username || parsed.password) return null;
  if (!/^[a-z0-9.[\]:-]+$/i.test(parsed.host)) return null;
  return `${parsed.protocol}//${parsed.host}`;
}

/** The CSP with `connect-src` naming exactly our origin and the given gateways (deduplicated). */
export function contentSecurityPolicy(gateways: readonly string[] = []): string {
  const sources = [
    ...new Set(gateways.map(gatewaySource).filter((s): s is string => s !== null)),
  ].sort();
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    ['connect-src', "'self'", ...sources].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The microphone for our own document only (the supervisor's voice); nothing else. */
export const PERMISSIONS_POLICY =
  'camera=(), microphone=(self), geolocation=(), usb=(), serial=(), display-capture=()';

/** Every header of a console document: the CSP for `gateways`, the permissions, no framing. */
export function securityHeaders(gateways: readonly string[] = []): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(gateways),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': PERMISSIONS_POLICY,
    'Cache-Control': 'no-store',
  };
}
