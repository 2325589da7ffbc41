import { digest, newSecret } from './secrets';

/**
 * One-time sign-in links. The printed link starts a new session; a window link, minted from inside
 * a signed-in console, joins the session that minted it. Only digests are kept; a secret works once.
 */
export type Grant<S> =
  | { kind: 'printed'; readonly key: string }
  | { kind: 'window'; readonly key: string; readonly session: S; readonly expiresAt: number };

/** Window links one session may have outstanding; minting another retires the oldest. */
const WINDOW_LINKS_PER_SESSION = 2;

export class LinkGrants<S> {
  readonly #grants = new Map<string, Grant<S>>();

  /** A new printed link's secret, or null while one is still unused (it keeps working). */
  issuePrinted(): string | null {
    for (const grant of this.#grants.values()) if (grant.kind === 'printed') return null;
    const secret = newSecret();
    const key = digest(secret);
    this.#grants.set(key, { kind: 'printed', key });
    return secret;
  }

  issueWindow(session: S, expiresAt: number): string {
    const outstanding = [...this.#grants.values()].filter(
      (g) => g.kind === 'window' && g.session === session,
    );
    const retired = Math.max(0, outstanding.length - WINDOW_LINKS_PER_SESSION + 1);
    for (const old of outstanding.slice(0, retired)) {
      this.#grants.delete(old.key);
    }
    const secret = newSecret();
    const key = digest(secret);
    this.#grants.set(key, { kind: 'window', key, session, expiresAt });
    return secret;
  }

  /** The grant a secret names, still unused and unexpired; it stays usable until `consume`. */
  find(secret: string, now: number): Grant<S> | null {
    const key = digest(secret);
    const grant = this.#grants.get(key);
    if (!grant) return null;
    if (grant.kind === 'window' && now >= grant.expiresAt) {
      this.#grants.delete(key);
      return null;
    }
    return grant;
  }

  consume(grant: Grant<S>): void {
    this.#grants.delete(grant.key);
  }

  /** Every window link of an ended session stops working. */
  revoke(session: S): void {
    for (const grant of [...this.#grants.values()]) {
      if (grant.kind === 'window' && grant.session === session) this.#grants.delete(grant.key);
    }
  }
}
