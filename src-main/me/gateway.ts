/**
 * Where my own audio connects, and the grant that lets the renderer connect there as me. The
 * device gateway is per profile: the one a Bandwidth profile names in settings (Bandwidth's own by
 * default), the embedded local API's (the same port as its REST API, `/v3/` appended by the SDK)
 * for the Local demo.
 */
import type { Scrubber } from '../credentials/scrubber';
import { IpcError } from '../ipc/errors';
import type { Profile } from '../settings';
import { BANDWIDTH_DEVICE_GATEWAY_URL } from '../shared/device-gateway';
import type { MeAudioGrant } from '../shared/dto/me';
import type { MeRoster } from './roster';

/**
 * The profile's device gateway base URL: ws(s)://host[:port], no path — the one its settings name
 * (checked and normalised when saved), else Bandwidth's.
 */
export function deviceGatewayUrl(profile: Profile, localApiBaseUrl: string): string {
  if (profile.kind === 'local') {
    const origin = new URL(localApiBaseUrl);
    return `${origin.protocol === 'https:' ? 'wss:' : 'ws:'}//${origin.host}`;
  }
  return profile.deviceGatewayUrl ?? BANDWIDTH_DEVICE_GATEWAY_URL;
}

/** The grant for my audio connection on `profile`, or `me-absent` when I am on no call. */
export function audioGrant(
  roster: MeRoster,
  profileId: string,
  websocketUrl: string,
): MeAudioGrant {
  const me = roster.get(profileId);
  const deviceToken = roster.deviceToken(profileId);
  if (!me || deviceToken === undefined) {
    throw new IpcError(
      'me-absent',
      'You are on no call as yourself: choose Monitor, Coach or Barge on a call first.',
    );
  }
  return { sessionId: me.sessionId, participantId: me.participantId, websocketUrl, deviceToken };
}

/**
 * The `me:audio` result, scrubbed like every other result except for its device token, which is
 * put back only when it is exactly a token the roster holds for "me": nothing else can leave this
 * way, and every other field (an error included) stays scrubbed.
 */
export function releaseDeviceToken<T>(
  result: T,
  scrubber: Pick<Scrubber, 'value'>,
  roster: Pick<MeRoster, 'holds'>,
): T {
  const scrubbed = scrubber.value(result);
  if (!isGrantResult(result) || !isGrantResult(scrubbed)) return scrubbed;
  const token = result.value.deviceToken;
  if (!roster.holds(token)) return scrubbed;
  return { ...scrubbed, value: { ...scrubbed.value, deviceToken: token } };
}

function isGrantResult(value: unknown): value is { ok: true; value: MeAudioGrant } {
  if (typeof value !== 'object' || value === null || !('ok' in value) || value.ok !== true) {
    return false;
  }
  const grant = 'value' in value ? value.value : undefined;
  return typeof grant === 'object' && grant !== null && 'deviceToken' in grant;
}
