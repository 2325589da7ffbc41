import { describe, expect, it } from 'vitest';
import { printable } from '../../../src-main/shared/safe-text';

describe('printable', () => {
  it('writes terminal escapes and other controls out', () => {
    expect(printable('call-\u001b[2J\u001b]0;owned\u0007')).toBe('call-\\x1b[2J\\x1b]0;owned\\x07');
    expect(printable('a\r\nb\tc\u0000d\u007fe\u009bf')).toBe(
      'a\\x0d\\x0ab\\x09c\\x00d\\x7fe\\x9bf',
    );
  });

  it('writes the bidi controls out, so a label reads in the order it is stored', () => {
    expect(printable('agent-\u202Eexe.txt')).toBe('agent-\\u202eexe.txt');
    for (const char of ['\u202a', '\u202b', '\u202c', '\u202d', '\u2066', '\u2067', '\u2068']) {
      expect(printable(`x${char}y`)).toBe(`x\\u${char.charCodeAt(0).toString(16)}y`);
    }
    expect(printable('\u2069\u200e\u200f\u061c\u2028')).toBe('\\u2069\\u200e\\u200f\\u061c\\u2028');
  });

  it('leaves ordinary text alone, letters of any script included, and is idempotent', () => {
    for (const text of ['customer-7f3a', 'Ünïcødé ✓ 👩‍💻', 'שלום', 'C:\\Users\\x']) {
      expect(printable(text)).toBe(text);
    }
    const once = printable('a\u001bb\u202ec');
    expect(printable(once)).toBe(once);
  });

  it('cuts an over-long text and says how much was left out', () => {
    const long = 'x'.repeat(100_000);
    const shown = printable(long, 64);
    expect(shown).toBe(`${'x'.repeat(64)}… (99936 more characters)`);
    // A surrogate pair is never cut in half.
    expect(printable(`${'a'.repeat(9)}👩b`, 10)).toBe(`${'a'.repeat(9)}… (3 more characters)`);
  });

  it('prints anything, not only strings', () => {
    expect(printable(42)).toBe('42');
    expect(printable(null)).toBe('null');
  });
});
