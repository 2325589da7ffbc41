/**
 * The level of each person I receive (who is talking): one meter per received stream, read ten
 * times a second while any stream is there, kept per participant. The meters come from the
 * browser (../audio-devices.ts) or a test's fake.
 */
import type { Every } from '../clock';
import type { AudioDevices } from '../audio-devices';

const READ_EVERY_MS = 100;

interface Metered {
  streamId: string;
  participantId: string;
  meter: ReturnType<AudioDevices['meter']>;
}

export class AudioLevels {
  #levels = $state<Readonly<Record<string, number>>>({});
  /** Not reactive itself: `levels` is what the screen reads. */
  #meters: Metered[] = [];
  readonly #meter: AudioDevices['meter'];
  readonly #every: Every;
  #stopReading: (() => void) | null = null;

  constructor(meter: AudioDevices['meter'], every: Every) {
    this.#meter = meter;
    this.#every = every;
  }

  /** Peak level (0–1) per participant I receive. */
  get levels(): Readonly<Record<string, number>> {
    return this.#levels;
  }

  add(streamId: string, participantId: string, stream: MediaStream): void {
    this.remove(streamId);
    this.#meters = [...this.#meters, { streamId, participantId, meter: this.#meter(stream) }];
    this.#stopReading ??= this.#every(() => this.#read(), READ_EVERY_MS);
  }

  remove(streamId: string): void {
    const gone = this.#meters.find((m) => m.streamId === streamId);
    if (gone === undefined) return;
    gone.meter.stop();
    this.#meters = this.#meters.filter((m) => m !== gone);
    if (this.#meters.length === 0) this.clear();
    else this.#read();
  }

  clear(): void {
    for (const { meter } of this.#meters) meter.stop();
    this.#meters = [];
    this.#stopReading?.();
    this.#stopReading = null;
    this.#levels = {};
  }

  #read(): void {
    const next: Record<string, number> = {};
    for (const { participantId, meter } of this.#meters) {
      next[participantId] = Math.max(next[participantId] ?? 0, meter.level());
    }
    this.#levels = next;
  }
}
