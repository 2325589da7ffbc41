/**
 * Which microphone and speaker my audio uses: the browser's lists (read again on connect, once the
 * microphone is allowed — labels appear then — and when devices come or go) and the choices,
 * remembered while the page lives. The audio state republishes a chosen microphone.
 */
import type { AudioDevices, DeviceChoice } from '../audio-devices';

export class AudioChoice {
  #inputs = $state.raw<readonly DeviceChoice[]>([]);
  #outputs = $state.raw<readonly DeviceChoice[]>([]);
  #inputId = $state<string | null>(null);
  #outputId = $state<string | null>(null);
  readonly #devices: Pick<AudioDevices, 'inputs' | 'outputs'>;

  constructor(devices: Pick<AudioDevices, 'inputs' | 'outputs'>) {
    this.#devices = devices;
  }

  get inputs(): readonly DeviceChoice[] {
    return this.#inputs;
  }
  get outputs(): readonly DeviceChoice[] {
    return this.#outputs;
  }
  /** The chosen microphone (null: the default). */
  get inputId(): string | null {
    return this.#inputId;
  }
  /** The chosen speaker (null: the default). */
  get outputId(): string | null {
    return this.#outputId;
  }

  /** Whether `deviceId` is a new microphone choice (then remembered). */
  setInput(deviceId: string | null): boolean {
    if (deviceId === this.#inputId) return false;
    this.#inputId = deviceId;
    return true;
  }

  chooseOutput(deviceId: string | null): void {
    this.#outputId = deviceId;
  }

  async refresh(): Promise<void> {
    try {
      const [inputs, outputs] = await Promise.all([
        this.#devices.inputs(),
        this.#devices.outputs(),
      ]);
      this.#inputs = inputs;
      this.#outputs = outputs;
    } catch {
      // No device access here (no permission yet): the lists stay as they were.
    }
  }
}
