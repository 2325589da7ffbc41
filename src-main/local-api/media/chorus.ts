/**
 * The simulated speakers: every session member that may publish audio and has no real device
 * connected speaks with a simulated voice (voices.ts), injected into the forwarding unit on one
 * shared 20 ms clock. A person keeps the voice first given to it; a call's people get different
 * profiles (the one least used in that session), and each starts at its own place in the loop.
 */
import { createHash } from 'node:crypto';
import type { LocalApiState } from '../state';
import type { ForwardingUnit } from './forwarder';
import { voiceStream } from './plan';
import { VOICE_PROFILES } from './voice-synth';
import { FRAME_MS, SimulatedVoice, VoiceBank } from './voices';

/** At most this many frames are sent at once after the event loop stalled; older ones are skipped. */
const MAX_CATCH_UP = 10;

interface Speaker {
  voice: SimulatedVoice;
  key: string;
  sessionId: string;
}

function hash32(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

export class Chorus {
  readonly #unit: ForwardingUnit;
  readonly #bank: VoiceBank;
  readonly #speakers = new Map<string, Speaker>();
  #timer: NodeJS.Timeout | undefined;
  #startedAt = 0;
  #sent = 0;

  constructor(unit: ForwardingUnit, bank: VoiceBank = new VoiceBank()) {
    this.#unit = unit;
    this.#bank = bank;
  }

  get speakers(): number {
    return this.#speakers.size;
  }

  /** Who speaks now: members allowed to publish audio, minus those with a real device. */
  sync(state: LocalApiState, withDevice: ReadonlySet<string>): void {
    const canSpeak = new Map(
      state.participants.map((p) => [p.id, p.publishPermissions.includes('AUDIO')]),
    );
    const speaking = new Map<string, string>();
    for (const session of state.sessions) {
      for (const id of session.participantIds) {
        if (canSpeak.get(id) === true && !withDevice.has(id)) speaking.set(id, session.id);
      }
    }
    for (const [id, speaker] of this.#speakers) {
      if (speaking.get(id) === speaker.sessionId) continue;
      this.#speakers.delete(id);
      this.#unit.removeStream(speaker.key);
    }
    for (const [id, sessionId] of speaking) {
      if (this.#speakers.has(id)) continue;
      const seed = hash32(id);
      const voice = new SimulatedVoice(this.#profileFor(sessionId, seed), seed % 300, seed);
      const key = this.#unit.addStream(voiceStream(id));
      this.#speakers.set(id, { voice, key, sessionId });
      this.#bank.frames(voice.profile);
    }
  }

  start(): void {
    if (this.#timer !== undefined) return;
    this.#startedAt = performance.now();
    this.#sent = 0;
    this.#timer = setInterval(() => this.tick(), FRAME_MS);
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Sends every frame that is due by now. */
  tick(): void {
    const due = Math.floor((performance.now() - this.#startedAt) / FRAME_MS);
    if (due - this.#sent > MAX_CATCH_UP) this.#sent = due - MAX_CATCH_UP;
    for (; this.#sent < due; this.#sent += 1) {
      for (const speaker of this.#speakers.values()) {
        const frames = this.#bank.frames(speaker.voice.profile);
        if (frames === undefined) continue;
        const { rtp, level } = speaker.voice.next(frames);
        this.#unit.forward(speaker.key, rtp, level);
      }
    }
  }

  /** Resolves once every current speaker's voice is encoded. */
  async ready(): Promise<void> {
    await Promise.all(
      [...this.#speakers.values()].map((s) => this.#bank.whenReady(s.voice.profile)),
    );
  }

  #profileFor(sessionId: string, seed: number): number {
    const used = new Array<number>(VOICE_PROFILES.length).fill(0);
    for (const s of this.#speakers.values()) {
      if (s.sessionId === sessionId) used[s.voice.profile] = (used[s.voice.profile] ?? 0) + 1;
    }
    const least = Math.min(...used);
    const candidates = used.flatMap((n, i) => (n === least ? [i] : []));
    return candidates[seed % candidates.length] ?? 0;
  }
}
