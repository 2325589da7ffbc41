/**
 * A device for Node tests: speaks the gateway's JSON-RPC exactly as the official browser SDK does
 * (setMediaPreferences on open, offerSdp for what it publishes, answerSdp to each sdpOffer with a
 * newer sdpRevision) over werift peer connections kept on loopback, counts the RTP packets it
 * receives per publishing participant (from the offers' streamMetadata), and can publish a stream
 * of Opus frames or video packets. Used where a browser is not needed to prove a behaviour.
 */
import { randomUUID } from 'node:crypto';
import { MediaStream, MediaStreamTrack, RTCPeerConnection, RtpHeader, RtpPacket } from 'werift';
import WebSocket from 'ws';
import { peerConfig } from '../../../src-main/local-api/media/rtc';
import { keepLoopbackCandidates } from '../../../src-main/local-api/media/sdp';

interface Metadata {
  participantId: string;
}

export interface NodeDevice {
  /** RTP packets received so far, per publishing participant. */
  received(): Map<string, number>;
  /** The participants in the last applied offer's streamMetadata. */
  offeredPublishers(): string[];
  revision(): number;
  /** Offers this device could not answer (a test expects none). */
  failures(): string[];
  /** The last sdpOffer the gateway sent. */
  lastOffer(): string;
  /**
   * Starts sending a packet every 20 ms under the alias `microphone` (audio: Opus frames) or
   * `camera` (video: VP8-shaped packets).
   */
  publish(kind?: 'audio' | 'video'): Promise<void>;
  /** Key frame requests (RTCP PLI) the gateway sent to what this device publishes. */
  keyframeRequests(): number;
  close(): Promise<void>;
}

const config = (): ReturnType<typeof peerConfig> => peerConfig({ addresses: 'loopback' });

export async function connectNodeDevice(apiUrl: string, token: string): Promise<NodeDevice> {
  const ws = new WebSocket(
    `${apiUrl.replace(/^http/, 'ws')}/v3/?token=${encodeURIComponent(token)}&client=node-test`,
  );
  let nextId = 1;
  const pending = new Map<
    number,
    (message: { result?: unknown; error?: { message: string } }) => void
  >();
  const call = (method: string, params: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (m) => (m.error ? reject(new Error(m.error.message)) : resolve(m.result)));
      ws.send(JSON.stringify({ jsonrpc: '2.0', method, params, id }));
    });

  const received = new Map<string, number>();
  let metadata = new Map<string, Metadata>();
  let revision = 0;
  let lastOffer = '';
  let keyframeRequests = 0;
  const failures: string[] = [];
  let subscribe: RTCPeerConnection | undefined;
  let publisher: RTCPeerConnection | undefined;
  let timer: NodeJS.Timeout | undefined;

  const onOffer = async (params: {
    sdpOffer: string;
    sdpRevision: number;
    streamMetadata: Record<string, Metadata>;
  }): Promise<void> => {
    if (params.sdpRevision <= revision) return;
    lastOffer = params.sdpOffer;
    if (subscribe === undefined) {
      subscribe = new RTCPeerConnection(config());
      subscribe.ontrack = ({ track, streams }): void => {
        const streamId = streams[0]?.id ?? '';
        track.onReceiveRtp.subscribe(() => {
          const who = metadata.get(streamId)?.participantId ?? `unknown:${streamId}`;
          received.set(who, (received.get(who) ?? 0) + 1);
        });
      };
    }
    // werift as an answerer lets a new m-line take over the transceiver of a removed one (the
    // gateway appends new m-lines and keeps removed ones rejected, as Chromium expects), and then
    // fails the next offer; marking its transceivers used keeps each on its own m-line.
    for (const transceiver of subscribe.getTransceivers()) transceiver.usedForSender = true;
    const sdp = params.sdpOffer;
    await subscribe.setRemoteDescription({ type: 'offer', sdp });
    await subscribe.setLocalDescription(await subscribe.createAnswer());
    metadata = new Map(Object.entries(params.streamMetadata));
    await call('answerSdp', {
      sdpAnswer: keepLoopbackCandidates(subscribe.localDescription?.sdp ?? ''),
    });
    revision = params.sdpRevision;
  };

  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as {
      id?: number;
      method?: string;
      params?: unknown;
      result?: unknown;
      error?: { message: string };
    };
    if (message.id !== undefined && pending.has(message.id)) {
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    } else if (message.method === 'sdpOffer') {
      onOffer(message.params as Parameters<typeof onOffer>[0]).catch((error: unknown) => {
        failures.push(error instanceof Error ? error.message : String(error));
      });
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('close', (code, reason) => reject(new Error(`closed ${code}: ${String(reason)}`)));
    ws.once('error', reject);
  });
  await call('setMediaPreferences', { protocol: 'WEBRTC' });

  return {
    received: () => new Map(received),
    offeredPublishers: () =>
      [...new Set([...metadata.values()].map((m) => m.participantId))].sort(),
    revision: () => revision,
    lastOffer: () => lastOffer,
    failures: () => [...failures],
    keyframeRequests: () => keyframeRequests,
    async publish(kind = 'audio'): Promise<void> {
      publisher = new RTCPeerConnection(config());
      const track = new MediaStreamTrack({ kind });
      // A fresh stream id, as browsers make: receivers key streamMetadata by it.
      const streamId = randomUUID();
      const stream = new MediaStream({ id: streamId });
      const transceiver = publisher.addTransceiver(track, {
        direction: 'sendonly',
        streams: [stream],
      });
      transceiver.sender.onPictureLossIndication.subscribe(() => (keyframeRequests += 1));
      const offer = await publisher.createOffer();
      await publisher.setLocalDescription(offer);
      const answer = (await call('offerSdp', {
        sdpOffer: keepLoopbackCandidates(publisher.localDescription?.sdp ?? ''),
        mediaMetadata: {
          mediaStreams: { [streamId]: { alias: kind === 'audio' ? 'microphone' : 'camera' } },
          dataChannels: {},
        },
      })) as { sdpAnswer: string };
      await publisher.setRemoteDescription({ type: 'answer', sdp: answer.sdpAnswer });
      let sequenceNumber = 0;
      timer = setInterval(() => {
        sequenceNumber = (sequenceNumber + 1) & 0xffff;
        const audio = kind === 'audio';
        const header = new RtpHeader({
          payloadType: audio ? 111 : 96,
          sequenceNumber,
          timestamp: sequenceNumber * (audio ? 960 : 1800),
          marker: !audio,
        });
        // Audio: an Opus TOC byte for a 20 ms SILK frame; video: a VP8 payload descriptor. Then
        // filler: enough for forwarding and counting.
        track.writeRtp(new RtpPacket(header, Buffer.from([audio ? 0x08 : 0x10, 0, 0, 0])));
      }, 20);
    },
    async close(): Promise<void> {
      if (timer !== undefined) clearInterval(timer);
      ws.close();
      await Promise.allSettled([subscribe?.close(), publisher?.close()]);
    },
  };
}
