import { describe, expect, it } from 'vitest';
import { checkCallbackUrl } from '../../../src-renderer/lib/urls';

describe('checkCallbackUrl', () => {
  it('accepts empty (optional) and absolute http(s) URLs', () => {
    expect(checkCallbackUrl('')).toBeNull();
    expect(checkCallbackUrl('   ')).toBeNull();
    expect(checkCallbackUrl('https://example.com/bandwidth/events')).toBeNull();
    expect(checkCallbackUrl('http://127.0.0.1:8080/cb')).toBeNull();
    expect(checkCallbackUrl(' https://example.com ')).toBeNull();
  });

  it('refuses relative and malformed URLs with an example', () => {
    expect(checkCallbackUrl('/events')).toContain('absolute URL');
    expect(checkCallbackUrl('example.com/events')).toContain('https://');
    expect(checkCallbackUrl('https://')).not.toBeNull();
  });

  it('refuses other schemes and names the one given', () => {
    expect(checkCallbackUrl('ftp://example.com/x')).toBe(
      'The callback URL must start with https:// or http://, not ftp://.',
    );
    expect(checkCallbackUrl('javascript:alert(1)')).toContain('not javascript:');
  });

  it('refuses credentials in the URL', () => {
    expect(checkCallbackUrl('https://user:pw@example.com/x')).toContain('user name or password');
  });
});
