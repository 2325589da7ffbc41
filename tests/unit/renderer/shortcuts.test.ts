/** The G-shortcuts and ?: two keys each, no modifiers, any other key ends the sequence. */
import { describe, expect, it } from 'vitest';
import { SHORTCUTS, readShortcut } from '../../../src-renderer/lib/shortcuts';

const key = (k: string, modified = false) => ({ key: k, modified });

describe('the console’s shortcuts', () => {
  it('G then F, C or M go to the floor, the call list and the matrix', () => {
    expect(readShortcut(key('g'), false)).toEqual({ kind: 'pending' });
    expect(readShortcut(key('f'), true)).toEqual({ kind: 'go', target: 'floor' });
    expect(readShortcut(key('C'), true)).toEqual({ kind: 'go', target: 'calls' });
    expect(readShortcut(key('m'), true)).toEqual({ kind: 'go', target: 'matrix' });
    expect(SHORTCUTS.map((s) => s.keys)).toEqual(['G then F', 'G then C', 'G then M']);
  });

  it('leaves single letters, other second keys and modified keys alone', () => {
    expect(readShortcut(key('m'), false)).toEqual({ kind: 'none' });
    expect(readShortcut(key('w'), true)).toEqual({ kind: 'none' });
    expect(readShortcut(key('g', true), false)).toEqual({ kind: 'none' });
    expect(readShortcut(key('f', true), true)).toEqual({ kind: 'none' });
  });

  it('? shows the list', () => {
    expect(readShortcut(key('?'), false)).toEqual({ kind: 'help' });
  });
});
