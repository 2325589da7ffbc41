import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Who may drive the web host: whoever opened the URL it printed. That URL carries a one-time
 * secret, exchanged once for a session cookie; requests must also name our loopback host (no DNS
 * rebinding) and, for the WebSocket, come from our own origin (no other site or local page).
 */
export class HostAccess {
  #secret: string | null = token();
  readonly #sessions = new Set<string>();
  #port = 0;

  setPort(port: number): void {
    this.#port = port;
  }

  /** The one-time secret for the printed URL; null once it has been used. */
  get secret(): string | null {
    return this.#secret;
  }

  /** Exchanges the one-time secret for a session id; refuses a wrong or replayed secret. */
  redeem(candidate: string | undefined): string | null {
    if (!candidate || !this.#secret || !same(candidate, this.#secret)) return null;
    this.#secret = null;
    const session = token();
    this.#sessions.add(session);
    return session;
  }

  isSession(candidate: string | undefined): boolean {
    if (!candidate) return false;
    for (const session of this.#sessions) if (same(candidate, session)) return true;
    return false;
  }

  /** `Host` must be our loopback name and port, as a browser sends it for our own URL. */
  hostAllowed(host: string | undefined): boolean {
    return host !== undefined && this.allowedHosts().includes(host.toLowerCase());
  }

  /** `Origin` must be exactly our own; browsers always send it on WebSocket handshakes. */
  originAllowed(origin: string | undefined): boolean {
    return origin !== undefined && this.allowedHosts().some((h) => origin === `http://${h}`);
  }

  private allowedHosts(): string[] {
    return [`127.0.0.1:${this.#port}`, `localhost:${this.#port}`];
  }
}

function token(): string {
  return randomBytes(32).toString('base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
