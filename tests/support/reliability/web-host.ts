/**
 * A real web host (src-main/host) in this process over a composed console, signed in the way the
 * browser page does it (the printed link's one-time secret traded over the socket for a session
 * token), and `ws` clients on /bridge that present that token with the host's own Origin, recording
 * every frame they receive.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startWebHost, type WebHost, type WebHostOptions } from '../../../src-main/host/web-host';
import type { ComposedConsole } from '../../../src-main/compose';
import {
  SECRET_FRAGMENT,
  WS_PATH,
  type ClientFrame,
  type HostFrame,
} from '../../../src-main/shared/ws-protocol';

export interface SignedInHost {
  host: WebHost;
  /** The session token the printed link was traded for. */
  token: string;
  close(): Promise<void>;
}

/** The one-time secret in a sign-in link's fragment (`/#secret=…`). */
export function secretOf(link: string): string {
  return new URLSearchParams(new URL(link).hash.slice(1)).get(SECRET_FRAGMENT) ?? '';
}

export interface OpenedSocket {
  socket: WebSocket;
  /** Every text frame received, parsed, in order. */
  frames: HostFrame[];
  /**
   * The host's answer to the first frame (`signed-in` or `refused`); null if it closed first, or
   * at once when nothing was sent.
   */
  answer: HostFrame | null;
  /** The close code, once closed. */
  closed: Promise<number>;
}

/**
 * Opens /bridge with the given headers (the host's own Origin unless replaced), sends `first` as
 * soon as it opens and waits for the host's answer. Rejects when the handshake is refused.
 */
export async function openSocket(
  origin: string,
  first: ClientFrame | string | undefined,
  headers: Record<string, string> = {},
): Promise<OpenedSocket> {
  const socket = new WebSocket(`${origin.replace('http', 'ws')}${WS_PATH}`, {
    headers: { Origin: origin, ...headers },
  });
  const frames: HostFrame[] = [];
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  const answer = await new Promise<HostFrame | null>((resolve, reject) => {
    socket.once('open', () => {
      if (first === undefined) resolve(null);
      else socket.send(typeof first === 'string' ? first : JSON.stringify(first));
    });
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as HostFrame;
      frames.push(frame);
      if (frames.length === 1) resolve(frame);
    });
    socket.once('close', () => resolve(null));
    socket.once('unexpected-response', (_req, res) =>
      reject(new Error(`handshake refused: ${res.statusCode}`)),
    );
    socket.once('error', reject);
  });
  return { socket, frames, answer, closed };
}

/**
 * Sends `{type: 'invoke', id, name, input}` on a signed-in socket and resolves with the host's
 * result frame for that id (events and other results in between are skipped).
 */
export function invokeOn(
  opened: Pick<OpenedSocket, 'socket'>,
  id: number,
  name: string,
  input: unknown,
): Promise<HostFrame> {
  const { socket } = opened;
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const frame = JSON.parse(data.toString()) as HostFrame;
      if (frame.type !== 'result' || frame.id !== id) return;
      socket.off('message', onMessage);
      resolve(frame);
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ type: 'invoke', id, name, input }));
  });
}

/** A stand-in renderer folder (the bridge does not need the real build). */
export async function startSignedInHost(
  console_: ComposedConsole,
  options: Omit<WebHostOptions, 'rendererDir' | 'console'> = {},
): Promise<SignedInHost> {
  const rendererDir = await mkdtemp(join(tmpdir(), 'patchbay-renderer-'));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Patchbay</title>');
  const host = await startWebHost({ rendererDir, console: console_, port: 0, ...options });
  const signIn = await openSocket(host.origin, {
    type: 'sign-in',
    secret: secretOf(host.loginUrl),
  });
  const answer = signIn.answer;
  if (answer?.type !== 'signed-in' || answer.token === undefined) {
    throw new Error(`sign-in failed: ${JSON.stringify(answer)}`);
  }
  signIn.socket.close();
  await signIn.closed;
  return {
    host,
    token: answer.token,
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

/** A socket that has presented the session token, as the page's own. */
export async function openBridge(signedIn: SignedInHost): Promise<BridgeClient> {
  const { socket, answer } = await openSocket(signedIn.host.origin, {
    type: 'resume',
    token: signedIn.token,
  });
  if (answer?.type !== 'signed-in') throw new Error(`resume refused: ${JSON.stringify(answer)}`);
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
