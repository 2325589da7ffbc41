/**
 * A device's publish connection: the device offers (`offerSdp`), the gateway answers with
 * `{sdpAnswer, endpointId, streamMetadata}`. Every audio or video m-line the offer sends becomes a
 * published stream in the forwarding unit (publisher, msid stream id, kind, the alias from the
 * offer's `mediaMetadata`); each received RTP packet is forwarded as it arrives, with the audio
 * level read from the RFC 6464 header extension. A later offer that drops an m-line unpublishes it.
 */
import { RTP_EXTENSION_URI } from 'werift';
import type { Extensions, RTCPeerConnection, RtpPacket } from 'werift';
import type { ForwardingUnit } from './forwarder';
import type { MediaKind, PublishedStream } from './plan';
import { createPeerConnection, gathered } from './rtc';
import type { RtcOptions } from './rtc';
import { keepLoopbackCandidates, offeredTracks } from './sdp';
import { streamMetadata } from './subscribe';
import type { StreamMetadata } from './subscribe';

export interface PublishDeps {
  rtc: RtcOptions;
  participantId: string;
  endpointId: string;
  unit: ForwardingUnit;
  /** The kinds this participant may publish (its publishPermissions). */
  allowedKinds(): readonly MediaKind[];
}

export interface OfferSdpParams {
  sdpOffer: string;
  mediaMetadata?: { mediaStreams: Record<string, { alias?: string | undefined }> } | undefined;
}

export interface PublishAnswer {
  sdpAnswer: string;
  endpointId: string;
  streamMetadata: Record<string, StreamMetadata>;
}

/** RFC 6464 level (−dBov, 0–127) as a linear level 0–1. */
function linearLevel(extensions: Extensions | undefined): number | undefined {
  const value: unknown = extensions?.[RTP_EXTENSION_URI.audioLevelIndication];
  if (typeof value !== 'object' || value === null || !('level' in value)) return undefined;
  const dbov = Number(value.level);
  return Number.isFinite(dbov) ? (dbov >= 127 ? 0 : 10 ** (-dbov / 20)) : undefined;
}

export class PublishConnection {
  readonly #deps: PublishDeps;
  #pc: RTCPeerConnection | undefined;
  /** mid → the forwarding unit's stream key. */
  readonly #keys = new Map<string, string>();
  #closed = false;

  constructor(deps: PublishDeps) {
    this.#deps = deps;
  }

  async offer(params: OfferSdpParams): Promise<PublishAnswer> {
    const pc = (this.#pc ??= this.#create());
    await pc.setRemoteDescription({ type: 'offer', sdp: params.sdpOffer });
    await pc.setLocalDescription(await pc.createAnswer());
    await gathered(pc);
    const local = pc.localDescription?.sdp ?? '';
    const sdpAnswer =
      this.#deps.rtc.addresses === 'loopback' ? keepLoopbackCandidates(local) : local;

    const aliases = params.mediaMetadata?.mediaStreams ?? {};
    const streams: PublishedStream[] = [];
    const seen = new Set<string>();
    for (const track of offeredTracks(params.sdpOffer)) {
      const alias = aliases[track.streamId]?.alias;
      const stream: PublishedStream = {
        publisherId: this.#deps.participantId,
        streamId: track.streamId,
        kind: track.kind,
        ...(alias === undefined ? {} : { alias }),
      };
      streams.push(stream);
      seen.add(track.mid);
      const keyframe = (): void => this.#requestKeyframe(track.mid);
      if (!this.#closed) this.#keys.set(track.mid, this.#deps.unit.addStream(stream, keyframe));
    }
    for (const [mid, key] of this.#keys) {
      if (seen.has(mid)) continue;
      this.#keys.delete(mid);
      this.#deps.unit.removeStream(key);
    }
    const allowed = this.#deps.allowedKinds();
    const published = streams.filter((s) => allowed.includes(s.kind));
    const metadata = streamMetadata(published, () => this.#deps.endpointId);
    for (const streamId of Object.keys(aliases)) {
      // A stream whose kinds are all refused is still named, with no media types.
      metadata[streamId] ??= {
        endpointId: this.#deps.endpointId,
        mediaTypes: [],
        participantId: this.#deps.participantId,
      };
    }
    return { sdpAnswer, endpointId: this.#deps.endpointId, streamMetadata: metadata };
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const key of this.#keys.values()) this.#deps.unit.removeStream(key);
    this.#keys.clear();
    await this.#pc?.close();
  }

  /** RTCP PLI to the device for the track on m-line `mid`. */
  #requestKeyframe(mid: string): void {
    const transceiver = this.#pc?.getTransceivers().find((t) => t.mid === mid);
    const ssrc = transceiver?.receiver.tracks[0]?.ssrc;
    if (transceiver === undefined || ssrc === undefined) return;
    transceiver.receiver.sendRtcpPLI(ssrc).catch(() => undefined);
  }

  #create(): RTCPeerConnection {
    const pc = createPeerConnection(this.#deps.rtc);
    pc.ontrack = ({ track, transceiver }): void => {
      track.onReceiveRtp.subscribe((rtp: RtpPacket, extensions?: Extensions) => {
        const key = this.#keys.get(transceiver.mid ?? '');
        if (key !== undefined) this.#deps.unit.forward(key, rtp, linearLevel(extensions));
      });
    };
    return pc;
  }
}
