/**
 * How the gateway's werift peer connections are configured, and the ICE choices behind it.
 *
 * - Opus 48000/2 (payload type 111) for audio, VP8 (96) for video, with the audio-level header
 *   extension so each real publisher's level can be read without decoding.
 * - IPv4 only. Host candidates: the machine's own addresses (werift's default, so a browser on this
 *   or another machine connects with no special flags) plus 127.0.0.1 (werift leaves loopback out;
 *   Chromium uses it only with `--allow-loopback-in-peer-connection`).
 * - `addresses: 'loopback'` (tests): only 127.x candidates are offered and only 127.x pairs and STUN
 *   checks are accepted, so no media ever leaves loopback.
 * - A fixed UDP port range sized for two connections (publish, subscribe) per device; werift holds
 *   a few sockets per connection and frees them when the connection closes.
 */
import {
  RTCPeerConnection,
  RTCRtpCodecParameters,
  useAudioLevelIndication,
  useSdesMid,
} from 'werift';
import type { PeerConfig } from 'werift';
import type { RtcOptions } from './ice-options';

export type { RtcOptions } from './ice-options';

const isLoopback = (address: string | undefined): boolean => address?.startsWith('127.') === true;

export function peerConfig(options: RtcOptions): Partial<PeerConfig> {
  const config: Partial<PeerConfig> = {
    codecs: {
      audio: [
        new RTCRtpCodecParameters({
          mimeType: 'audio/opus',
          clockRate: 48_000,
          channels: 2,
          payloadType: 111,
        }),
      ],
      video: [
        new RTCRtpCodecParameters({
          mimeType: 'video/VP8',
          clockRate: 90_000,
          payloadType: 96,
          rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }],
        }),
      ],
    },
    headerExtensions: {
      audio: [useSdesMid(), useAudioLevelIndication()],
      video: [useSdesMid()],
    },
    iceUseIpv6: false,
    iceAdditionalHostAddresses: ['127.0.0.1'],
    bundlePolicy: 'max-bundle',
  };
  if (options.portRange !== undefined) config.icePortRange = options.portRange;
  if (options.addresses === 'loopback') {
    config.iceFilterCandidatePair = (pair) =>
      isLoopback(pair.localCandidate.host) && isLoopback(pair.remoteCandidate.host);
    config.iceFilterStunResponse = (_message, address) => isLoopback(address[0]);
  }
  return config;
}

export function createPeerConnection(options: RtcOptions): RTCPeerConnection {
  return new RTCPeerConnection(peerConfig(options));
}

/** Waits until the connection has gathered its candidates (bounded), so the SDP carries them. */
export async function gathered(pc: RTCPeerConnection, timeoutMs = 3000): Promise<void> {
  if (pc.iceGatheringState === 'complete') return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      subscription.unSubscribe();
      resolve();
    }, timeoutMs);
    const subscription = pc.iceGatheringStateChange.subscribe((state) => {
      if (state !== 'complete') return;
      clearTimeout(timer);
      subscription.unSubscribe();
      resolve();
    });
  });
}
