/** A profile's device gateway base URL: what is accepted, how it is normalised, what each refusal says. */
import { describe, expect, it } from 'vitest';
import {
  BANDWIDTH_DEVICE_GATEWAY_URL,
  checkDeviceGatewayUrl,
} from '../../../src-main/shared/device-gateway';

function refusal(url: string): string {
  const checked = checkDeviceGatewayUrl(url);
  if (checked.ok) throw new Error(`${url} was accepted as ${checked.url}`);
  return checked.message;
}

describe('checkDeviceGatewayUrl', () => {
  it.each([
    [BANDWIDTH_DEVICE_GATEWAY_URL, 'wss://device.webrtc.bandwidth.com'],
    [' wss://device.webrtc.bandwidth.com/ ', 'wss://device.webrtc.bandwidth.com'],
    ['WSS://GW.Example.COM:8443', 'wss://gw.example.com:8443'],
    ['wss://gw.example.com:443/', 'wss://gw.example.com'],
    ['ws://127.0.0.1:5170', 'ws://127.0.0.1:5170'],
    ['ws://localhost:5170/', 'ws://localhost:5170'],
    ['ws://[::1]:5170', 'ws://[::1]:5170'],
  ])('accepts %s as %s', (input, normalised) => {
    expect(checkDeviceGatewayUrl(input)).toEqual({ ok: true, url: normalised });
  });

  it('says to leave /v3 off, since the SDK appends it', () => {
    for (const url of [
      'wss://gw.example.com/v3',
      'wss://gw.example.com/v3/',
      'wss://gw.example.com/V3',
    ]) {
      expect(refusal(url)).toBe(
        'The device gateway URL must not end in /v3: the SDK adds /v3/ itself, so leave it off.',
      );
    }
  });

  it.each([
    ['', /is not a valid URL \(for example wss:\/\/device\.webrtc\.bandwidth\.com\)/],
    ['device.webrtc.bandwidth.com', /is not a valid URL/],
    ['https://gw.example.com', /must start with wss:\/\//],
    ['http://127.0.0.1:5170', /must start with wss:\/\//],
    ['ws://gw.example.com', /plain ws:\/\/ is allowed only for localhost, 127\.0\.0\.1 or \[::1\]/],
    ['ws://10.0.0.2:5170', /plain ws:\/\/ is allowed only/],
    ['wss://gw.example.com/gateway', /must not have a path/],
    ['wss://gw.example.com/v3/extra', /must not have a path/],
    ['wss://gw.example.com/?token=x', /must not have a query string or fragment/],
    ['wss://gw.example.com/#v3', /must not have a query string or fragment/],
    ['wss://user:pw@gw.example.com', /must not contain a user name or password/],
    [`wss://${'a'.repeat(2040)}.example.com`, /must be at most 2048 characters/],
  ])('refuses %j', (input, message) => {
    expect(refusal(input)).toMatch(message);
  });

  it('never echoes what was typed', () => {
    expect(refusal('wss://user:hunter2@gw.example.com')).not.toContain('hunter2');
    expect(refusal('wss://gw.example.com/?token=eyJsecret')).not.toContain('eyJsecret');
  });
});
