import { describe, expect, it } from 'vitest';
import {
  checkTag,
  looksLikeEmail,
  looksLikeName,
  looksLikePhoneNumber,
  personalDataIn,
  tagToSend,
} from '../../../src-renderer/lib/tags';

describe('checkTag: length', () => {
  it('accepts up to 50 characters and refuses 51 with how much to cut', () => {
    expect(checkTag('x'.repeat(50)).error).toBeNull();
    const check = checkTag('x'.repeat(51));
    expect(check.length).toBe(51);
    expect(check.error).toBe('A tag is at most 50 characters; this one has 51. Shorten it by 1.');
  });

  it('is fine with an empty tag', () => {
    expect(checkTag('')).toEqual({ length: 0, error: null, personalData: [], warning: null });
  });
});

describe('checkTag: personal data', () => {
  it.each([
    'jane.doe@example.com',
    'customer-jane@example.co.uk',
    'x john_smith+tag@mail.example.org',
  ])('warns on the e-mail address in %s', (tag) => {
    expect(personalDataIn(tag)).toContain('email');
    expect(checkTag(tag).warning).toContain('an e-mail address');
  });

  it.each([
    '5551234',
    '+1 (555) 123-4567',
    '+44 20 7946 0958',
    '555.123.4567',
    'caller 555-123-4567',
    'customer-5551234567',
    '(555)1234567',
  ])('warns on the phone number in %s', (tag) => {
    expect(looksLikePhoneNumber(tag)).toBe(true);
    expect(checkTag(tag).warning).toContain('a phone number');
  });

  it.each(['John Smith', 'agent Mary Jane Watson', 'customer: Anna López', 'John_Smith'])(
    "warns on the person's name in %s",
    (tag) => {
      expect(looksLikeName(tag)).toBe(true);
      expect(checkTag(tag).warning).toContain("a person's name");
    },
  );

  it.each([
    'customer-7f3a9c2e-1b4d-4e5f-8a9b-0c1d2e3f4a5b',
    'customer-7f3a9c2e-…',
    '12345678-1234-4234-8234-123456789012',
    'call-0b9e2a71-55d3-4c1e-9f60-1a2b3c4d5e6f',
    'agent-7f3a9c2e',
    'supervisor_00ab1234cd',
    'queue 42',
    'call-2024-01-15',
    'Agent 7f3a',
    'billing',
    'Sales',
    '123456',
  ])('does not warn on %s', (tag) => {
    expect(personalDataIn(tag)).toEqual([]);
    expect(checkTag(tag).warning).toBeNull();
  });

  it('names every kind found, in one sentence with the way out', () => {
    const check = checkTag('John Smith 555-123-4567 js@x.io');
    expect(check.personalData).toEqual(['email', 'phone', 'name']);
    expect(check.warning).toBe(
      "This tag looks like it contains an e-mail address, a phone number or a person's name. " +
        'Bandwidth forbids personal data in tags: use an opaque id instead, such as customer-7f3a9c2e.',
    );
  });

  it('warns without refusing', () => {
    expect(checkTag('jane@example.com').error).toBeNull();
  });

  it('sees e-mails only with a domain', () => {
    expect(looksLikeEmail('team@home')).toBe(false);
  });
});

describe('tagToSend', () => {
  it('trims and drops empty tags', () => {
    expect(tagToSend('  call-1 ')).toBe('call-1');
    expect(tagToSend('   ')).toBeUndefined();
    expect(tagToSend('')).toBeUndefined();
  });
});
