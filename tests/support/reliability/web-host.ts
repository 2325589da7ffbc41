/**
 * A real web host (src-main/host) in this process over a composed console, signed in over HTTP the
 * way a browser does it (one-time secret → cookie), and a `ws` client on /bridge with that cookie and
 * the host's own Origin, recording every frame it receives.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startWebHost, type WebHost } from '../../../src-main/host/web-host';
import type { ComposedConsole } from '../../../src-main/services/compose';
import { SESSION_COOKIE, WS_PATH, type HostFrame } from '../../../src-main/shared/ws-protocol';

export interface SignedInHost {
  host: WebHost;
  /** `patchbay_session=…` */
  cookie: string;
  close(): Promise<void>;
}

/** A stand-in renderer folder (the bridge does not need the real build). */
export async function startSignedInHost(console_: ComposedConsole): Promise<SignedInHost> {
  const rendererDir = await mkdtemp(join(tmpdir(), 'patchbay-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Patchbay</title>');
  const host = await startWebHost({ rendererDir, console: console_, port: 0 });
  const response = await fetch(host.loginUrl, { redirect: 'manual' });
  const set = response.headers.get('set-cookie') ?? '';
  const value = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(set)?.[1];
  if (response.status !== 303 || value === undefined) {
    throw new Error(`sign-in failed: ${response.status} ${set}`);
  }
  return {
    host,
    cookie: `${SESSION_COOKIE}=${value}`,
    async close(): Promise<void> {
      await host.close();
      await rm(rendererDir, { recursive: true, force: true });
    },
  };
}

export interface BridgeClient {
  socket: WebSocket;
  /** Every text frame received, raw. */
  frames: string[];
  /** Sends an invoke frame and resolves with its result frame. */
  invoke(name: string, input: unknown): Promise<HostFrame>;
  /** Sends anything and resolves with the next result frame (or null when the socket closed). */
  raw(data: string | Buffer): Promise<HostFrame | null>;
  close(): Promise<void>;
}

export async function openBridge(signedIn: SignedInHost): Promise<BridgeClient> {
  const url = `${signedIn.host.origin.replace('http', 'ws')}${WS_PATH}`;
  const socket = new WebSocket(url, {
    headers: { Origin: signedIn.host.origin, Cookie: signedIn.cookie },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_req, res) =>
      reject(new Error(`handshake refused: ${res.statusCode}`)),
    );
    socket.once('error', reject);
  });
  const frames: string[] = [];
  const waiting = new Map<number, (frame: HostFrame) => void>();
  let nextRaw: ((frame: HostFrame | null) => void) | undefined;
  socket.on('message', (data) => {
    const text = data.toString();
    frames.push(text);
    const frame = JSON.parse(text) as HostFrame;
    if (frame.type !== 'result') return;
    const pending = waiting.get(frame.id);
    if (pending) {
      waiting.delete(frame.id);
      pending(frame);
    } else if (nextRaw) {
      const done = nextRaw;
      nextRaw = undefined;
      done(frame);
    }
  });
  socket.on('close', () => {
    nextRaw?.(null);
    nextRaw = undefined;
  });
  let id = 0;
  return {
    socket,
    frames,
    invoke(name, input) {
      id += 1;
      const frameId = id;
      return new Promise((resolve) => {
        waiting.set(frameId, resolve);
        socket.send(JSON.stringify({ type: 'invoke', id: frameId, name, input }));
      });
    },
    raw(data) {
      return new Promise((resolve) => {
        if (socket.readyState !== WebSocket.OPEN) return resolve(null);
        nextRaw = resolve;
        socket.send(data);
      });
    },
    async close(): Promise<void> {
      if (socket.readyState === WebSocket.CLOSED) return;
      const closed = new Promise((resolve) => socket.once('close', resolve));
      socket.close();
      await closed;
    },
  };
}
