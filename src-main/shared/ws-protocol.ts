/**
 * The web host's wire protocol: the same capabilities as the Electron preload, carried over one
 * WebSocket as JSON text frames, plus the web host's own session frames (they exist only in the web
 * host, so they stay outside the dispatcher's contract). Pure; used by the host (server side) and
 * the renderer's api module.
 *
 * Signing in. The link the host prints carries a one-time secret in its fragment (`/#secret=…`):
 * browsers never send a fragment to any server. The page trades it over the socket for a session
 * token kept in `sessionStorage` (this origin, this tab) and presents that token first thing on
 * every later socket. No credential travels in a cookie, a URL query or a header.
 *
 * client → host  {type: 'sign-in', secret}            first frame: trade a one-time link's secret
 * client → host  {type: 'resume', token}              first frame: present the session token
 * host → client  {type: 'signed-in', token?, terms}   token only in answer to 'sign-in'
 * host → client  {type: 'refused', reason}            then the host closes the socket
 * client → host  {type: 'invoke', id, name, input}
 * host → client  {type: 'result', id, result}          (result: the dispatcher's Result envelope)
 * host → client  {type: 'event', name, payload}
 * client → host  {type: 'mint-link'}                  a one-time link for one more window
 * host → client  {type: 'link', result}
 * client → host  {type: 'sign-out'}                   ends the session in every window
 * host → client  {type: 'session-warning', endsInMs}  the sign-in reaches its absolute limit soon
 * host → client  {type: 'session-ended', reason}      then the host closes the socket
 */
import type { Result } from './result';

export const WS_PATH = '/bridge';
/** The fragment parameter of a sign-in link: `http://127.0.0.1:PORT/#secret=…`. */
export const SECRET_FRAGMENT = 'secret';
/** The `sessionStorage` key of a signed-in tab's session token. */
export const SESSION_STORAGE_KEY = 'patchbay.webSession';
/** Largest frame the host accepts from a page: a larger one closes the socket (1009, too big). */
export const MAX_FRAME_BYTES = 256 * 1024;

/** Close codes the host uses (4000–4999 are the application's own). */
export const CLOSE_CODES = {
  signedOut: 4000,
  expired: 4001,
  refused: 4003,
  signInTimeout: 4008,
  tooManySockets: 4029,
  hostStopping: 1001,
} as const;

export interface SignInFrame {
  type: 'sign-in';
  secret: string;
}
export interface ResumeFrame {
  type: 'resume';
  token: string;
}
export interface InvokeFrame {
  type: 'invoke';
  id: number;
  name: string;
  input: unknown;
}
export interface MintLinkFrame {
  type: 'mint-link';
}
export interface SignOutFrame {
  type: 'sign-out';
}
export type ClientFrame = SignInFrame | ResumeFrame | InvokeFrame | MintLinkFrame | SignOutFrame;

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

export interface SignedInFrame {
  type: 'signed-in';
  /** Only in answer to 'sign-in': the token to keep for later sockets. */
  token?: string;
  terms: SessionTerms;
}
export interface RefusedFrame {
  type: 'refused';
  reason: RefusalReason;
  /** With 'not-signed-in' for a token the host remembers: why its session ended. */
  ended?: EndReason;
  message: string;
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
export interface WindowLink {
  /** `http://127.0.0.1:PORT/#secret=…`: works once. */
  url: string;
  expiresInMs: number;
}
export interface LinkFrame {
  type: 'link';
  result: Result<WindowLink>;
}
export interface SessionWarningFrame {
  type: 'session-warning';
  /** The absolute limit is near: the session ends this long from now. */
  endsInMs: number;
}
export interface SessionEndedFrame {
  type: 'session-ended';
  reason: EndReason;
  /** True on the socket whose own 'sign-out' ended the session. */
  byThisSocket: boolean;
  message: string;
}
export type HostFrame =
  | SignedInFrame
  | RefusedFrame
  | ResultFrame
  | EventFrame
  | LinkFrame
  | SessionWarningFrame
  | SessionEndedFrame;

/** `origin/#secret=…`, the form of every sign-in link. */
export function signInLink(origin: string, secret: string): string {
  return `${origin}/#${SECRET_FRAGMENT}=${secret}`;
}
