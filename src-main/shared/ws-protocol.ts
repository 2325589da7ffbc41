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

/** What a signed-in page is told about its session's limits. */
export interface SessionTerms {
  /** With no socket open, the session ends after this long. */
  idleMs: number;
  /** The session ends this long from now at the latest (the absolute limit). */
  endsInMs: number;
  /** Sockets one session may hold open at once (all of its windows together). */
  maxSockets: number;
}

/** Why a session ended. */
export type EndReason = 'signed-out' | 'expired' | 'idle';

export type RefusalReason =
  /** The link's secret is wrong, already used or expired. */
  | 'link-invalid'
  /** No valid session: nothing presented, or a token the host does not know (any more). */
  | 'not-signed-in'
  /** The session already holds its most sockets; try again when one closes. */
  | 'too-many-sockets'
  /** Nothing came within the sign-in time. */
  | 'sign-in-timeout';
