/**
 * My audio in the console, following "me" (./me.svelte.ts): while I am on a call it asks main for
 * my audio grant (`me:audio`) and connects my participant's device with the SDK; Monitor plays the
 * call (received streams, with a level per person), Coach and Barge publish my microphone, Monitor
 * unpublishes it, Leave disconnects. Mute and push-to-talk hold the microphone's track silent or
 * open; input and output devices are chosen here (remembered while the page lives).
 *
 * The connection's state in words: connecting, connected, reconnecting (since when: after a
 * network loss the connection is rebuilt with a fresh grant, the SDK retrying until the gateway
 * answers), refused (the gateway closed the socket with a reason: no retry), failed, disconnected.
 * The grant's token goes straight to the link and is never kept.
 */
import type { MeMode, MeView } from '$shared/dto/me';
import type { PatchbayBridge } from '../api';
import type { AudioLink, OpenAudioLink, ReceivedStream } from '../api/audio';
import { stopTracks, type AudioDevices } from '../audio-devices';
import { refusal } from '../audio-words';
import type { Every } from '../clock';
import { AudioChoice } from './audio-choice.svelte';
import { AudioLevels } from './audio-levels.svelte';

export type AudioStatus =
  'idle' | 'connecting' | 'connected' | 'reconnecting' | 'refused' | 'failed' | 'disconnected';

export interface AudioDeps {
  bridge: Pick<PatchbayBridge, 'me'>;
  open: OpenAudioLink;
  devices: AudioDevices;
  profileId: () => string;
  now: () => number;
  every: Every;
  /** Waits before the next attempt to rebuild a lost connection. */
  pause: (ms: number) => Promise<void>;
}

/** Pauses between attempts to rebuild a lost connection (the last one repeats). */
const RETRY_MS = [500, 1_000, 2_000, 5_000];

const speaks = (mode: MeMode | null): boolean => mode === 'coach' || mode === 'barge';

export class AudioStore {
  #status = $state<AudioStatus>('idle');
  #problem = $state<string | null>(null);
  #waitingSince = $state<number | null>(null);
  #streams = $state.raw<readonly ReceivedStream[]>([]);
  #published = $state(false);
  #muted = $state(false);
  #talking = $state(false);
  readonly #levels: AudioLevels;
  /** The microphone and speaker lists and choices. */
  readonly devices: AudioChoice;
  readonly #d: AudioDeps;
  #link: AudioLink | null = null;
  #participantId: string | null = null;
  #mode: MeMode | null = null;
  #mic: { stream: MediaStream; streamId: string } | null = null;
  /** Bumped whenever the connection is replaced: late answers of an older one are dropped. */
  #generation = 0;
  #micQueue: Promise<void> = Promise.resolve();
  /** Attempts so far to rebuild a lost connection (the pause grows with them). */
  #attempts = 0;

  constructor(deps: AudioDeps) {
    this.#d = deps;
    this.#levels = new AudioLevels(deps.devices.meter, deps.every);
    this.devices = new AudioChoice(deps.devices);
  }

  get status(): AudioStatus {
    return this.#status;
  }
  /** Why the connection was refused or failed, or the microphone could not open. */
  get problem(): string | null {
    return this.#problem;
  }
  /** Since when (epoch ms) the gateway has not answered: connecting, or reconnecting after a loss. */
  get waitingSince(): number | null {
    return this.#waitingSince;
  }
  get streams(): readonly ReceivedStream[] {
    return this.#streams;
  }
  get levels(): Readonly<Record<string, number>> {
    return this.#levels.levels;
  }
  /** My microphone is published to the call (Coach, Barge). */
  get published(): boolean {
    return this.#published;
  }
  get muted(): boolean {
    return this.#muted;
  }
  /** Push-to-talk held. */
  get talking(): boolean {
    return this.#talking;
  }
  /** Whether my voice goes out: published, and not muted unless push-to-talk holds it open. */
  get micOpen(): boolean {
    return this.#published && (!this.#muted || this.#talking);
  }

  /** Where I am now (every change of "me"): connects, follows the mode, or disconnects. */
  follow(me: MeView | null): void {
    if (me === null) {
      if (this.#participantId !== null) this.#stop('disconnected');
      this.#participantId = null;
      this.#mode = null;
      return;
    }
    this.#mode = me.mode;
    if (me.participantId !== this.#participantId) {
      this.#stop('connecting');
      this.#participantId = me.participantId;
      void this.#connect(this.#generation, false);
      return;
    }
    if (this.#status === 'connected') this.#syncMic();
  }

  /** After a refusal or a failure: try again with a fresh grant. */
  retry(): void {
    if (this.#participantId === null) return;
    this.#stop('connecting');
    void this.#connect(this.#generation, false);
  }

  setMuted(muted: boolean): void {
    this.#muted = muted;
    this.#applyMicEnabled();
  }

  /** Push-to-talk: held (true) opens a muted microphone until released (false). */
  talk(held: boolean): void {
    if (this.#talking === held) return;
    this.#talking = held;
    this.#applyMicEnabled();
  }

  /** The microphone to publish from; a published one is republished from it. */
  chooseInput(deviceId: string | null): void {
    if (!this.devices.setInput(deviceId) || this.#mic === null) return;
    this.#queueMic(async (link, generation) => {
      await this.#unpublish(link);
      if (generation === this.#generation && speaks(this.#mode)) await this.#publish(link);
    });
  }

  /** The page goes away. */
  close(): void {
    this.#stop('disconnected');
  }

  async #connect(generation: number, reconnecting: boolean): Promise<void> {
    const current = (): boolean => generation === this.#generation;
    const grant = await this.#d.bridge.me.audio({ profileId: this.#d.profileId() });
    if (!current()) return;
    if (!grant.ok) {
      if (grant.error.code === 'me-absent') return this.#stop('disconnected', grant.error.message);
      if (reconnecting) return this.#retryLater(generation);
      return this.#stop('failed', `Your audio could not start: ${grant.error.message}`);
    }
    if (grant.value.participantId !== this.#participantId) return; // "me" moved on meanwhile
    const link = this.#d.open({
      streamAdded: (s) => current() && this.#added(s),
      streamRemoved: (id) => current() && this.#removed(id),
      lost: () => current() && this.#lost(),
      refused: (reason) => current() && this.#stop('refused', refusal(reason)),
    });
    this.#link = link;
    const { websocketUrl, deviceToken } = grant.value;
    try {
      await link.connect({ websocketUrl, deviceToken });
    } catch (error) {
      // The SDK's own words, never with the token in them.
      const said = String((error as Error).message).replaceAll(deviceToken, '(your token)');
      if (current()) this.#stop('failed', `Your audio could not connect: ${said}`);
      return;
    }
    if (!current()) return;
    this.#status = 'connected';
    this.#attempts = 0;
    this.#waitingSince = null;
    this.#problem = null;
    void this.devices.refresh();
    this.#syncMic();
  }

  /** The socket went: rebuild with a fresh grant (the gateway drops the old device's media). */
  #lost(): void {
    const since = this.#waitingSince ?? this.#d.now();
    this.#stop('reconnecting');
    this.#waitingSince = since;
    void this.#retryLater(this.#generation);
  }

  async #retryLater(generation: number): Promise<void> {
    const pause = RETRY_MS[Math.min(this.#attempts, RETRY_MS.length - 1)] ?? 5_000;
    this.#attempts += 1;
    await this.#d.pause(pause);
    if (generation !== this.#generation || this.#participantId === null) return;
    await this.#connect(generation, true);
  }

  #added(stream: ReceivedStream): void {
    this.#streams = [...this.#streams.filter((s) => s.streamId !== stream.streamId), stream];
    this.#levels.add(stream.streamId, stream.participantId, stream.mediaStream);
  }

  #removed(streamId: string): void {
    this.#streams = this.#streams.filter((s) => s.streamId !== streamId);
    this.#levels.remove(streamId);
  }

  /** Publishes or unpublishes my microphone to match the mode. */
  #syncMic(): void {
    this.#queueMic(async (link) => {
      if (speaks(this.#mode) && this.#mic === null) await this.#publish(link);
      else if (!speaks(this.#mode) && this.#mic !== null) await this.#unpublish(link);
    });
  }

  /** Microphone changes run one after another, each on the link it started with. */
  #queueMic(step: (link: AudioLink, generation: number) => Promise<void>): void {
    const link = this.#link;
    const generation = this.#generation;
    if (link === null) return;
    this.#micQueue = this.#micQueue
      .then(() => (generation === this.#generation ? step(link, generation) : undefined))
      .catch((error: unknown) => {
        if (generation === this.#generation) {
          this.#problem = `Your microphone could not be used: ${(error as Error).message}`;
        }
      });
  }

  async #publish(link: AudioLink): Promise<void> {
    const generation = this.#generation;
    const stream = await this.#d.devices.microphone(this.devices.inputId);
    if (generation !== this.#generation) return stopTracks(stream);
    // Muted stays muted from the first packet on.
    const open = !this.#muted || this.#talking;
    for (const track of stream.getAudioTracks()) track.enabled = open;
    const streamId = await link.publish(stream);
    if (generation !== this.#generation) return stopTracks(stream);
    this.#mic = { stream, streamId };
    this.#published = true;
    this.#problem = null;
    this.#applyMicEnabled();
    void this.devices.refresh(); // labels appear once the microphone is allowed
  }

  async #unpublish(link: AudioLink): Promise<void> {
    const mic = this.#mic;
    if (mic === null) return;
    this.#mic = null;
    this.#published = false;
    stopTracks(mic.stream);
    await link.unpublish(mic.streamId);
  }

  #applyMicEnabled(): void {
    this.#link?.setMicEnabled(this.micOpen);
  }

  /** Ends the current connection (if any) and shows `status`. */
  #stop(status: AudioStatus, problem: string | null = null): void {
    this.#generation += 1;
    this.#link?.disconnect();
    this.#link = null;
    if (this.#mic !== null) stopTracks(this.#mic.stream);
    this.#mic = null;
    this.#published = false;
    this.#talking = false;
    this.#streams = [];
    this.#levels.clear();
    this.#status = status;
    this.#problem = problem;
    if (status === 'connecting') this.#waitingSince = this.#d.now();
    else if (status !== 'reconnecting') this.#waitingSince = null;
  }
}
