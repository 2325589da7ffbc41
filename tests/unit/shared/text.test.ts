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
        expect([...out].some((c) => isControl(c.charCodeAt(0)))).toBe(false);
        expect(hasControlCharacter(text)).toBe(out !== text);
      }),
    );
  });

  it('shortPrintable cuts to the limit with an ellipsis', () => {
    expect(shortPrintable('  short  ', 10)).toBe('short');
    expect(shortPrintable('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(shortPrintable('\u001b'.repeat(10), 8)).toBe('\\x1b\\x1…');
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
