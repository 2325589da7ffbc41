/**
 * The local media plane: the device gateway, the forwarding unit and the simulated voices, kept in
 * step with the store. After every store change (coalesced into one pass per tick) it recomputes
 * what each receiver must get (plan.ts), gives every session member without a device a counting
 * sink, closes the device of a participant that was deleted, lets the chorus add or drop simulated
 * speakers, and hands the new wanted media to the forwarding unit, whose ports renegotiate.
 */
import type { Server } from 'node:http';
import type { WebSocket } from 'ws';
import type { LocalApiState } from '../state';
import type { Chorus } from './chorus';
import type { Device } from './device';
import { COUNTING_SINK, ForwardingUnit } from './forwarder';
import type { MediaView } from './forwarder';
import { GatewayDoor } from './gateway';
import type { TokenClaims } from './gateway';
import { desiredMedia, kindOf, voiceStream } from './plan';
import type { MediaKind, PublishedStream } from './plan';
import { portRangeFor } from './ice-options';
import type { HostAddresses, RtcOptions } from './ice-options';

export interface MediaPlaneOptions {
  /** Simulated voices for every member without a device (default false). */
  voices?: boolean;
  /** ICE host candidates: the machine's addresses plus loopback (default), or loopback only. */
  addresses?: HostAddresses;
  /** Devices connected at once (default 16); sizes the ICE port range. */
  maxDevices?: number;
  /** First UDP port of the ICE range (default: any free port, no fixed range). */
  firstIcePort?: number;
  /** Problems of connected devices (default: console.error). */
  log?: (line: string) => void;
}

export interface MediaPlaneDeps {
  accountId: string;
  state(): LocalApiState;
  verifyToken(token: string): Promise<TokenClaims>;
}

const DEFAULT_MAX_DEVICES = 16;

export class MediaPlane {
  readonly unit = new ForwardingUnit();
  readonly #deps: MediaPlaneDeps;
  readonly #voices: boolean;
  #chorus: Chorus | undefined;
  readonly #chorusLoaded: Promise<void>;
  readonly #devices = new Map<string, Device>();
  readonly #door: GatewayDoor;
  readonly #rtc: RtcOptions;
  readonly #maxDevices: number;
  readonly #log: (line: string) => void;
  #state: LocalApiState = { sessions: [], participants: [] };
  #scheduled = false;
  #closed = false;
  #server: Server | undefined;

  constructor(deps: MediaPlaneDeps, options: MediaPlaneOptions = {}) {
    this.#deps = deps;
    this.#maxDevices = options.maxDevices ?? DEFAULT_MAX_DEVICES;
    this.#log = options.log ?? ((line): void => console.error(`local media: ${line}`));
    this.#rtc = {
      addresses: options.addresses ?? 'machine',
      ...(options.firstIcePort === undefined
        ? {}
        : { portRange: portRangeFor(options.firstIcePort, this.#maxDevices) }),
    };
    this.#voices = options.voices === true;
    this.#door = new GatewayDoor({
      accountId: deps.accountId,
      verifyToken: deps.verifyToken,
      participantExists: (id) => deps.state().participants.some((p) => p.id === id),
      hasRoom: (id) => this.#devices.has(id) || this.#devices.size < this.#maxDevices,
      admit: (ws, id) => this.#admit(ws, id),
    });
    this.#chorusLoaded = this.#voices ? this.#startChorus() : Promise.resolve();
    this.storeChanged();
  }

  get voices(): boolean {
    return this.#voices;
  }

  /** Serves the gateway on `server` (the local API's HTTP server). */
  attach(server: Server): void {
    this.#server = server;
    server.on('upgrade', this.#door.onUpgrade);
  }

  /** Call after every store change; the plane catches up once per tick. */
  storeChanged(): void {
    if (this.#scheduled || this.#closed) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      if (!this.#closed) this.#sync();
    });
  }

  view(): MediaView {
    return this.unit.view();
  }

  /** The connected device of a participant (tests). */
  device(participantId: string): Device | undefined {
    return this.#devices.get(participantId);
  }

  /** Resolves when every simulated voice now speaking is encoded (tests, the bench). */
  async voicesReady(): Promise<void> {
    await this.#chorusLoaded;
    this.#sync();
    await this.#chorus?.ready();
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#chorus?.stop();
    this.#server?.off('upgrade', this.#door.onUpgrade);
    const closing = [...this.#devices.values()].map((d) => d.close('the local API is stopping'));
    await Promise.allSettled(closing);
    this.#door.close();
  }

  async #startChorus(): Promise<void> {
    // The WebRTC code (werift, opusscript) loads on first use: a local API with no voices and no
    // device starts as fast as it did before the media plane.
    const { Chorus } = await import('./chorus');
    if (this.#closed) return;
    this.#chorus = new Chorus(this.unit);
    this.#chorus.start();
    this.storeChanged();
  }

  async #admit(ws: WebSocket, participantId: string): Promise<void> {
    const { Device } = await import('./device');
    if (this.#closed) {
      ws.close(1000, 'the local API is stopping');
      return;
    }
    void this.#devices
      .get(participantId)
      ?.close('replaced by a newer connection of this participant');
    const device = new Device(ws, {
      participantId,
      unit: this.unit,
      rtc: this.#rtc,
      allowedKinds: () => this.#allowedKinds(participantId),
      endpointOf: (stream) => this.#endpointOf(stream),
      onClosed: (gone) => {
        if (this.#devices.get(participantId) !== gone) return;
        this.#devices.delete(participantId);
        this.unit.detachReceiver(participantId, gone.subscriber);
        this.#sync();
      },
      log: this.#log,
    });
    this.#devices.set(participantId, device);
    this.unit.attachReceiver(participantId, device.subscriber);
    this.#sync();
  }

  #allowedKinds(participantId: string): MediaKind[] {
    const p = this.#state.participants.find((x) => x.id === participantId);
    return (p?.publishPermissions ?? []).map(kindOf);
  }

  #endpointOf(stream: PublishedStream): string {
    const device = this.#devices.get(stream.publisherId);
    return device?.endpointId ?? voiceStream(stream.publisherId).streamId;
  }

  #sync(): void {
    if (this.#closed) return;
    const state = this.#deps.state();
    this.#state = state;
    const exists = new Set(state.participants.map((p) => p.id));
    for (const [id, device] of this.#devices) {
      if (!exists.has(id)) void device.close('the participant was deleted');
    }
    const desired = desiredMedia(state);
    for (const id of desired.keys()) {
      if (this.unit.receiverPort(id) === undefined) this.unit.attachReceiver(id, COUNTING_SINK);
    }
    this.#detachSinksOutside(desired);
    this.#chorus?.sync(state, new Set(this.#devices.keys()));
    this.unit.setDesired(desired);
  }

  #detachSinksOutside(members: Map<string, unknown>): void {
    for (const id of this.unit.receiverIds()) {
      if (!members.has(id) && this.unit.receiverPort(id) === COUNTING_SINK) {
        this.unit.detachReceiver(id, COUNTING_SINK);
      }
    }
  }
}
