import { describe, expect, it } from 'vitest';
import { ActiveSecrets } from '../../../../src-main/credentials/active-secrets';
import { REDACTED, Scrubber } from '../../../../src-main/credentials/scrubber';
import { audioGrant, deviceGatewayUrl, releaseDeviceToken } from '../../../../src-main/me/gateway';
import { MeRoster } from '../../../../src-main/me/roster';
import { LOCAL_DEMO_PROFILE, type Profile } from '../../../../src-main/settings';
import { BANDWIDTH_DEVICE_GATEWAY_URL } from '../../../../src-main/shared/device-gateway';
import { err, ok, type Result } from '../../../../src-main/shared/result';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtZSJ9.c2lnbmF0dXJlLXBhcnQ';
const cloud: Profile = {
  id: 'acme',
  name: 'Acme',
  kind: 'bandwidth',
  accountId: '9900001',
  username: 'api-user',
  baseUrl: 'https://api.webrtc.bandwidth.com/v1',
};

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function held(): { roster: MeRoster; scrubber: Scrubber } {
  const secrets = new ActiveSecrets();
  const roster = new MeRoster(secrets);
  roster.hold(
    {
      profileId: 'acme',
      displayName: 'Dana',
      sessionId: 's-1',
      participantId: 'p-me',
      mode: 'coach',
    },
    TOKEN,
  );
  return { roster, scrubber: new Scrubber({ secrets, mode: 'outgoing' }) };
}

describe('my device gateway', () => {
  it("is the local API's own port for the Local demo, Bandwidth's for a cloud profile", () => {
    expect(deviceGatewayUrl(LOCAL_DEMO_PROFILE, 'http://127.0.0.1:43210/v1')).toBe(
      'ws://127.0.0.1:43210',
    );
    expect(deviceGatewayUrl(cloud, 'http://127.0.0.1:43210/v1')).toBe(BANDWIDTH_DEVICE_GATEWAY_URL);
    expect(BANDWIDTH_DEVICE_GATEWAY_URL).toBe('wss://device.webrtc.bandwidth.com');
  });

  it('is the one a Bandwidth profile names in its settings', () => {
    const named: Profile = { ...cloud, deviceGatewayUrl: 'wss://gw.example.com:8443' };
    expect(deviceGatewayUrl(named, 'http://127.0.0.1:43210/v1')).toBe('wss://gw.example.com:8443');
  });

  it('grants my token and where I am while I am on a call, and says so when I am not', () => {
    const { roster } = held();
    expect(audioGrant(roster, 'acme', 'wss://gw')).toEqual({
      sessionId: 's-1',
      participantId: 'p-me',
      websocketUrl: 'wss://gw',
      deviceToken: TOKEN,
    });
    roster.drop('acme');
    expect(() => audioGrant(roster, 'acme', 'wss://gw')).toThrow(/on no call as yourself/);
  });
});

describe('releaseDeviceToken (the me:audio result only)', () => {
  it('lets exactly the held token through and scrubs everything else', () => {
    const { roster, scrubber } = held();
    const grant = audioGrant(roster, 'acme', 'wss://gw');
    // Any other result carrying the token has it redacted.
    expect(valueOf(scrubber.value(ok(grant))).deviceToken).toBe(REDACTED);
    expect(releaseDeviceToken(ok(grant), scrubber, roster)).toEqual(ok(grant));
    // Another field carrying it stays redacted.
    const smuggled = ok({ ...grant, sessionId: TOKEN });
    expect(valueOf(releaseDeviceToken(smuggled, scrubber, roster)).sessionId).toBe(REDACTED);
  });

  it('does not release a token the roster does not hold, nor one in an error', () => {
    const { roster, scrubber } = held();
    const grant = audioGrant(roster, 'acme', 'wss://gw');
    roster.drop('acme');
    // Dropped: no longer registered, so no longer a secret to the scrubber, and not released
    // either way — the value is what the handler returned.
    expect(
      releaseDeviceToken(ok({ ...grant, deviceToken: 'password=hunter2' }), scrubber, roster),
    ).toEqual(ok({ ...grant, deviceToken: `password=${REDACTED}` }));
    const { roster: again, scrubber: scrub2 } = held();
    expect(releaseDeviceToken(err('x', `failed with ${TOKEN}`), scrub2, again)).toEqual(
      err('x', `failed with ${REDACTED}`),
    );
  });
});
