/** The G-shortcuts and ?: two keys each, no modifiers, any other key ends the sequence. */
import { describe, expect, it } from 'vitest';
import { PRESETS } from '../../../src-renderer/lib/matrix/presets';
import {
  PUSH_TO_TALK,
  SHORTCUTS,
  isPushToTalk,
  readShortcut,
} from '../../../src-renderer/lib/shortcuts';

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

describe('push-to-talk', () => {
  it('is T (either case), never with Ctrl, Alt or Meta', () => {
    expect(isPushToTalk(key('t'))).toBe(true);
    expect(isPushToTalk(key('T'))).toBe(true);
    expect(isPushToTalk(key('t', true))).toBe(false);
  });

  it("takes none of the matrix's keys, the G-keys or ?", () => {
    const taken = [' ', 'Enter', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End'];
    for (const k of [...taken, 'g', '?', ...PRESETS.map((p) => p.key)]) {
      expect(isPushToTalk(key(k))).toBe(false);
    }
    expect(readShortcut(key(PUSH_TO_TALK.key), false)).toEqual({ kind: 'none' });
  });
});
