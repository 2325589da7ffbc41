import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hasControlCharacter,
  loggableUrl,
  printable,
  redactTokenQuery,
  shortPrintable,
} from '../../../src-main/shared/text';

const isControl = (code: number): boolean => code <= 0x1f || (code >= 0x7f && code <= 0x9f);
const BIDI = /[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('printable', () => {
  it('writes C0, DEL and C1 controls as \\xNN and leaves the rest alone', () => {
    expect(printable('a\u001b[31mb\nc\u0000d\u007fe\u009bf')).toBe(
      'a\\x1b[31mb\\x0ac\\x00d\\x7fe\\x9bf',
    );
    expect(printable('appel-é-通話 😀\\x1b')).toBe('appel-é-通話 😀\\x1b');
  });

  it('never lets a control character through (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const out = printable(text);
        expect([...out].some((c) => isControl(c.charCodeAt(0)) || BIDI.test(c))).toBe(false);
        expect(hasControlCharacter(text) || BIDI.test(text)).toBe(out !== text);
      }),
    );
  });

  it('shortPrintable cuts to the limit with an ellipsis', () => {
    expect(shortPrintable('  short  ', 10)).toBe('short');
    expect(shortPrintable('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(shortPrintable('\u001b'.repeat(10), 8)).toBe('\\x1b\\x1…');
  });
});

describe('printable: bidi controls, length, any value', () => {
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

describe('redactTokenQuery', () => {
  it.each([
    ['/v3/?token=abc.def&client=x', '/v3/?token=[redacted]&client=x'],
    ['wss://h/v3/?client=x&TOKEN=abc#frag', 'wss://h/v3/?client=x&TOKEN=[redacted]#frag'],
    ['/x?%74oken=abc&token', '/x?%74oken=[redacted]&token=[redacted]'],
    ['/x?tokens=keep&my_token=keep', '/x?tokens=keep&my_token=keep'],
    ['/no/query/token=abc', '/no/query/token=abc'],
  ])('%s → %s', (url, redacted) => {
    expect(redactTokenQuery(url)).toBe(redacted);
  });

  it('loggableUrl redacts and escapes', () => {
    expect(loggableUrl('/a\u001b?token=s\u001b')).toBe('/a\\x1b?token=[redacted]');
  });
});
