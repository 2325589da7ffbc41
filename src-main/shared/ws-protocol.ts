/**
 * The web host's wire protocol: the same capabilities as the Electron preload, carried over one
 * WebSocket as JSON text frames. Pure; used by the host (server side) and the renderer's api.ts.
 *
 * client → host  {type: 'invoke', id, name, input}
 * host → client  {type: 'result', id, result}          (result: the dispatcher's Result envelope)
 * host → client  {type: 'event', name, payload}
 */
import type { Result } from './result';

export const WS_PATH = '/bridge';
/** Exchanged for the session cookie once, from the URL the host prints. */
export const SECRET_QUERY = 'secret';
export const SESSION_COOKIE = 'patchbay_session';
/** Largest frame either side accepts. */
export const MAX_FRAME_BYTES = 256 * 1024;

export interface InvokeFrame {
  type: 'invoke';
  id: number;
  name: string;
  input: unknown;
}
export interface ResultFrame {
  type: 'result';
  id: number;
  result: Result<unknown>;
}
export interface EventFrame {
  type: 'event';
  name: string;
  payload: unknown;
}
export type HostFrame = ResultFrame | EventFrame;
