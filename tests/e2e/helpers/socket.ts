/** Raw WebSocket attempts on the web host's bridge from Node, with exactly the headers given. */
import WebSocket from 'ws';
import type { HostFrame } from '../../../src-main/shared/ws-protocol';

export interface Handshake {
  /** 101 when the socket opened, else the HTTP status that refused it. */
  status: number;
  /** The host's first frame, if one came. */
  answer?: HostFrame;
  frames: HostFrame[];
}

/**
 * Tries a WebSocket handshake with exactly these headers, sends `first` once open and waits for the
 * host's first frame (or `quietMs` without one, or the close).
 */
export function handshake(
  url: string,
  headers: Record<string, string>,
  first: unknown,
  quietMs = 5_000,
): Promise<Handshake> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    const frames: HostFrame[] = [];
    const done = (): void => {
      ws.terminate();
      resolve({ status: 101, ...(frames[0] ? { answer: frames[0] } : {}), frames });
    };
    ws.on('open', () => {
      if (first !== undefined) ws.send(JSON.stringify(first));
      setTimeout(done, quietMs);
    });
    ws.on('message', (data) => {
      frames.push(JSON.parse(data.toString()) as HostFrame);
      setTimeout(done, 50);
    });
    ws.on('close', () => setTimeout(done, 0));
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0, frames }));
    ws.on('error', () => resolve({ status: -1, frames }));
  });
}
