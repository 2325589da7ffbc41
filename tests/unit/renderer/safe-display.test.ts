/**
 * Issue 12, item 8: text from outside (tags, labels, API messages) is shown with its control and
 * bidi characters written out, in the components (safeText) and in every toast.
 */
import { describe, expect, it } from 'vitest';
import { ToastsStore } from '../../../src-renderer/lib/state/toasts.svelte';
import { safeText } from '../../../src-renderer/lib/format';

describe('safeText', () => {
  it('writes a right-to-left override out instead of letting it reorder the label', () => {
    expect(safeText('agent-\u202Eexe.txt')).toBe('agent-\\u202eexe.txt');
    expect(safeText('call-\u2066x\u2069')).toBe('call-\\u2066x\\u2069');
    expect(safeText('call-7f3a')).toBe('call-7f3a');
  });

  it('cuts what is too long to be a label', () => {
    expect(safeText('x'.repeat(300))).toBe(`${'x'.repeat(200)}… (100 more characters)`);
  });
});

describe('toasts', () => {
  it('show labels and API messages with their control characters written out', () => {
    const toasts = new ToastsStore({ setTimer: () => 0 });
    toasts.success('Created session “agent-\u202Eexe.txt” and started watching it.');
    toasts.error({ code: 'not-found', message: 'There is no session \u001b[2Jx.' });
    expect(toasts.items.map((t) => t.text)).toEqual([
      'Created session “agent-\\u202eexe.txt” and started watching it.',
      expect.stringContaining('There is no session \\x1b[2Jx.'),
    ]);
  });
});
