/**
 * My audio connection: Bandwidth's official browser SDK (`@bandwidth/webrtc-browser`, device API
 * v3) behind a small interface the audio state drives (../state/audio.svelte.ts), so that state is
 * tested with a fake. The SDK's WebSocket is the one network connection of the renderer beyond the
 * bridge, hence this folder.
 *
 * The device token: handed to the SDK's `connect` and dropped — never kept here, never logged. The
 * SDK writes its socket URL (with `?token=`) at debug level: its log level is set to `warn` before
 * anything connects (its warnings and errors carry no URL).
 *
 * The SDK says nothing when its socket closes (it retries forever, except after a close with code
 * 1000, which is how a gateway refuses a token): its socket client is reached through the SDK's
 * private fields (pinned version 0.12.0-beta.1, whose shape `socketOf` checks) to hear `open` and
 * `close` with the gateway's reason.
 */
import type BandwidthRtc from '@bandwidth/webrtc-browser';

export interface ReceivedStream {
  /** The SDK's stream id (its `endpointId`). */
  streamId: string;
  /** Whose stream it is (the SDK's stream metadata). */
  participantId: string;
  mediaStream: MediaStream;
}

export interface AudioLinkEvents {
  streamAdded(stream: ReceivedStream): void;
  streamRemoved(streamId: string): void;
  /** The socket closed without a refusal: the network or the gateway went away. */
  lost(): void;
  /** The gateway closed the socket on purpose (code 1000): a refused token, a removed participant. */
  refused(reason: string): void;
}

export interface AudioGrantUse {
  websocketUrl: string;
  deviceToken: string;
}

export interface AudioLink {
  /** Resolves when the gateway answered; the SDK retries a lost socket by itself until then. */
  connect(grant: AudioGrantUse): Promise<void>;
  /** Publishes a microphone stream under the alias `microphone`; resolves to its stream id. */
  publish(stream: MediaStream): Promise<string>;
  unpublish(streamId: string): Promise<void>;
  setMicEnabled(enabled: boolean): void;
  /** Leaves: no more retries, no more events. */
  disconnect(): void;
}

export type OpenAudioLink = (events: AudioLinkEvents) => AudioLink;

/** The SDK's socket client (rpc-websockets), as far as this module uses it. */
interface SocketClient {
  on(event: 'open', listener: () => void): unknown;
  on(event: 'close', listener: (code: number, reason: string) => void): unknown;
  once(event: 'open', listener: () => void): unknown;
  setAutoReconnect(reconnect: boolean): void;
  close(code?: number): void;
}

/** The SDK's private path to its socket, read only where the pinned version has it. */
function socketOf(rtc: BandwidthRtc): SocketClient | null {
  const inner = rtc as unknown as { delegate?: { signaling?: { ws?: unknown } } };
  const ws = inner.delegate?.signaling?.ws;
  if (typeof ws !== 'object' || ws === null) return null;
  const client = ws as Partial<Record<keyof SocketClient, unknown>>;
  const shaped = ['on', 'once', 'setAutoReconnect', 'close'].every(
    (name) => typeof client[name as keyof SocketClient] === 'function',
  );
  return shaped ? (ws as SocketClient) : null;
}

/** Stops the SDK's socket for good, including a retry already scheduled. */
function silence(ws: SocketClient | null, rtc: BandwidthRtc): void {
  ws?.setAutoReconnect(false);
  try {
    rtc.disconnect();
  } catch {
    // Between two retries the SDK has no socket to close: nothing is open, nothing to do.
  }
  // A retry scheduled before the stop would still open a socket: close it as soon as it does.
  ws?.once('open', () => ws.close(1000));
}

/** The SDK itself, loaded when a first connection needs it (it weighs more than the console). */
async function loadSdk(): Promise<typeof BandwidthRtc> {
  const loaded: unknown = (await import('@bandwidth/webrtc-browser')).default;
  // The SDK is CommonJS: bundled, its default export may arrive wrapped once more.
  const inner: unknown =
    typeof loaded === 'object' && loaded !== null && 'default' in loaded ? loaded.default : loaded;
  if (typeof inner !== 'function') throw new Error('The audio library did not load.');
  return inner as typeof BandwidthRtc;
}

/** The real link, over the SDK. */
export const openAudioLink: OpenAudioLink = (events) => {
  let rtc: BandwidthRtc | null = null;
  let ws: SocketClient | null = null;
  let stopped = false;
  const sdk = (): BandwidthRtc => {
    if (rtc === null) throw new Error('Your audio is not connected.');
    return rtc;
  };
  const follow = (r: BandwidthRtc): void => {
    r.onStreamAvailable((s) => {
      if (stopped || s.participantId === undefined) return;
      events.streamAdded({
        streamId: s.endpointId,
        participantId: s.participantId,
        mediaStream: s.mediaStream,
      });
    });
    r.onStreamUnavailable((streamId) => {
      if (!stopped) events.streamRemoved(streamId);
    });
  };
  return {
    async connect(grant): Promise<void> {
      const Sdk = await loadSdk();
      if (stopped) return;
      const r = new Sdk('warn');
      r.setLogLevel('warn');
      rtc = r;
      follow(r);
      const connected = r.connect(
        { deviceToken: grant.deviceToken },
        { websocketUrl: grant.websocketUrl },
      );
      ws = socketOf(r);
      if (ws === null) {
        silence(null, r);
        // A token the SDK cannot read fails its connect at once: that error comes first.
        const unknownShape = new Error(
          'The audio library is not the version Patchbay was built for: it cannot be followed.',
        );
        return Promise.race([connected, Promise.reject(unknownShape)]);
      }
      ws.on('close', (code, reason) => {
        if (stopped) return;
        if (code === 1000) events.refused(reason);
        else events.lost();
      });
      return connected;
    },
    async publish(stream): Promise<string> {
      const published = await sdk().publish(stream, undefined, 'microphone');
      return published.endpointId;
    },
    async unpublish(streamId): Promise<void> {
      await sdk().unpublish(streamId);
    },
    setMicEnabled(enabled): void {
      rtc?.setMicEnabled(enabled);
    },
    disconnect(): void {
      if (stopped) return;
      stopped = true;
      if (rtc !== null) silence(ws, rtc);
    },
  };
};
