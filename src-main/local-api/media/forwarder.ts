/**
 * The forwarding unit: published streams in (browser tracks from the device gateway, simulated
 * voices), receiver ports out (a connected device's subscribe connection, or a simulated receiver's
 * counting sink). Each packet goes to exactly the receivers whose wanted media include its stream
 * (see plan.ts); the routes are recomputed whenever the wanted media, the streams or the ports
 * change, and each port is told its new list so it can renegotiate. Packets forwarded are counted
 * per receiver × publisher × kind since start, and each stream keeps its latest audio level.
 */
import type { RtpPacket } from 'werift';
import { streamKey, wants } from './plan';
import type { MediaKind, PublishedStream, WantedMedia } from './plan';

/** Where one receiver's media goes. */
export interface ReceiverPort {
  /** The streams routed to this receiver now, in a stable order (the port renegotiates to match). */
  route(streams: readonly PublishedStream[]): void;
  /** Sends one packet of a routed stream; false when it could not go out (not connected yet). */
  send(stream: PublishedStream, rtp: RtpPacket): boolean;
}

/** A simulated receiver: it only counts (the counting happens in the unit). */
export const COUNTING_SINK: ReceiverPort = {
  route: () => undefined,
  send: () => true,
};

export interface ForwardedCount {
  receiverId: string;
  publisherId: string;
  kind: MediaKind;
  packets: number;
  bytes: number;
}

export interface PublisherLevel {
  participantId: string;
  kind: MediaKind;
  /** Audio: the latest level, 0 (silence) to 1 (full scale); 0 after 0.5 s without packets. Video: null. */
  level: number | null;
}

export interface MediaView {
  forwarded: ForwardedCount[];
  publishers: PublisherLevel[];
}

interface Route {
  receiverId: string;
  port: ReceiverPort;
  count: ForwardedCount;
}

interface StreamEntry {
  stream: PublishedStream;
  /** Asks the publisher for a key frame (video: a receiver that starts mid-stream needs one). */
  requestKeyframe: (() => void) | undefined;
  routes: Route[];
  level: number;
  lastPacketAt: number;
}

const LEVEL_STALE_MS = 500;

export class ForwardingUnit {
  readonly #streams = new Map<string, StreamEntry>();
  readonly #ports = new Map<string, ReceiverPort>();
  readonly #routed = new Map<string, string>();
  readonly #counts = new Map<string, ForwardedCount>();
  #desired = new Map<string, WantedMedia[]>();
  readonly #now: () => number;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /** Replaces what every receiver wants (from plan.ts `desiredMedia`) and reroutes. */
  setDesired(desired: Map<string, WantedMedia[]>): void {
    this.#desired = desired;
    this.#reroute();
  }

  /** Attaches (or replaces) the port of a receiver. */
  attachReceiver(receiverId: string, port: ReceiverPort): void {
    this.#ports.set(receiverId, port);
    this.#routed.delete(receiverId);
    this.#reroute();
  }

  detachReceiver(receiverId: string, port?: ReceiverPort): void {
    if (port !== undefined && this.#ports.get(receiverId) !== port) return;
    this.#ports.delete(receiverId);
    this.#routed.delete(receiverId);
    this.#reroute();
  }

  receiverIds(): string[] {
    return [...this.#ports.keys()];
  }

  receiverPort(receiverId: string): ReceiverPort | undefined {
    return this.#ports.get(receiverId);
  }

  /** Adds a published stream (no-op when it is there already); returns its key. */
  addStream(stream: PublishedStream, requestKeyframe?: () => void): string {
    const key = streamKey(stream);
    if (!this.#streams.has(key)) {
      this.#streams.set(key, {
        stream: { ...stream },
        requestKeyframe,
        routes: [],
        level: 0,
        lastPacketAt: -1e9,
      });
      this.#reroute();
    }
    return key;
  }

  /** Passes a receiver's request for a key frame on to the stream's publisher. */
  requestKeyframe(stream: PublishedStream): void {
    this.#streams.get(streamKey(stream))?.requestKeyframe?.();
  }

  removeStream(key: string): void {
    if (this.#streams.delete(key)) this.#reroute();
  }

  streams(): PublishedStream[] {
    return [...this.#streams.values()].map((e) => ({ ...e.stream }));
  }

  /** The hot path: one packet of a stream to every receiver routed to it. */
  forward(key: string, rtp: RtpPacket, level?: number): void {
    const entry = this.#streams.get(key);
    if (entry === undefined) return;
    entry.lastPacketAt = this.#now();
    if (level !== undefined) entry.level = level;
    const bytes = rtp.header.serializeSize + rtp.payload.length;
    for (const route of entry.routes) {
      if (!route.port.send(entry.stream, rtp)) continue;
      route.count.packets += 1;
      route.count.bytes += bytes;
    }
  }

  /** The receivers a stream goes to now (tests and the bench). */
  receiversOf(key: string): string[] {
    return (this.#streams.get(key)?.routes ?? []).map((r) => r.receiverId);
  }

  view(): MediaView {
    const now = this.#now();
    const publishers = [...this.#streams.values()].map(({ stream, level, lastPacketAt }) => ({
      participantId: stream.publisherId,
      kind: stream.kind,
      level: stream.kind === 'video' ? null : now - lastPacketAt > LEVEL_STALE_MS ? 0 : level,
    }));
    return { forwarded: [...this.#counts.values()].map((c) => ({ ...c })), publishers };
  }

  #count(receiverId: string, stream: PublishedStream): ForwardedCount {
    const key = `${receiverId}|${stream.publisherId}|${stream.kind}`;
    let count = this.#counts.get(key);
    if (count === undefined) {
      count = {
        receiverId,
        publisherId: stream.publisherId,
        kind: stream.kind,
        packets: 0,
        bytes: 0,
      };
      this.#counts.set(key, count);
    }
    return count;
  }

  #reroute(): void {
    const perReceiver = new Map<string, PublishedStream[]>();
    for (const entry of this.#streams.values()) {
      entry.routes = [];
      for (const [receiverId, port] of this.#ports) {
        const wanted = this.#desired.get(receiverId) ?? [];
        if (receiverId === entry.stream.publisherId || !wants(wanted, entry.stream)) continue;
        entry.routes.push({ receiverId, port, count: this.#count(receiverId, entry.stream) });
        const list = perReceiver.get(receiverId) ?? [];
        list.push(entry.stream);
        perReceiver.set(receiverId, list);
      }
    }
    for (const [receiverId, port] of this.#ports) {
      const list = (perReceiver.get(receiverId) ?? []).sort((a, b) =>
        streamKey(a).localeCompare(streamKey(b)),
      );
      const signature = list.map(streamKey).join(',');
      if (this.#routed.get(receiverId) === signature) continue;
      this.#routed.set(receiverId, signature);
      port.route(list);
    }
  }
}
