/** The audio connection's state in words, with the time a wait has lasted. */
import { describe, expect, it } from 'vitest';
import { audioStatusText, refusal } from '../../../../src-renderer/lib/audio-words';

const T = 1_000_000;

describe('audio status words', () => {
  it('says each state plainly', () => {
    expect(audioStatusText('connected', null, T)).toBe('Audio connected');
    expect(audioStatusText('disconnected', null, T)).toBe('Audio disconnected');
    expect(audioStatusText('refused', null, T)).toBe('Audio stopped by the gateway');
  });

  it('reconnecting says since when the connection was lost', () => {
    expect(audioStatusText('reconnecting', T, T + 12_400)).toBe(
      'Reconnecting… (connection lost 12 s ago)',
    );
    expect(audioStatusText('reconnecting', T, T + 125_000)).toBe(
      'Reconnecting… (connection lost 2 min 5 s ago)',
    );
  });

  it('a first connection says when the gateway has not answered for 10 s', () => {
    expect(audioStatusText('connecting', T, T + 9_000)).toBe('Connecting your audio…');
    expect(audioStatusText('connecting', T, T + 15_000)).toBe(
      'Connecting your audio… (no answer from the gateway for 15 s)',
    );
  });

  it("a gateway's close quotes its reason, or says it gave none", () => {
    expect(refusal(' token refused: expired ')).toBe(
      'The audio gateway ended the connection (“token refused: expired”); Patchbay does not retry on its own.',
    );
    expect(refusal('')).toContain('(it gave no reason)');
  });
});
