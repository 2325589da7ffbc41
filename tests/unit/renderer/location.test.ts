/** The console's place in the address: screens and the open call, read back after a reload. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCREENS, formatLocation, parseLocation } from '../../../src-renderer/lib/location';

describe('the console’s place in the address', () => {
  it('reads the screens and the open call', () => {
    expect(parseLocation('')).toEqual({ screen: 'floor', callId: null });
    expect(parseLocation('#/profiles')).toEqual({ screen: 'profiles', callId: null });
    expect(parseLocation('#/sessions')).toEqual({ screen: 'sessions', callId: null });
    expect(parseLocation('#/sessions/b8e04036-7729-4d9b-874a-2575f3cb4e0b')).toEqual({
      screen: 'sessions',
      callId: 'b8e04036-7729-4d9b-874a-2575f3cb4e0b',
    });
  });

  it('treats anything else as the floor, and an unlikely call id as none', () => {
    for (const hash of ['#secret=abc', '#/nowhere', '#/profiles/x', '#/sessions/a/b', 'sessions']) {
      expect(parseLocation(hash)).toEqual({ screen: 'floor', callId: null });
    }
    expect(parseLocation('#/sessions/%3Cscript%3E')).toEqual({ screen: 'sessions', callId: null });
    expect(parseLocation(`#/sessions/${'a'.repeat(101)}`).callId).toBeNull();
  });

  it('writes the floor as the bare address', () => {
    expect(formatLocation({ screen: 'floor', callId: 'x' })).toBe('');
    expect(formatLocation({ screen: 'profiles', callId: null })).toBe('#/profiles');
    expect(formatLocation({ screen: 'sessions', callId: 'abc-1' })).toBe('#/sessions/abc-1');
  });

  it('reads back what it writes', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/);
    fc.assert(
      fc.property(fc.constantFrom(...SCREENS), fc.option(id, { nil: null }), (screen, callId) => {
        const shown = { screen, callId: screen === 'sessions' ? callId : null };
        expect(parseLocation(formatLocation(shown))).toEqual(shown);
      }),
    );
  });
});
