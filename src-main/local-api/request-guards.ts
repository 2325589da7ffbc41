/**
 * What a browser page must never be able to do to the local API: reach it under another host name
 * (DNS rebinding: the page's own name, resolved to 127.0.0.1), or drive the control surface from
 * another origin (a `fetch(…/_local/reset, {mode: 'no-cors'})` needs no answer to do harm).
 *
 * - Host: only a loopback name (`localhost`, 127.0.0.0/8, `[::1]`) with the port the connection
 *   came in on. The control surface always insists; the Bandwidth routes insist while the server is
 *   bound to a loopback address (bound to another address, the caller chose to be reachable by name).
 * - Origin: the control surface refuses a request whose `Origin` is not its own, or whose
 *   `Sec-Fetch-Site` says another site sent it.
 * - Content type: a control POST must say `Content-Type: application/json`, which no page can send
 *   to another origin without a CORS preflight (which the local API never grants).
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isLoopbackAddress } from './loopback';
import { isControlUrl } from './paths';
import { sendMessageError, sendRequestError } from './replies';

const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i;

/** True when `host` (a Host header) names this machine's loopback with the port `port`. */
function isOwnLoopbackHost(host: string | undefined, port: number | undefined): boolean {
  const match = HOST_HEADER.exec(host ?? '');
  if (match === null) return false;
  const name = (match[1] ?? '').toLowerCase();
  const given = match[2] === undefined ? 80 : Number(match[2]);
  if (port === undefined || given !== port) return false;
  if (name === 'localhost') return true;
  const bare = name.startsWith('[') ? name.slice(1, -1) : name;
  return isLoopbackAddress(bare);
}

function hostRefusal(request: FastifyRequest): string | undefined {
  const host = request.headers.host;
  if (isOwnLoopbackHost(host, request.socket.localPort)) return undefined;
  return (
    'This server answers only to its own loopback address (localhost, 127.0.0.1 or [::1] with ' +
    'its port) in the Host header'
  );
}

function originRefusal(request: FastifyRequest, surface: string): string | undefined {
  const origin = request.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${request.headers.host ?? ''}`) {
    return `${surface} refuses requests from other origins`;
  }
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') {
    return `${surface} refuses requests from other sites`;
  }
  return undefined;
}

/**
 * The rule for every surface of this server that only this machine may use (the control surface,
 * the demo's directory feed): a loopback client, naming this server by its loopback address and
 * port, from no other origin or site. Why it is refused, or undefined when it passes.
 */
export function localOnlyRefusal(request: FastifyRequest, surface: string): string | undefined {
  if (!isLoopbackAddress(request.socket.remoteAddress)) {
    return `${surface} answers loopback clients only`;
  }
  return hostRefusal(request) ?? originRefusal(request, surface);
}

function isJsonContentType(header: string | undefined): boolean {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * The control surface's guard (an onRequest hook for its scope): loopback client, own Host, own
 * origin, and JSON on POST. Refusals are 403 `{message}`, a missing JSON content type 415.
 */
export async function guardControlRequest(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  const refusal = localOnlyRefusal(request, 'The control surface');
  if (refusal !== undefined) return sendMessageError(reply, 403, refusal);
  if (request.method === 'POST' && !isJsonContentType(request.headers['content-type'])) {
    return sendRequestError(
      request,
      reply,
      415,
      `control requests must be sent with Content-Type: application/json (got ${request.headers['content-type'] ?? 'none'})`,
    );
  }
  return undefined;
}

/**
 * The Bandwidth routes' Host check while the server listens on loopback: 421 Misdirected Request
 * `{message}` for any other name (no legitimate client sends one; a rebinding page always does).
 */
export function installHostCheck(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const route = request.routeOptions.url;
    if (route !== undefined && isControlUrl(route)) return undefined; // its own guard decides
    const bound = app.server.address() as AddressInfo | null;
    if (bound === null || !isLoopbackAddress(bound.address)) return undefined;
    const refusal = hostRefusal(request);
    return refusal === undefined ? undefined : sendMessageError(reply, 421, refusal);
  });
}
