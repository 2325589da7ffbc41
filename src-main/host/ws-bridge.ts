import type { WebSocket } from 'ws';
import type { ComposedConsole } from '../services/compose';
import type { Events } from '../shared/contract';
import type { HostFrame, InvokeFrame } from '../shared/ws-protocol';

/**
 * One signed-in page's bridge: invoke frames go through the shared dispatcher (the caller is
 * trusted: the cookie and origin were checked at the handshake); contract events are relayed.
 * A malformed frame is answered, never thrown.
 */
export function attachBridge(socket: WebSocket, composed: ComposedConsole, origin: string): void {
  const send = (frame: HostFrame): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  const relay =
    <K extends keyof Events>(name: K) =>
    (payload: unknown): void =>
      send({ type: 'event', name, payload });
  const offs = [
    composed.core.events.on('sessions:update', relay('sessions:update')),
    composed.core.events.on('profiles:changed', relay('profiles:changed')),
    composed.core.events.on('routing:timer', relay('routing:timer')),
  ];
  socket.on('close', () => offs.forEach((off) => off()));

  socket.on('message', (data, isBinary) => {
    const frame = isBinary ? undefined : parseInvoke(data.toString());
    if (!frame) {
      send({
        type: 'result',
        id: -1,
        result: {
          ok: false,
          error: {
            code: 'invalid-frame',
            message: 'Expected {type:"invoke", id, name, input} as JSON text.',
          },
        },
      });
      return;
    }
    void composed
      .dispatch(frame.name, frame.input, { url: origin, trusted: true })
      .then((result) => send({ type: 'result', id: frame.id, result }));
  });
}

function parseInvoke(text: string): InvokeFrame | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const frame = value as Partial<InvokeFrame>;
  if (frame.type !== 'invoke' || typeof frame.name !== 'string') return undefined;
  if (typeof frame.id !== 'number' || !Number.isSafeInteger(frame.id)) return undefined;
  return { type: 'invoke', id: frame.id, name: frame.name, input: frame.input };
}
