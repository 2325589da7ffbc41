import { describe, expect, it } from 'vitest';
import { decodeDrag, dropAction, encodeDrag } from '../../../../src-renderer/lib/matrix/actions';
import {
  countdownText,
  countdownWords,
  formatRemaining,
  tickNeeded,
} from '../../../../src-renderer/lib/matrix/countdown';

describe('drag payloads', () => {
  it('round-trip, and anything else is not ours', () => {
    for (const payload of [
      { kind: 'member', participantId: 'a-1' },
      { kind: 'tray', participantId: 'b.2' },
      { kind: 'preset', preset: 'whisper' },
    ] as const) {
      expect(decodeDrag(encodeDrag(payload))).toEqual(payload);
    }
    expect(decodeDrag('')).toBeNull();
    expect(decodeDrag('not json')).toBeNull();
    expect(decodeDrag('{"kind":"preset","preset":"explode"}')).toBeNull();
    expect(decodeDrag('{"kind":"member","participantId":"../x"}')).toBeNull();
    expect(decodeDrag('[1]')).toBeNull();
  });
});

describe('what a drop means (the same action as the key and the menu)', () => {
  it('a header onto a row subscribes that row to it; onto its own row means nothing', () => {
    expect(
      dropAction({ kind: 'member', participantId: 'p' }, { kind: 'row', receiverId: 'r' }),
    ).toEqual({
      type: 'change',
      source: 'connect',
      intents: [{ type: 'subscribe', receiverId: 'r', publisherId: 'p' }],
    });
    expect(
      dropAction({ kind: 'member', participantId: 'p' }, { kind: 'row', receiverId: 'p' }),
    ).toBeNull();
  });

  it('tray in, header out', () => {
    expect(dropAction({ kind: 'tray', participantId: 'x' }, { kind: 'matrix' })).toEqual({
      type: 'add',
      participantId: 'x',
    });
    expect(dropAction({ kind: 'tray', participantId: 'x' }, { kind: 'tray' })).toBeNull();
    expect(dropAction({ kind: 'member', participantId: 'x' }, { kind: 'tray' })).toEqual({
      type: 'remove',
      participantId: 'x',
    });
  });

  it('a preset onto a participant', () => {
    expect(
      dropAction({ kind: 'preset', preset: 'hold' }, { kind: 'participant', participantId: 'x' }),
    ).toEqual({ type: 'preset', preset: 'hold', participantId: 'x' });
    expect(dropAction({ kind: 'preset', preset: 'hold' }, { kind: 'tray' })).toBeNull();
  });
});

describe('countdowns', () => {
  it('rounds up to whole seconds, never negative', () => {
    expect(formatRemaining(29_001)).toBe('0:30');
    expect(formatRemaining(60_000)).toBe('1:00');
    expect(formatRemaining(299_500)).toBe('5:00');
    expect(formatRemaining(3_600_000)).toBe('1:00:00');
    expect(formatRemaining(-5)).toBe('0:00');
  });

  it('until stopped, and in words', () => {
    expect(countdownText(null, 0)).toBe('until stopped');
    expect(countdownText(10_000, 1_000)).toBe('0:09');
    expect(countdownWords(61_000, 0)).toBe('1 minute 1 second left');
    expect(countdownWords(0, 0)).toBe('0 seconds left');
    expect(countdownWords(null, 0)).toBe('runs until stopped');
  });

  it('ticks only while a countdown runs', () => {
    expect(tickNeeded([null], 0)).toBe(false);
    expect(tickNeeded([5_000], 0)).toBe(true);
  });
});
