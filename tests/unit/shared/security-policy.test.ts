import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  gatewaySource,
  PERMISSIONS_POLICY,
  securityHeaders,
} from '../../../src-main/shared/security-policy';

const connectSrc = (csp: string): string[] =>
  csp
    .split('; ')
    .find((d) => d.startsWith('connect-src '))
    ?.split(' ')
    .slice(1) ?? [];

describe('the document security policy', () => {
  it('names our own origin and exactly the gateways given, as origins', () => {
    const csp = contentSecurityPolicy([
      'wss://device.webrtc.bandwidth.com',
      'ws://127.0.0.1:41234',
      'wss://device.webrtc.bandwidth.com/',
      'wss://gw.example.com:8443/some/path',
    ]);
    expect(connectSrc(csp)).toEqual([
      "'self'",
      'ws://127.0.0.1:41234',
      'wss://device.webrtc.bandwidth.com',
      'wss://gw.example.com:8443',
    ]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it('without gateways, the page reaches its own origin only', () => {
    expect(connectSrc(contentSecurityPolicy())).toEqual(["'self'"]);
  });

  it.each([
    'https://device.webrtc.bandwidth.com',
    'http://127.0.0.1:1',
    'wss://user:pw@gw.example.com',
    'not a url',
    "wss://gw.example.com; script-src 'unsafe-inline'",
    '',
  ])('drops %j: only plain ws:/wss: origins can enter the policy', (url) => {
    expect(gatewaySource(url)).toBeNull();
    expect(connectSrc(contentSecurityPolicy([url]))).toEqual(["'self'"]);
  });

  it('allows the microphone to our own origin only, and no camera', () => {
    expect(PERMISSIONS_POLICY).toContain('microphone=(self)');
    expect(PERMISSIONS_POLICY).toContain('camera=()');
    expect(securityHeaders(['ws://127.0.0.1:5'])).toMatchObject({
      'Permissions-Policy': PERMISSIONS_POLICY,
      'X-Frame-Options': 'DENY',
      'Content-Security-Policy': contentSecurityPolicy(['ws://127.0.0.1:5']),
    });
  });
});
