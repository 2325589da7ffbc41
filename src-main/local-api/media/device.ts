/**
 * One connected device: a participant's WebSocket to the gateway, speaking the official SDK's
 * JSON-RPC 2.0 (`setMediaPreferences`, `offerSdp`, `answerSdp`, `ping`, `leave`,
 * `deviceDiagnostics`; the gateway sends `sdpOffer` notifications), and its two peer connections:
 * publish (the device offers) and subscribe (the gateway offers, and re-offers on change).
 */
import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { ForwardingUnit } from './forwarder';
import { GATEWAY_CLOSE_CODE } from './gateway';
import {
  RPC_INTERNAL_ERROR,
  RPC_INVALID_REQUEST,
  RPC_METHOD_NOT_FOUND,
  RpcError,
  answerSdpSchema,
  mediaPreferencesSchema,
  offerSdpSchema,
  parseRpcMessage,
  rpcError,
  rpcNotification,
  rpcParams,
  rpcResult,
} from './json-rpc';
import type { RpcRequest } from './json-rpc';
import type { MediaKind, PublishedStream } from './plan';
import { PublishConnection } from './publish';
import type { RtcOptions } from './rtc';
import { SubscribeConnection } from './subscribe';

export interface DeviceDeps {
  participantId: string;
  unit: ForwardingUnit;
  rtc: RtcOptions;
  allowedKinds(): readonly MediaKind[];
  endpointOf(stream: PublishedStream): string;
  /** Called once, when the device is gone (socket closed, left, or closed by the gateway). */
  onClosed(device: Device): void;
  log(line: string): void;
}

/** How long a closed device has to acknowledge the close before its socket is cut. */
const CLOSE_GRACE_MS = 1000;
const METHODS = 'setMediaPreferences, offerSdp, answerSdp, ping, leave, deviceDiagnostics';

export class Device {
  readonly endpointId = randomUUID();
  readonly participantId: string;
  readonly subscriber: SubscribeConnection;
  readonly #publisher: PublishConnection;
  readonly #ws: WebSocket;
  readonly #deps: DeviceDeps;
  #gone: Promise<void> | undefined;

  constructor(ws: WebSocket, deps: DeviceDeps) {
    this.#ws = ws;
    this.#deps = deps;
    this.participantId = deps.participantId;
    this.#publisher = new PublishConnection({
      rtc: deps.rtc,
      participantId: deps.participantId,
      endpointId: this.endpointId,
      unit: deps.unit,
      allowedKinds: deps.allowedKinds,
    });
    this.subscriber = new SubscribeConnection({
      rtc: deps.rtc,
      endpointId: this.endpointId,
      notify: (method, params) => this.#send(rpcNotification(method, params)),
      endpointOf: deps.endpointOf,
      requestKeyframe: (stream) => deps.unit.requestKeyframe(stream),
      onError: (error) =>
        deps.log(`device ${this.participantId}: subscribe negotiation failed: ${message(error)}`),
    });
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        this.#send(
          rpcError(null, RPC_INVALID_REQUEST, 'Invalid request: binary messages are not JSON-RPC'),
        );
        return;
      }
      void this.#onMessage(Buffer.isBuffer(data) ? data.toString('utf8') : String(data));
    });
    ws.on('close', () => void this.#teardown());
    ws.on('error', () => {
      ws.terminate();
      void this.#teardown();
    });
  }

  /**
   * Closes the socket with a reason the device can show and releases both connections; resolves
   * once the device acknowledged the close (or after a second, when the socket is cut).
   */
  async close(reason: string): Promise<void> {
    const ws = this.#ws;
    const acknowledged = new Promise<void>((resolve) => {
      if (ws.readyState === ws.CLOSED) return resolve();
      const timer = setTimeout(() => {
        ws.terminate();
        resolve();
      }, CLOSE_GRACE_MS);
      ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    if (ws.readyState === ws.OPEN) ws.close(GATEWAY_CLOSE_CODE, reason);
    await Promise.all([this.#teardown(), acknowledged]);
  }

  async #onMessage(text: string): Promise<void> {
    let request: RpcRequest;
    try {
      request = parseRpcMessage(text);
    } catch (error) {
      if (error instanceof RpcError) this.#send(rpcError(null, error.code, error.message));
      return;
    }
    const id = request.id;
    try {
      const result = await this.#dispatch(request);
      if (id !== undefined) this.#send(rpcResult(id, result));
    } catch (error) {
      if (id === undefined) return;
      if (error instanceof RpcError) this.#send(rpcError(id, error.code, error.message));
      else
        this.#send(rpcError(id, RPC_INTERNAL_ERROR, `${request.method} failed: ${message(error)}`));
    }
  }

  async #dispatch(request: RpcRequest): Promise<unknown> {
    const { method, params } = request;
    switch (method) {
      case 'setMediaPreferences':
        rpcParams(mediaPreferencesSchema, method, params);
        this.subscriber.start();
        return {};
      case 'offerSdp':
        return this.#publisher.offer(rpcParams(offerSdpSchema, method, params));
      case 'answerSdp':
        if (!this.subscriber.answer(rpcParams(answerSdpSchema, method, params).sdpAnswer)) {
          throw new RpcError(
            RPC_INVALID_REQUEST,
            'answerSdp: no sdpOffer is waiting for an answer',
          );
        }
        return {};
      case 'ping':
      case 'deviceDiagnostics':
        return {};
      case 'leave':
        void this.close('left');
        return {};
      default:
        throw new RpcError(
          RPC_METHOD_NOT_FOUND,
          `Method not found: ${method} (this gateway serves ${METHODS})`,
        );
    }
  }

  #send(text: string): void {
    if (this.#ws.readyState === this.#ws.OPEN) this.#ws.send(text);
  }

  #teardown(): Promise<void> {
    this.#gone ??= (async (): Promise<void> => {
      this.#deps.onClosed(this);
      await Promise.allSettled([this.#publisher.close(), this.subscriber.close()]);
    })();
    return this.#gone;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
