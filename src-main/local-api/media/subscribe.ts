/**
 * A device's subscribe connection: the gateway offers, the device answers (the SDK's flow). It is
 * the device's receiver port in the forwarding unit: when the streams routed to it change, it adds a
 * sendonly transceiver per new stream, removes the ones no longer routed, and re-offers with the
 * next `sdpRevision` and the new `streamMetadata`. One negotiation at a time; a change that arrives
 * meanwhile is folded into the next one. The first offer carries only the heartbeat data channel,
 * so that the bundle's first m-line is never one that is later removed (werift writes a removed
 * track as a rejected m-line, which Chromium refuses on the first one).
 */
import { MediaStream, MediaStreamTrack, RtpHeader, RtpPacket } from 'werift';
import type { RTCPeerConnection, RTCRtpTransceiver } from 'werift';
import type { ReceiverPort } from './forwarder';
import { permissionOf, streamKey } from './plan';
import type { PublishedStream } from './plan';
import { createPeerConnection, gathered } from './rtc';
import type { RtcOptions } from './rtc';
import { keepLoopbackCandidates } from './sdp';

/** How long the gateway waits for the device's `answerSdp`. */
const ANSWER_TIMEOUT_MS = 15_000;

export interface StreamMetadata {
  endpointId: string;
  mediaTypes: string[];
  alias?: string;
  participantId: string;
}

export interface SubscribeDeps {
  rtc: RtcOptions;
  endpointId: string;
  /** Sends a JSON-RPC notification to the device. */
  notify(method: string, params: unknown): void;
  /** The endpoint id of the device (or simulated voice) that publishes a stream. */
  endpointOf(stream: PublishedStream): string;
  /** A video leg needs a key frame (it just went live, or the device reported a loss). */
  requestKeyframe(stream: PublishedStream): void;
  onError(error: unknown): void;
}

interface Leg {
  stream: PublishedStream;
  track: MediaStreamTrack;
  transceiver: RTCRtpTransceiver;
  live: boolean;
}

/** A copy of a packet fit for one more leg (werift rewrites the header per leg; extension ids differ). */
function forwardable(rtp: RtpPacket): RtpPacket {
  const { payloadType, marker, sequenceNumber, timestamp, ssrc } = rtp.header;
  return new RtpPacket(
    new RtpHeader({ payloadType, marker, sequenceNumber, timestamp, ssrc }),
    rtp.payload,
  );
}

export function streamMetadata(
  streams: readonly PublishedStream[],
  endpointOf: (stream: PublishedStream) => string,
): Record<string, StreamMetadata> {
  const metadata: Record<string, StreamMetadata> = {};
  for (const stream of streams) {
    const entry = (metadata[stream.streamId] ??= {
      endpointId: endpointOf(stream),
      mediaTypes: [],
      participantId: stream.publisherId,
      ...(stream.alias === undefined ? {} : { alias: stream.alias }),
    });
    const type = permissionOf(stream.kind);
    if (!entry.mediaTypes.includes(type)) entry.mediaTypes.push(type);
  }
  return metadata;
}

export class SubscribeConnection implements ReceiverPort {
  readonly #deps: SubscribeDeps;
  #pc: RTCPeerConnection | undefined;
  readonly #legs = new Map<string, Leg>();
  #wanted: PublishedStream[] = [];
  #started = false;
  #negotiating = false;
  #again = false;
  #closed = false;
  #revision = 0;
  #pendingAnswer: ((sdp: string) => void) | undefined;

  constructor(deps: SubscribeDeps) {
    this.#deps = deps;
  }

  get revision(): number {
    return this.#revision;
  }

  /** The streams negotiated with the device now (tests). */
  negotiated(): PublishedStream[] {
    return [...this.#legs.values()].filter((l) => l.live).map((l) => ({ ...l.stream }));
  }

  /** Starts negotiating (after the device set its media preferences). */
  start(): void {
    this.#started = true;
    void this.#negotiate();
  }

  route(streams: readonly PublishedStream[]): void {
    this.#wanted = [...streams];
    if (this.#started) void this.#negotiate();
  }

  send(stream: PublishedStream, rtp: RtpPacket): boolean {
    const leg = this.#legs.get(streamKey(stream));
    if (leg === undefined || !leg.live || this.#pc?.connectionState !== 'connected') return false;
    leg.track.writeRtp(forwardable(rtp));
    return true;
  }

  /** The device's `answerSdp`; false when no offer is waiting for one. */
  answer(sdp: string): boolean {
    const resolve = this.#pendingAnswer;
    if (resolve === undefined) return false;
    this.#pendingAnswer = undefined;
    resolve(sdp);
    return true;
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#pendingAnswer = undefined;
    this.#legs.clear();
    await this.#pc?.close();
  }

  async #negotiate(): Promise<void> {
    if (this.#negotiating) {
      this.#again = true;
      return;
    }
    this.#negotiating = true;
    try {
      do {
        this.#again = false;
        await this.#offerOnce();
      } while (this.#again && !this.#closed);
    } catch (error) {
      if (!this.#closed) this.#deps.onError(error);
    } finally {
      this.#negotiating = false;
    }
  }

  async #offerOnce(): Promise<void> {
    let pc = this.#pc;
    if (pc === undefined) {
      pc = createPeerConnection(this.#deps.rtc);
      pc.createDataChannel('__heartbeat__', { negotiated: true, id: 0, protocol: 'udp' });
      this.#pc = pc;
      this.#again = true;
    } else {
      this.#applyLegs(pc);
    }
    await pc.setLocalDescription(await pc.createOffer());
    await gathered(pc);
    if (this.#closed) return;
    const local = pc.localDescription?.sdp ?? '';
    const sdpOffer =
      this.#deps.rtc.addresses === 'loopback' ? keepLoopbackCandidates(local) : local;
    const offered = [...this.#legs.values()];
    this.#revision += 1;
    const answered = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pendingAnswer = undefined;
        reject(new Error(`the device did not answer sdpOffer revision ${this.#revision}`));
      }, ANSWER_TIMEOUT_MS);
      this.#pendingAnswer = (sdp): void => {
        clearTimeout(timer);
        resolve(sdp);
      };
    });
    this.#deps.notify('sdpOffer', {
      sdpOffer,
      sdpRevision: this.#revision,
      endpointId: this.#deps.endpointId,
      streamMetadata: streamMetadata(
        offered.map((l) => l.stream),
        this.#deps.endpointOf,
      ),
    });
    const sdpAnswer = await answered;
    if (this.#closed) return;
    await pc.setRemoteDescription({ type: 'answer', sdp: sdpAnswer });
    for (const leg of offered) {
      if (leg.live) continue;
      leg.live = true;
      if (leg.stream.kind === 'video') this.#deps.requestKeyframe(leg.stream);
    }
  }

  #applyLegs(pc: RTCPeerConnection): void {
    const wanted = new Map(this.#wanted.map((s) => [streamKey(s), s]));
    for (const [key, leg] of this.#legs) {
      if (wanted.has(key)) continue;
      pc.removeTrack(leg.transceiver.sender);
      this.#legs.delete(key);
    }
    for (const [key, stream] of wanted) {
      if (this.#legs.has(key)) continue;
      const track = new MediaStreamTrack({ kind: stream.kind });
      const transceiver = pc.addTransceiver(track, {
        direction: 'sendonly',
        streams: [new MediaStream({ id: stream.streamId })],
      });
      transceiver.sender.onPictureLossIndication.subscribe(() =>
        this.#deps.requestKeyframe(stream),
      );
      this.#legs.set(key, { stream, track, transceiver, live: false });
    }
  }
}
