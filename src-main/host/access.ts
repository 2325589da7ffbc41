/**
 * Who may reach the web host at all: requests must name our loopback host and port (no DNS
 * rebinding) and the WebSocket must come from our own origin (no other site or local page drives it
 * from a browser). Who may drive the console is decided after that, by the session token
 * (sessions.ts): a non-browser client can forge any Origin, so the origin check alone is no credential.
 */
export class HostAccess {
  #port = 0;

  setPort(port: number): void {
    this.#port = port;
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
