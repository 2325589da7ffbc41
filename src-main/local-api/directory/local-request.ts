/**
 * The checks a request to the local API's own surfaces must pass before its credentials are even
 * looked at: it comes from this machine (a loopback peer), names this server in Host (a loopback
 * name and this port: a DNS-rebound name is refused) and, when a browser sends an Origin, comes
 * from that same origin (no other site or local page may read the feed). Kept apart so that the
 * control surface's own check can replace it in one place.
 */
import type { FastifyRequest } from 'fastify';
import { isLoopbackAddress } from '../control';

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

function hostOf(value: string): { name: string; port: string } | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  if (match?.[1] === undefined) return undefined;
  return { name: match[1].toLowerCase(), port: match[2] ?? '80' };
}

/** Why the request is refused, or undefined when it passes. */
export function localRequestProblem(request: FastifyRequest): string | undefined {
  if (!isLoopbackAddress(request.socket.remoteAddress)) {
    return 'The demo directory answers clients on this machine only';
  }
  const host = hostOf(request.headers.host ?? '');
  const ownPort = String(request.socket.localPort ?? '');
  if (host === undefined || !LOOPBACK_NAMES.has(host.name) || host.port !== ownPort) {
    return 'The demo directory answers requests addressed to 127.0.0.1, localhost or [::1] on its own port only';
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://${request.headers.host ?? ''}`) {
    return 'The demo directory does not answer requests from other origins';
  }
  return undefined;
}
