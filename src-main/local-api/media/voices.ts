/**
 * Simulated voices: each profile's few seconds of speech are encoded to Opus once (opusscript,
 * WASM, no native build), lazily and in small slices so the event loop stays responsive, then
 * looped. A clock sends one 20 ms frame per simulated publisher straight into the forwarding unit —
 * no peer connection per simulated person. A call's people get different profiles.
 */
import OpusScript from 'opusscript';
import { RtpHeader, RtpPacket } from 'werift';
import { SAMPLE_RATE, VOICE_PROFILES, synthesizeVoice } from './voice-synth';

const FRAME_SAMPLES = 960;
export const FRAME_MS = 20;
export const VOICE_SECONDS = 6;
const OPUS_PAYLOAD_TYPE = 111;

export interface EncodedFrame {
  payload: Buffer;
  /** Peak level of the frame, 0–1. */
  level: number;
}

/** Encodes one profile's loop to Opus frames, yielding to the event loop between slices. */
export async function encodeVoice(profileIndex: number): Promise<EncodedFrame[]> {
  const profile = VOICE_PROFILES[profileIndex % VOICE_PROFILES.length];
  if (profile === undefined) throw new Error('no voice profiles');
  const pcm = synthesizeVoice(profile, VOICE_SECONDS);
  const encoder = new OpusScript(SAMPLE_RATE, 1, OpusScript.Application.VOIP);
  const frames: EncodedFrame[] = [];
  const int16 = Buffer.alloc(FRAME_SAMPLES * 2);
  try {
    for (let start = 0; start + FRAME_SAMPLES <= pcm.length; start += FRAME_SAMPLES) {
      let peak = 0;
      for (let i = 0; i < FRAME_SAMPLES; i += 1) {
        const v = Math.max(-1, Math.min(1, pcm[start + i] ?? 0));
        peak = Math.max(peak, Math.abs(v));
        int16.writeInt16LE(Math.round(v * 32767), i * 2);
      }
      frames.push({ payload: Buffer.from(encoder.encode(int16, FRAME_SAMPLES)), level: peak });
      if (frames.length % 25 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    encoder.delete();
  }
  return frames;
}

/** Profiles encoded on first use and kept for the life of the process. */
export class VoiceBank {
  readonly #encoded = new Map<number, Promise<EncodedFrame[]>>();
  readonly #ready = new Map<number, EncodedFrame[]>();

  /** The frames when ready; starts encoding (once) and answers undefined until then. */
  frames(profileIndex: number): EncodedFrame[] | undefined {
    const ready = this.#ready.get(profileIndex);
    if (ready !== undefined) return ready;
    if (!this.#encoded.has(profileIndex)) {
      const encoding = encodeVoice(profileIndex).then((frames) => {
        this.#ready.set(profileIndex, frames);
        return frames;
      });
      encoding.catch((error: unknown) => {
        this.#encoded.delete(profileIndex);
        console.error(
          `local media: could not encode voice ${profileIndex}: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
      this.#encoded.set(profileIndex, encoding);
    }
    return undefined;
  }

  /** Resolves when a profile is encoded (tests, the bench). */
  async whenReady(profileIndex: number): Promise<void> {
    this.frames(profileIndex);
    await this.#encoded.get(profileIndex);
  }
}

/** One simulated person speaking: its own sequence, timestamp and place in the loop. */
export class SimulatedVoice {
  readonly profile: number;
  #frame: number;
  #sequence: number;
  #timestamp: number;
  readonly #ssrc: number;

  constructor(profile: number, startFrame: number, ssrc: number) {
    this.profile = profile;
    this.#frame = startFrame;
    this.#sequence = ssrc & 0xffff;
    this.#timestamp = ssrc >>> 1;
    this.#ssrc = ssrc;
  }

  /** The next RTP packet of this voice and its level. */
  next(frames: readonly EncodedFrame[]): { rtp: RtpPacket; level: number } {
    const frame = frames[this.#frame % frames.length];
    if (frame === undefined) throw new Error('a voice with no frames');
    this.#frame += 1;
    this.#sequence = (this.#sequence + 1) & 0xffff;
    this.#timestamp = (this.#timestamp + FRAME_SAMPLES) >>> 0;
    const header = new RtpHeader({
      payloadType: OPUS_PAYLOAD_TYPE,
      sequenceNumber: this.#sequence,
      timestamp: this.#timestamp,
      ssrc: this.#ssrc,
      marker: false,
    });
    return { rtp: new RtpPacket(header, frame.payload), level: frame.level };
  }
}
