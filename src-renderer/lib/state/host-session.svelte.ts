/**
 * The web host's session as the screens see it: whether the console shows, why a window is not
 * signed in, the notice while the sign-in nears its limit or the connection is away, a second
 * window's one-time link, and sign-out. Only in a browser; Electron has no such session.
 */
import type { Result } from '$shared/result';
import type { WindowLink } from '$shared/ws-protocol';
import { CONNECTING, type HostConnection, type HostSessionSnapshot } from '../api/host-connection';
import {
  expiryWarning,
  reconnectingNotice,
  signedOutWording,
  waitingNotice,
  type Wording,
} from '../host-session-words';

/** What the store needs of the connection (tests pass their own). */
export type HostSessionPort = Pick<HostConnection, 'snapshot' | 'watch' | 'mintLink' | 'signOut'>;

export interface Notice {
  kind: 'expiry' | 'connection';
  text: string;
}

export class HostSessionStore {
  #snapshot = $state<HostSessionSnapshot>(CONNECTING);
  #everOpen = $state(false);
  #link = $state<{ url: string; expiresAt: number } | null>(null);

  readonly #port: HostSessionPort;
  readonly #now: () => number;

  constructor(port: HostSessionPort, now: () => number = () => Date.now()) {
    this.#port = port;
    this.#now = now;
    this.#take(port.snapshot);
    port.watch((snapshot) => this.#take(snapshot));
  }

  get phase(): HostSessionSnapshot['phase'] {
    return this.#snapshot.phase;
  }

  /** The console shows once this window has signed in, and until its sign-in ends. */
  get showConsole(): boolean {
    return this.#everOpen && this.#snapshot.phase !== 'ended';
  }

  /** Why this window is not signed in, once it is not; null while signing in or signed in. */
  get signedOut(): Wording | null {
    const ended = this.#snapshot.ended;
    return ended ? signedOutWording(ended.reason, ended.byThisWindow) : null;
  }

  /** Before the first sign-in: waiting for a free connection (other windows hold them all). */
  get waiting(): string | null {
    return this.#snapshot.phase === 'waiting' ? waitingNotice(this.#snapshot.maxSockets) : null;
  }

  /** What the open console must say now: the connection is away, or the sign-in ends soon. */
  notice(now: number = this.#now()): Notice | null {
    const s = this.#snapshot;
    if (s.phase === 'reconnecting' && s.lapsesAt !== null) {
      return { kind: 'connection', text: reconnectingNotice(s.lapsesAt) };
    }
    if (s.phase === 'waiting' && this.#everOpen) {
      return { kind: 'connection', text: waitingNotice(s.maxSockets) };
    }
    if (s.phase !== 'ended' && s.warnedEndsAt !== null) {
      return { kind: 'expiry', text: expiryWarning(s.warnedEndsAt, now) };
    }
    return null;
  }

  /** The last minted window link, until it is opened, dismissed or the connection drops. */
  get link(): { url: string; expiresAt: number } | null {
    return this.#link;
  }

  /** Mints a one-time link for one more window of this sign-in. */
  async mintWindowLink(): Promise<Result<WindowLink>> {
    const result = await this.#port.mintLink();
    if (result.ok) {
      this.#link = { url: result.value.url, expiresAt: this.#now() + result.value.expiresInMs };
    }
    return result;
  }

  /** The link was opened (it works once) or is not wanted. */
  dropLink(): void {
    this.#link = null;
  }

  /** Ends this sign-in in every window; on success the screen switches to "Signed out". */
  signOut(): Promise<Result<null>> {
    return this.#port.signOut();
  }

  #take(snapshot: HostSessionSnapshot): void {
    this.#snapshot = snapshot;
    if (snapshot.phase === 'open') this.#everOpen = true;
    else this.#link = null;
  }
}
