import { describe, expect, it } from 'vitest';
import { HostAccess } from '../../../../src-main/host/access';

describe('web host access', () => {
  it('answers only to its own loopback host and origin (no DNS rebinding, no other site)', () => {
    const access = new HostAccess();
    access.setPort(4780);
    expect(access.hostAllowed('127.0.0.1:4780')).toBe(true);
    expect(access.hostAllowed('localhost:4780')).toBe(true);
    expect(access.hostAllowed('evil.example:4780')).toBe(false);
    expect(access.hostAllowed('127.0.0.1:80')).toBe(false);
    expect(access.hostAllowed(undefined)).toBe(false);
    expect(access.originAllowed('http://127.0.0.1:4780')).toBe(true);
    expect(access.originAllowed('http://evil.example')).toBe(false);
    expect(access.originAllowed('https://127.0.0.1:4780')).toBe(false);
    expect(access.originAllowed('null')).toBe(false);
    expect(access.originAllowed(undefined)).toBe(false);
  });
});
