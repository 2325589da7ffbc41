/**
 * Who may call the Bandwidth routes, as Bandwidth's error documentation puts it: 401 `{message}`
 * (with `WWW-Authenticate: Basic`) when the credentials are missing or wrong or the user has no
 * access to the account in the path; 403 `{message}` when the user reaches the account but the
 * account has no WebRTC access.
 *
 * The local API serves one account. `WebRtcAccess` names the accounts these credentials reach but
 * that have no WebRTC access: the served account itself (then every Bandwidth call is 403), or
 * another id (then that id answers 403 instead of 401). It is set by the `--no-webrtc-account` flag,
 * the `accountsWithoutWebRtc` option or `/_local/webrtc-access`, so a console's 403 path can be
 * exercised for real.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendMessageError } from './replies';
import { DEMO_DIRECTORY_PATHS } from '../shared/dto/directory';
import { isControlUrl } from './paths';

export interface Credentials {
  accountId: string;
  username: string;
  password: string;
}

export interface WebRtcAccessView {
  /** The account this local API serves. */
  accountId: string;
  /** Accounts these credentials reach that have no WebRTC access (answered 403), sorted. */
  withoutWebRtc: string[];
}

export class WebRtcAccess {
  readonly #accountId: string;
  readonly #without = new Set<string>();

  constructor(accountId: string, withoutWebRtc: readonly string[] = []) {
    this.#accountId = accountId;
    for (const id of withoutWebRtc) this.#without.add(id);
  }

  /** Gives (`enabled` true) or takes away WebRTC access for one account. */
  set(accountId: string, enabled: boolean): WebRtcAccessView {
    if (enabled) this.#without.delete(accountId);
    else this.#without.add(accountId);
    return this.view();
  }

  /** Every account gets its WebRTC access back. */
  clear(): void {
    this.#without.clear();
  }

  view(): WebRtcAccessView {
    return { accountId: this.#accountId, withoutWebRtc: [...this.#without].sort() };
  }

  /** The answer for valid credentials on `accountId`: none (go on), 401 or 403. */
  refusal(accountId: string): { status: 401 | 403; message: string } | undefined {
    if (this.#without.has(accountId)) {
      return { status: 403, message: `Forbidden: account ${accountId} has no WebRTC access` };
    }
    if (accountId !== this.#accountId) return { status: 401, message: 'Unauthorized' };
    return undefined;
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function basicCredentials(header: string | undefined): { user: string; pass: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? '');
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { user: decoded.slice(0, colon), pass: decoded.slice(colon + 1) };
}

function pathAccountId(url: string): string | undefined {
  const raw = /^\/v1\/accounts\/([^/?#]+)/.exec(url)?.[1];
  if (raw === undefined) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Checks a request's credentials and account; answers 401/403 itself and returns true when it did
 * (the request must stop there). Used by the hook and by the framework-error handler alike.
 */
export type Authorizer = (request: FastifyRequest, reply: FastifyReply) => boolean;

export function createAuthorizer(credentials: Credentials, access: WebRtcAccess): Authorizer {
  return (request, reply) => {
    const given = basicCredentials(request.headers.authorization);
    const userOk = sameSecret(given?.user ?? '', credentials.username);
    const passOk = sameSecret(given?.pass ?? '', credentials.password);
    if (given === undefined || !userOk || !passOk) {
      sendMessageError(reply, 401, 'Unauthorized');
      return true;
    }
    const accountId = pathAccountId(request.url);
    const refusal = accountId === undefined ? undefined : access.refusal(accountId);
    if (refusal === undefined) return false;
    sendMessageError(reply, refusal.status, refusal.message);
    return true;
  };
}

/** Basic auth on every route outside the control surface, before anything else runs. */
export function installBasicAuth(app: FastifyInstance, authorize: Authorizer): void {
  app.addHook('onRequest', async (request, reply) => {
    // Decided by the matched route, not the raw URL: unknown routes always need credentials.
    const route = request.routeOptions.url;
    if (route !== undefined && isControlUrl(route)) return undefined;
    // The demo directory feed has its own bearer token (local-api/directory/routes.ts).
    if (route !== undefined && (Object.values(DEMO_DIRECTORY_PATHS) as string[]).includes(route)) {
      return undefined;
    }
    return authorize(request, reply) ? reply : undefined;
  });
}
