/**
 * The browser's media devices for my audio: the microphone (audio only, with the browser's usual
 * echo cancellation and noise suppression, for a supervisor on a headset or speakers), the lists
 * of inputs and outputs, and a level reader per received stream (WebAudio AnalyserNode). The audio
 * state takes these as one object, so tests hand in a fake.
 */

export interface DeviceChoice {
  deviceId: string;
  /** What the browser calls it; "Microphone 2" when it does not say (no permission yet). */
  label: string;
}

export interface AudioDevices {
  /** My microphone, from the chosen input (or the default); audio only. */
  microphone(deviceId: string | null): Promise<MediaStream>;
  inputs(): Promise<DeviceChoice[]>;
  outputs(): Promise<DeviceChoice[]>;
  /** Calls `changed` when devices come or go; returns the unsubscribe. */
  onChange(changed: () => void): () => void;
  /** A reader of a stream's current peak level (0–1); `stop` releases it. */
  meter(stream: MediaStream): { level(): number; stop(): void };
}

function choices(list: MediaDeviceInfo[], kind: MediaDeviceKind, word: string): DeviceChoice[] {
  return list
    .filter((d) => d.kind === kind && d.deviceId !== '')
    .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `${word} ${i + 1}` }));
}

let context: AudioContext | null = null;

/** One AudioContext for every meter (resumed on first use: autoplay rules may start it paused). */
function audioContext(): AudioContext {
  context ??= new AudioContext();
  if (context.state === 'suspended') void context.resume();
  return context;
}

export const browserAudioDevices: AudioDevices = {
  microphone: (deviceId) =>
    navigator.mediaDevices.getUserMedia({
      audio: deviceId === null ? true : { deviceId: { exact: deviceId } },
      video: false,
    }),
  inputs: async () =>
    choices(await navigator.mediaDevices.enumerateDevices(), 'audioinput', 'Microphone'),
  outputs: async () =>
    choices(await navigator.mediaDevices.enumerateDevices(), 'audiooutput', 'Speaker'),
  onChange(changed) {
    navigator.mediaDevices.addEventListener('devicechange', changed);
    return () => navigator.mediaDevices.removeEventListener('devicechange', changed);
  },
  meter(stream) {
    const ctx = audioContext();
    const source = ctx.createMediaStreamSource(stream);
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 2048;
    source.connect(analyser);
    const buffer = new Float32Array(analyser.fftSize);
    return {
      level(): number {
        analyser.getFloatTimeDomainData(buffer);
        let peak = 0;
        for (const v of buffer) peak = Math.max(peak, Math.abs(v));
        return Math.min(1, peak);
      },
      stop(): void {
        source.disconnect();
      },
    };
  },
};

/** Releases a microphone stream (the browser's recording light goes off). */
export function stopTracks(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
