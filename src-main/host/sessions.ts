import type { EndReason, RefusalReason, SessionTerms } from '../shared/ws-protocol';
import type { Clock } from './clock';
import { LinkGrants } from './link-grants';
import { digest, newSecret } from './secrets';
import type { SessionLimits } from './session-limits';

/** One signed-in socket, as the registry sees it. */
export interface Member {
  /** The session reaches its absolute limit in `endsInMs`. */
  warn(endsInMs: number): void;
  /** The session ended: say why, then close. `byThisSocket` when its own sign-out did it. */
  end(reason: EndReason, byThisSocket: boolean): void;
}

export type Admission =
  | { ok: true; token?: string; terms: SessionTerms; warned: boolean }
  | { ok: false; reason: RefusalReason; ended?: EndReason };

export interface RegistryHooks {
  /** A session ended (signed out, expired or idle). */
  ended?(reason: EndReason): void;
  /** A session's absolute limit is near (its open pages were warned). */
  expiring?(): void;
}

interface Session {
  /** Digests of its tokens: one per window that signed in (the printed link or a window link). */
  readonly keys: Set<string>;
  readonly origin: string;
  readonly endsAt: number;
  readonly members: Set<Member>;
  warned: boolean;
  cancelIdle: (() => void) | undefined;
  readonly cancelTimers: (() => void)[];
}

/** Ended tokens remembered, so a page presenting one is told why (the oldest are forgotten). */
const REMEMBERED_ENDINGS = 64;

/**
 * The web host's sessions. A printed link's secret starts one; a window link minted inside it joins
 * it; each window gets a token of its own that resumes it on later sockets. Idle time counts only while no socket is open (a
 * supervisor who only listens sends nothing for hours); the absolute limit ends it regardless, after
 * a warning to every open page. Every ending tells each open socket why before it closes.
 */
export class SessionRegistry {
  readonly #grants = new LinkGrants<Session>();
  readonly #live = new Set<Session>();
  readonly #byKey = new Map<string, Session>();
  readonly #byMember = new Map<Member, Session>();
  readonly #endings = new Map<string, EndReason>();

  constructor(
    private readonly limits: SessionLimits,
    private readonly clock: Clock,
    private readonly hooks: RegistryHooks = {},
  ) {}

  /** A new printed link's secret, or null while the last one is still unused. */
  issuePrintedSecret(): string | null {
    return this.#grants.issuePrinted();
  }

  get sessionCount(): number {
    return this.#live.size;
  }

  /** Trades a one-time link's secret: a printed one starts a session, a window one joins its own. */
  signIn(secret: string, origin: string, member: Member): Admission {
    const now = this.clock.now();
    const grant = this.#grants.find(secret, now);
    if (!grant) return { ok: false, reason: 'link-invalid' };
    if (grant.kind === 'window') {
      // A window joins from the origin its session lives on; the link is kept while the session
      // is full, so the window can try again.
      if (grant.session.origin !== origin) return { ok: false, reason: 'link-invalid' };
      if (this.#full(grant.session)) return { ok: false, reason: 'too-many-sockets' };
      this.#grants.consume(grant);
      return this.#admit(grant.session, member, this.#newToken(grant.session));
    }
    this.#grants.consume(grant);
    const session = this.#start(origin, now);
    return this.#admit(session, member, this.#newToken(session));
  }

  /** Presents a session token on a new socket. */
  resume(token: string, origin: string, member: Member): Admission {
    const key = digest(token);
    const session = this.#byKey.get(key);
    if (!session || session.origin !== origin) {
      const ended = this.#endings.get(key);
      return { ok: false, reason: 'not-signed-in', ...(ended ? { ended } : {}) };
    }
    if (this.#full(session)) return { ok: false, reason: 'too-many-sockets' };
    return this.#admit(session, member, undefined);
  }

  /** The socket closed: with none left, the idle time starts. */
  leave(member: Member): void {
    const session = this.#byMember.get(member);
    if (!session) return;
    this.#byMember.delete(member);
    session.members.delete(member);
    if (session.members.size === 0) {
      session.cancelIdle = this.clock.schedule(this.limits.idleMs, () =>
        this.#end(session, 'idle', undefined),
      );
    }
  }

  /** Ends the member's session in every window; false when it has none. */
  signOut(member: Member): boolean {
    const session = this.#byMember.get(member);
    if (!session) return false;
    this.#end(session, 'signed-out', member);
    return true;
  }

  /** A one-time link for one more window of the member's session, and its origin. */
  mintWindowSecret(member: Member): { secret: string; origin: string; expiresInMs: number } | null {
    const session = this.#byMember.get(member);
    if (!session) return null;
    const expiresInMs = Math.min(this.limits.windowLinkMs, session.endsAt - this.clock.now());
    const secret = this.#grants.issueWindow(session, this.clock.now() + expiresInMs);
    return { secret, origin: session.origin, expiresInMs };
  }

  /** Stops every timer (the host is closing; its sockets are closed by the server). */
  close(): void {
    for (const session of this.#live) {
      session.cancelIdle?.();
      for (const cancel of session.cancelTimers) cancel();
    }
    this.#live.clear();
    this.#byKey.clear();
    this.#byMember.clear();
  }

  #newToken(session: Session): string {
    const token = newSecret();
    const key = digest(token);
    session.keys.add(key);
    this.#byKey.set(key, session);
    return token;
  }

  #start(origin: string, now: number): Session {
    const session: Session = {
      keys: new Set(),
      origin,
      endsAt: now + this.limits.absoluteMs,
      members: new Set(),
      warned: false,
      cancelIdle: undefined,
      cancelTimers: [],
    };
    session.cancelTimers.push(
      this.clock.schedule(this.limits.absoluteMs - this.limits.warnBeforeMs, () => {
        session.warned = true;
        const endsInMs = session.endsAt - this.clock.now();
        for (const member of session.members) member.warn(endsInMs);
        this.hooks.expiring?.();
      }),
      this.clock.schedule(this.limits.absoluteMs, () => this.#end(session, 'expired', undefined)),
    );
    this.#live.add(session);
    return session;
  }

  #full(session: Session): boolean {
    return session.members.size >= this.limits.maxSockets;
  }

  #admit(session: Session, member: Member, token: string | undefined): Admission {
    session.cancelIdle?.();
    session.cancelIdle = undefined;
    session.members.add(member);
    this.#byMember.set(member, session);
    const terms: SessionTerms = {
      idleMs: this.limits.idleMs,
      endsInMs: session.endsAt - this.clock.now(),
      maxSockets: this.limits.maxSockets,
    };
    return { ok: true, ...(token === undefined ? {} : { token }), terms, warned: session.warned };
  }

  #end(session: Session, reason: EndReason, by: Member | undefined): void {
    if (!this.#live.delete(session)) return;
    session.cancelIdle?.();
    for (const cancel of session.cancelTimers) cancel();
    this.#grants.revoke(session);
    for (const key of session.keys) {
      this.#byKey.delete(key);
      this.#endings.set(key, reason);
    }
    for (const old of [...this.#endings.keys()].slice(0, -REMEMBERED_ENDINGS)) {
      this.#endings.delete(old);
    }
    const members = [...session.members];
    session.members.clear();
    for (const member of members) {
      this.#byMember.delete(member);
      member.end(reason, member === by);
    }
    this.hooks.ended?.(reason);
  }
}
