/**
 * The only module that touches the bridge. In Electron the preload has put `window.patchbay`
 * there; in a browser (the web host) the same bridge is built over a WebSocket from the same
 * contract, so nothing else in the renderer can tell the difference.
 */
import { buildBridge, type Invoke, type Subscribe } from '../../src-main/shared/bridge';
import { events, requests, type PatchbayBridge } from '../../src-main/shared/contract';
import type { Result } from '../../src-main/shared/result';
import { WS_PATH, type HostFrame, type InvokeFrame } from '../../src-main/shared/ws-protocol';

export type { PatchbayBridge } from '../../src-main/shared/contract';

function webSocketBridge(): PatchbayBridge {
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket | undefined;
  let opened: Promise<WebSocket> | undefined;

  const connect = (): Promise<WebSocket> => {
    if (opened) return opened;
    opened = new Promise((resolve, reject) => {
      const url = new URL(WS_PATH, window.location.href);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      const ws = new WebSocket(url);
      ws.addEventListener('open', () => resolve(ws));
      ws.addEventListener('error', () => reject(new Error('The console host is not reachable.')));
      ws.addEventListener('close', () => {
        opened = undefined;
        socket = undefined;
        for (const settle of pending.values()) {
          settle({
            ok: false,
            error: { code: 'disconnected', message: 'Lost the connection to the console host.' },
          });
        }
        pending.clear();
      });
      ws.addEventListener('message', (message: MessageEvent<string>) => {
        const frame = JSON.parse(message.data) as HostFrame;
        if (frame.type === 'result') {
          pending.get(frame.id)?.(frame.result);
          pending.delete(frame.id);
        } else {
          for (const listener of listeners.get(frame.name) ?? []) listener(frame.payload);
        }
      });
      socket = ws;
    });
    return opened;
  };

  const invoke: Invoke = async (name, input) => {
    let ws: WebSocket;
    try {
      ws = socket?.readyState === WebSocket.OPEN ? socket : await connect();
    } catch (error) {
      return { ok: false, error: { code: 'disconnected', message: (error as Error).message } };
    }
    const id = nextId++;
    const frame: InvokeFrame = { type: 'invoke', id, name, input };
    return new Promise((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify(frame));
    });
  };

  const subscribe: Subscribe = (name, listener) => {
    const set = listeners.get(name) ?? new Set();
    set.add(listener);
    listeners.set(name, set);
    void connect().catch(() => undefined);
    return () => void set.delete(listener);
  };

  return buildBridge(requests, events, invoke, subscribe);
}

const preloaded = (globalThis as { patchbay?: PatchbayBridge }).patchbay;

export const api: PatchbayBridge = preloaded ?? webSocketBridge();
