/**
 * Synthetic voices, pure: a few seconds of speech-like sound per voice profile, as 48 kHz mono
 * samples in [-1, 1]. Each profile has its own pitch (fundamental and contour), speaking rate and
 * vowel colour, so that two people on a call are told apart by ear; the rhythm is speech-like:
 * syllables of 100–260 ms grouped into talk spurts of one to three seconds, with pauses between.
 * The source is a band-limited pulse train (harmonics of the pitch) shaped by two vowel formants.
 */
import { createPrng } from '../prng';

export const SAMPLE_RATE = 48_000;

export interface VoiceProfile {
  name: string;
  /** Mean fundamental frequency, Hz. */
  pitchHz: number;
  /** Syllables per second while talking. */
  syllableRate: number;
  /** Peak amplitude of a stressed syllable (0–1). */
  loudness: number;
  seed: number;
}

/** Eight distinct voices, low to high; a call's people get different ones (voices.ts). */
export const VOICE_PROFILES: readonly VoiceProfile[] = [
  { name: 'bass', pitchHz: 92, syllableRate: 3.8, loudness: 0.42, seed: 11 },
  { name: 'baritone', pitchHz: 118, syllableRate: 4.6, loudness: 0.4, seed: 23 },
  { name: 'tenor', pitchHz: 145, syllableRate: 5.4, loudness: 0.38, seed: 37 },
  { name: 'alto', pitchHz: 178, syllableRate: 4.2, loudness: 0.4, seed: 41 },
  { name: 'mezzo', pitchHz: 210, syllableRate: 5.0, loudness: 0.36, seed: 53 },
  { name: 'soprano', pitchHz: 250, syllableRate: 5.8, loudness: 0.34, seed: 67 },
  { name: 'low-quick', pitchHz: 105, syllableRate: 6.2, loudness: 0.38, seed: 79 },
  { name: 'high-slow', pitchHz: 228, syllableRate: 3.4, loudness: 0.4, seed: 97 },
];

/** First and second formants of a few vowels (Hz). */
const VOWELS: readonly [number, number][] = [
  [730, 1090],
  [530, 1840],
  [270, 2290],
  [570, 840],
  [300, 870],
  [660, 1720],
];

interface Syllable {
  start: number;
  length: number;
  vowel: readonly [number, number];
  stress: number;
  /** Pitch multiplier at the syllable's start and end (intonation). */
  pitchFrom: number;
  pitchTo: number;
}

function syllables(profile: VoiceProfile, totalSamples: number): Syllable[] {
  const prng = createPrng(profile.seed);
  const list: Syllable[] = [];
  let t = Math.floor(SAMPLE_RATE * (0.1 + prng.next() * 0.4));
  while (t < totalSamples) {
    const spurtEnd = t + Math.floor(SAMPLE_RATE * (1 + prng.next() * 2));
    let declination = 1.12;
    while (t < spurtEnd && t < totalSamples) {
      const seconds = (0.6 + prng.next() * 0.8) / profile.syllableRate;
      const length = Math.min(Math.floor(seconds * SAMPLE_RATE), totalSamples - t);
      const next = declination - 0.03 - prng.next() * 0.04;
      list.push({
        start: t,
        length,
        vowel: prng.pick(VOWELS),
        stress: 0.55 + prng.next() * 0.45,
        pitchFrom: declination,
        pitchTo: next,
      });
      declination = Math.max(next, 0.82);
      t += length + Math.floor(SAMPLE_RATE * prng.next() * 0.05);
    }
    t += Math.floor(SAMPLE_RATE * (0.35 + prng.next() * 1.1));
  }
  return list;
}

/** A formant's gain for a harmonic at `freq` (a simple resonance curve). */
function resonance(freq: number, formant: number, bandwidth: number): number {
  const d = (freq - formant) / bandwidth;
  return 1 / (1 + d * d);
}

/** `seconds` of one voice, looping cleanly (silence at both ends). */
export function synthesizeVoice(profile: VoiceProfile, seconds: number): Float32Array {
  const total = Math.floor(seconds * SAMPLE_RATE);
  const out = new Float32Array(total);
  for (const s of syllables(profile, total - SAMPLE_RATE / 5)) {
    const harmonics = Math.floor(3400 / (profile.pitchHz * s.pitchFrom));
    const gains: number[] = [];
    for (let h = 1; h <= harmonics; h += 1) {
      const f = h * profile.pitchHz * s.pitchFrom;
      gains.push(
        (resonance(f, s.vowel[0], 90) + 0.6 * resonance(f, s.vowel[1], 120) + 0.05) / h ** 0.6,
      );
    }
    const norm = gains.reduce((a, b) => a + b, 0);
    let phase = 0;
    for (let i = 0; i < s.length; i += 1) {
      const x = i / s.length;
      const pitch = profile.pitchHz * (s.pitchFrom + (s.pitchTo - s.pitchFrom) * x);
      phase += (2 * Math.PI * pitch) / SAMPLE_RATE;
      const envelope =
        Math.sin(Math.PI * Math.min(1, x * 1.6)) ** 1.5 * (x < 0.85 ? 1 : (1 - x) / 0.15);
      let sample = 0;
      for (let h = 0; h < gains.length; h += 1)
        sample += (gains[h] ?? 0) * Math.sin((h + 1) * phase);
      out[s.start + i] = (sample / norm) * envelope * s.stress * profile.loudness * 2.2;
    }
  }
  return out;
}
