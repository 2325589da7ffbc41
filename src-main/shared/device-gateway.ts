/**
 * A profile's device gateway: where the browser SDK (`@bandwidth/webrtc-browser`) opens my own
 * participant's media connection. The setting is a base URL only — the SDK appends `/v3/` and the
 * token itself — so anything beyond `wss://host[:port]` is refused with a message that says why.
 * Pure: main checks with it (settings schema, profile service) and the renderer shows the default.
 */

/** Bandwidth's device gateway, used by every Bandwidth profile that does not name another. */
export const BANDWIDTH_DEVICE_GATEWAY_URL = 'wss://device.webrtc.bandwidth.com';

export const MAX_DEVICE_GATEWAY_URL_LENGTH = 2048;

/** Hosts where plain `ws:` is allowed: the traffic never leaves this computer. */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export type DeviceGatewayCheck = { ok: true; url: string } | { ok: false; message: string };

const EXAMPLE = `for example ${BANDWIDTH_DEVICE_GATEWAY_URL}`;

/**
 * Checks a device gateway base URL; on success gives it normalised (`wss://host[:port]`, no
 * trailing slash). Messages never echo what was typed.
 */
export function checkDeviceGatewayUrl(value: string): DeviceGatewayCheck {
  const fail = (why: string): DeviceGatewayCheck => ({
    ok: false,
    message: `The device gateway URL ${why}.`,
  });
  const text = value.trim();
  if (text.length > MAX_DEVICE_GATEWAY_URL_LENGTH) {
    return fail(`must be at most ${MAX_DEVICE_GATEWAY_URL_LENGTH} characters`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return fail(`is not a valid URL (${EXAMPLE})`);
  }
  if (url.protocol !== 'wss:' && !(url.protocol === 'ws:' && LOOPBACK_HOSTS.has(url.hostname))) {
    return fail(
      url.protocol === 'ws:'
        ? 'must use wss:// (plain ws:// is allowed only for localhost, 127.0.0.1 or [::1])'
        : `must start with wss:// (${EXAMPLE})`,
    );
  }
  if (url.username || url.password) return fail('must not contain a user name or password');
  if (url.search || url.hash) return fail('must not have a query string or fragment');
  if (/^\/v3\/?$/i.test(url.pathname)) {
    return fail('must not end in /v3: the SDK adds /v3/ itself, so leave it off');
  }
  if (url.pathname !== '/' && url.pathname !== '') {
    return fail(`must not have a path: give only the scheme, host and port (${EXAMPLE})`);
  }
  return { ok: true, url: `${url.protocol}//${url.host}` };
}
