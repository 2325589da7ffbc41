/**
 * The device gateway's door: WebSocket upgrades on the local API's own port at `/v3/` (the path the
 * official SDK appends to its `websocketUrl`), authenticated by the `token` query — the participant
 * JWT from createParticipant: signature, expiry, this account, and the participant still existing.
 * A refused connection is accepted and closed at once with code 1000 and a reason that says why
 * (1000 is the one close after which the SDK's socket client does not retry forever). Any other
 * upgrade path gets a plain 404. The token is never logged or echoed.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';

const GATEWAY_PATH = '/v3/';
/** Close code for the gateway's own closes: 1000, the one code after which the SDK does not retry. */
export const GATEWAY_CLOSE_CODE = 1000;
/** Largest JSON-RPC message accepted (an SDP with many m-lines stays far below). */
const MAX_MESSAGE_BYTES = 256 * 1024;

export interface TokenClaims {
  a: string;
  p: string;
}

export interface GatewayDoorDeps {
  accountId: string;
  verifyToken(token: string): Promise<TokenClaims>;
  participantExists(participantId: string): boolean;
  /** Room for one more device (the ICE port range is sized for a number of them). */
  hasRoom(participantId: string): boolean;
  /** Takes the socket over (may load the WebRTC code first). */
  admit(ws: WebSocket, participantId: string): Promise<void>;
}

export type Admission = { ok: true; participantId: string } | { ok: false; reason: string };

/** Decides whether a token may connect; the reason is shown to the device. */
export async function admission(deps: GatewayDoorDeps, token: string | null): Promise<Admission> {
  if (token === null || token === '') return { ok: false, reason: 'token refused: missing' };
  let claims: TokenClaims;
  try {
    claims = await deps.verifyToken(token);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const why = code === 'ERR_JWT_EXPIRED' ? 'expired' : 'invalid signature or claims';
    return { ok: false, reason: `token refused: ${why}` };
  }
  if (claims.a !== deps.accountId) {
    return { ok: false, reason: 'token refused: issued for another account' };
  }
  if (!deps.participantExists(claims.p)) {
    return { ok: false, reason: 'token refused: the participant no longer exists' };
  }
  if (!deps.hasRoom(claims.p)) {
    return { ok: false, reason: 'gateway full: too many devices connected to this local API' };
  }
  return { ok: true, participantId: claims.p };
}

export class GatewayDoor {
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  readonly #deps: GatewayDoorDeps;

  constructor(deps: GatewayDoorDeps) {
    this.#deps = deps;
  }

  /** The `upgrade` listener for the local API's HTTP server. */
  readonly onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(request.url ?? '/', 'http://gateway.invalid');
    if (url.pathname !== GATEWAY_PATH && url.pathname !== '/v3') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const token = url.searchParams.get('token');
    this.#wss.handleUpgrade(request, socket, head, (ws) => {
      // The SDK speaks as soon as the socket opens: hold its first messages while the token is checked.
      const early: [Buffer, boolean][] = [];
      const hold = (data: Buffer, isBinary: boolean): number => early.push([data, isBinary]);
      ws.on('message', hold);
      void (async (): Promise<void> => {
        const decision = await admission(this.#deps, token);
        if (!decision.ok) {
          ws.off('message', hold);
          ws.close(GATEWAY_CLOSE_CODE, decision.reason);
          return;
        }
        await this.#deps.admit(ws, decision.participantId);
        ws.off('message', hold);
        for (const [data, isBinary] of early) ws.emit('message', data, isBinary);
      })().catch(() => ws.close(GATEWAY_CLOSE_CODE, 'gateway error: could not admit the device'));
    });
  };

  close(): void {
    for (const client of this.#wss.clients) client.terminate();
    this.#wss.close();
  }
}
