/**
 * Whether this window may reach the active profile's device gateway. The document's CSP names the
 * gateways of the profiles configured when main served it (`connect-src`, built at run time), so a
 * gateway set — or a Bandwidth profile added — after the window opened is blocked until it reloads.
 * The renderer remembers the gateways of the first profile list it received (main builds both from
 * the same settings) and says so plainly rather than letting the audio connection fail.
 */
import { BANDWIDTH_DEVICE_GATEWAY_URL } from '$shared/device-gateway';
import type { ProfileView } from '$shared/contract';

/** The gateway the profile's own audio connects to; null for the Local demo (always allowed). */
export function effectiveGateway(profile: ProfileView): string | null {
  if (profile.kind === 'local') return null;
  return profile.deviceGatewayUrl ?? BANDWIDTH_DEVICE_GATEWAY_URL;
}

/** The gateways a document loaded with these profiles may reach (the Local demo's aside). */
export function gatewaysOf(profiles: readonly ProfileView[]): ReadonlySet<string> {
  return new Set(profiles.map(effectiveGateway).filter((g): g is string => g !== null));
}

/** The active profile's gateway when this window's CSP does not allow it yet, else null. */
export function gatewayNeedingReload(
  active: ProfileView | null,
  allowedAtLoad: ReadonlySet<string> | null,
): string | null {
  if (active === null || allowedAtLoad === null) return null;
  const gateway = effectiveGateway(active);
  return gateway === null || allowedAtLoad.has(gateway) ? null : gateway;
}
