import { describe, expect, it } from 'vitest';
import {
  SAMPLE_RATE,
  VOICE_PROFILES,
  synthesizeVoice,
} from '../../../../../src-main/local-api/media/voice-synth';
import {
  FRAME_MS,
  VOICE_SECONDS,
  encodeVoice,
} from '../../../../../src-main/local-api/media/voices';

/** The strongest period (autocorrelation) of a loud stretch, as a frequency. */
function pitchOf(samples: Float32Array): number {
  let start = 0;
  while (start < samples.length && Math.abs(samples[start] ?? 0) < 0.1) start += 1;
  const window = samples.subarray(start + 1000, start + 1000 + 2048);
  let best = 0;
  let bestLag = 0;
  for (let lag = Math.floor(SAMPLE_RATE / 400); lag < SAMPLE_RATE / 60; lag += 1) {
    let sum = 0;
    for (let i = 0; i + lag < window.length; i += 1)
      sum += (window[i] ?? 0) * (window[i + lag] ?? 0);
    if (sum > best) [best, bestLag] = [sum, lag];
  }
  return SAMPLE_RATE / bestLag;
}

const average = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('simulated voices', () => {
  it('each profile speaks at its own pitch', () => {
    const pitches = VOICE_PROFILES.map((p) => pitchOf(synthesizeVoice(p, 2)));
    VOICE_PROFILES.forEach((profile, i) => {
      expect(pitches[i]).toBeGreaterThan(profile.pitchHz * 0.75);
      expect(pitches[i]).toBeLessThan(profile.pitchHz * 1.25);
    });
  });

  it('have a speech-like rhythm: talk spurts and pauses, encoded once as 20 ms Opus frames', async () => {
    const frames = await encodeVoice(2);
    expect(frames).toHaveLength((VOICE_SECONDS * 1000) / FRAME_MS);
    const loud = frames.filter((f) => f.level > 0.1).length / frames.length;
    const quiet = frames.filter((f) => f.level < 0.01).length / frames.length;
    expect(loud).toBeGreaterThan(0.2);
    expect(quiet).toBeGreaterThan(0.1);
    const loudBytes = frames.filter((f) => f.level > 0.1).map((f) => f.payload.length);
    const quietBytes = frames.filter((f) => f.level < 0.01).map((f) => f.payload.length);
    // Real Opus: speech costs more bytes than silence.
    expect(Math.min(...loudBytes)).toBeGreaterThan(0);
    expect(average(loudBytes)).toBeGreaterThan(average(quietBytes));
  });
});
