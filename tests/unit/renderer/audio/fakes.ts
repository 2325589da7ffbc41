/** A fake audio link (the SDK's place), fake devices and a hand-driven clock for AudioStore tests. */
import type { MeView } from '../../../../src-main/shared/dto/me';
import type { MeAudioGrant } from '../../../../src-main/shared/dto/me';
import type {
  AudioGrantUse,
  AudioLink,
  AudioLinkEvents,
} from '../../../../src-renderer/lib/api/audio';
import type { AudioDevices } from '../../../../src-renderer/lib/audio-devices';
import { AudioStore } from '../../../../src-renderer/lib/state/audio.svelte';
import { fakeBridge, ok, type Handlers } from '../support/fake-bridge';

export interface FakeTrack {
  enabled: boolean;
  stopped: boolean;
  stop(): void;
}

export function fakeStream(id: string): MediaStream & { track: FakeTrack } {
  const track: FakeTrack = {
    enabled: true,
    stopped: false,
    stop() {
      this.stopped = true;
    },
  };
  return {
    id,
    track,
    getTracks: () => [track],
    getAudioTracks: () => [track],
  } as unknown as MediaStream & { track: FakeTrack };
}

export class FakeLink implements AudioLink {
  readonly log: string[] = [];
  grant: AudioGrantUse | null = null;
  micEnabled: boolean[] = [];
  disconnected = false;
  published: MediaStream[] = [];
  #settle: { resolve: () => void; reject: (e: Error) => void } | null = null;
  constructor(readonly events: AudioLinkEvents) {}
  connect(grant: AudioGrantUse): Promise<void> {
    this.grant = grant;
    return new Promise((resolve, reject) => (this.#settle = { resolve, reject }));
  }
  /** The gateway answers. */
  open(): void {
    this.#settle?.resolve();
  }
  fail(message: string): void {
    this.#settle?.reject(new Error(message));
  }
  async publish(stream: MediaStream): Promise<string> {
    this.published.push(stream);
    this.log.push(`publish ${stream.id}`);
    return `pub-${stream.id}`;
  }
  async unpublish(streamId: string): Promise<void> {
    this.log.push(`unpublish ${streamId}`);
  }
  setMicEnabled(enabled: boolean): void {
    this.micEnabled.push(enabled);
  }
  disconnect(): void {
    this.disconnected = true;
  }
}

export const GRANT: MeAudioGrant = {
  sessionId: 's1',
  participantId: 'me-1',
  websocketUrl: 'ws://127.0.0.1:4000',
  deviceToken: 'device-token-secret',
};

export const ME: MeView = {
  profileId: 'p1',
  displayName: 'Dana Reyes',
  sessionId: 's1',
  participantId: 'me-1',
  mode: 'monitor',
};

export function setup(handlers: Handlers = { 'me:audio': () => ok(GRANT) }) {
  const fake = fakeBridge(handlers);
  const links: FakeLink[] = [];
  const microphones: (string | null)[] = [];
  const levels = new Map<MediaStream, number>();
  const stopped: MediaStream[] = [];
  let tick: (() => void) | null = null;
  const pauses: { ms: number; go: () => void }[] = [];
  const devices: AudioDevices = {
    microphone: async (deviceId) => {
      microphones.push(deviceId);
      return fakeStream(`mic-${microphones.length}`);
    },
    inputs: async () => [{ deviceId: 'in-2', label: 'Headset' }],
    outputs: async () => [{ deviceId: 'out-2', label: 'Speakers' }],
    onChange: () => () => undefined,
    meter: (stream) => ({
      level: () => levels.get(stream) ?? 0,
      stop: () => void stopped.push(stream),
    }),
  };
  let now = 1_000_000;
  const store = new AudioStore({
    bridge: fake.bridge,
    open: (events) => {
      const link = new FakeLink(events);
      links.push(link);
      return link;
    },
    devices,
    profileId: () => 'p1',
    now: () => now,
    every: (run) => {
      tick = run;
      return () => (tick = null);
    },
    pause: (ms) => new Promise<void>((go) => pauses.push({ ms, go })),
  });
  return {
    fake,
    store,
    links,
    link: (): FakeLink => {
      const last = links.at(-1);
      if (!last) throw new Error('no link was opened');
      return last;
    },
    microphones,
    levels,
    stopped,
    pauses,
    tick: () => tick?.(),
    ticking: () => tick !== null,
    advance: (ms: number) => (now += ms),
  };
}

/** Lets pending promise callbacks run. */
export const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
