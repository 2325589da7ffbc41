import { describe, expect, it } from 'vitest';
import {
  parseRpcMessage,
  rpcParams,
  offerSdpSchema,
  RpcError,
} from '../../../../../src-main/local-api/media/json-rpc';
import { keepLoopbackCandidates, offeredTracks } from '../../../../../src-main/local-api/media/sdp';

const OFFER = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0 1 2 3',
  'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
  'a=mid:0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=mid:1',
  'a=sendonly',
  'a=msid:stream-a track-a',
  'm=video 9 UDP/TLS/RTP/SAVPF 96',
  'a=mid:2',
  'a=sendrecv',
  'a=msid:stream-a track-v',
  'm=audio 0 UDP/TLS/RTP/SAVPF 111',
  'a=mid:3',
  'a=sendonly',
  'a=msid:stream-b track-b',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111',
  'a=mid:4',
  'a=inactive',
  'a=msid:stream-c track-c',
  '',
].join('\r\n');

describe('offeredTracks', () => {
  it('lists the audio and video m-lines that send, with their mid and msid stream', () => {
    expect(offeredTracks(OFFER)).toEqual([
      { mid: '1', kind: 'audio', streamId: 'stream-a' },
      { mid: '2', kind: 'video', streamId: 'stream-a' },
    ]);
  });
});

describe('keepLoopbackCandidates', () => {
  it('drops every candidate not on 127.x and keeps everything else', () => {
    const sdp = [
      'm=audio 9 UDP/TLS/RTP/SAVPF 111',
      'a=candidate:1 1 udp 2130706431 10.1.2.3 50000 typ host',
      'a=candidate:2 1 udp 2130706431 127.0.0.1 50001 typ host',
      'a=end-of-candidates',
    ].join('\r\n');
    expect(keepLoopbackCandidates(sdp)).toBe(
      [
        'm=audio 9 UDP/TLS/RTP/SAVPF 111',
        'a=candidate:2 1 udp 2130706431 127.0.0.1 50001 typ host',
        'a=end-of-candidates',
      ].join('\r\n'),
    );
  });
});

describe('JSON-RPC framing', () => {
  it('accepts requests and notifications as the SDK sends them', () => {
    expect(parseRpcMessage('{"jsonrpc":"2.0","method":"leave"}')).toEqual({
      jsonrpc: '2.0',
      method: 'leave',
    });
  });

  it('names the offending field of bad params', () => {
    const error = (() => {
      try {
        rpcParams(offerSdpSchema, 'offerSdp', { sdpOffer: 5 });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(RpcError);
    expect((error as RpcError).code).toBe(-32602);
    expect((error as RpcError).message).toMatch(/^Invalid params for offerSdp: sdpOffer: /);
  });
});
