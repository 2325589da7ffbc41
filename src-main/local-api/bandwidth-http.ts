/**
 * The HTTP conventions of the Bandwidth WebRTC API, as Fastify hooks and handlers: HTTP Basic auth
 * (checked before anything else), the account check, JSON body parsing, and the error bodies —
 * `{error, requestId}` for 400/404/409/500 (requestId = the request's fresh UUID), `{message}` for
 * 401/403. Nothing here knows the operations themselves.
 *
 * Choices (the spec is silent): bodies are limited to 64 KiB, and a larger one is a 400, not
 * Fastify's 413; an empty body is "no body" even with `Content-Type: application/json`; a non-empty
 * body must be JSON sent as application/json (400 otherwise, not 415).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OperationId } from '../shared/bandwidth-api';
import { DEMO_DIRECTORY_PATHS } from '../shared/directory';
import { LocalApiError, badRequest } from './errors';
import type { RequestErrorStatus } from './errors';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on the eleven Bandwidth routes: the spec's operationId. */
    operationId?: OperationId;
  }
}

export const BODY_LIMIT_BYTES = 64 * 1024;
export const CONTROL_PREFIX = '/_local';

export interface Credentials {
  accountId: string;
  username: string;
  password: string;
}

export function isControlUrl(url: string): boolean {
  return (
    url === CONTROL_PREFIX ||
    url.startsWith(`${CONTROL_PREFIX}/`) ||
    url.startsWith(`${CONTROL_PREFIX}?`)
  );
}

export function sendRequestError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: RequestErrorStatus,
  error: string,
): FastifyReply {
  return reply.code(status).type('application/json').send({ error, requestId: request.id });
}

export function sendMessageError(
  reply: FastifyReply,
  status: number,
  message: string,
): FastifyReply {
  return reply.code(status).type('application/json').send({ message });
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
 * Basic auth on every route outside the control surface: missing or wrong credentials → 401
 * `{"message":"Unauthorized"}`; right credentials on another account id → 403 with the reason.
 */
export function installBasicAuth(app: FastifyInstance, credentials: Credentials): void {
  app.addHook('onRequest', async (request, reply) => {
    // Decided by the matched route, not the raw URL: unknown routes always need credentials.
    const route = request.routeOptions.url;
    if (route !== undefined && isControlUrl(route)) return;
    // The demo directory feed has its own bearer token (local-api/directory/routes.ts).
    if (route !== undefined && (Object.values(DEMO_DIRECTORY_PATHS) as string[]).includes(route))
      return;
    const given = basicCredentials(request.headers.authorization);
    const userOk = sameSecret(given?.user ?? '', credentials.username);
    const passOk = sameSecret(given?.pass ?? '', credentials.password);
    if (given === undefined || !userOk || !passOk) {
      return sendMessageError(reply, 401, 'Unauthorized');
    }
    const accountId = pathAccountId(request.url);
    if (accountId !== undefined && accountId !== credentials.accountId) {
      return sendMessageError(
        reply,
        403,
        `Forbidden: these credentials do not grant WebRTC access to account ${accountId}`,
      );
    }
    return undefined;
  });
}

/** JSON bodies only, empty = none, malformed = 400 with the parser's reason. */
export function installBodyParsers(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      done(badRequest(`request body is not valid JSON: ${reason}`), undefined);
    }
  });
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    if (String(body).trim() === '') {
      done(null, undefined);
      return;
    }
    const type = request.headers['content-type'] ?? 'none';
    done(
      badRequest(
        `request body must be JSON sent with Content-Type: application/json (got ${type})`,
      ),
      undefined,
    );
  });
}

/**
 * Maps every failure to a Bandwidth error body; never leaks a stack trace. Unexpected errors go to
 * the Fastify logger when it is on (`logging`), to stderr otherwise.
 */
export function installErrorHandling(app: FastifyInstance, logging: boolean): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof LocalApiError) {
      return sendRequestError(request, reply, error.status, error.message);
    }
    const fastifyCode = typeof error.code === 'string' && error.code.startsWith('FST_');
    if (fastifyCode && error.statusCode === 413) {
      return sendRequestError(
        request,
        reply,
        400,
        `request body is larger than ${BODY_LIMIT_BYTES} bytes (64 KiB), the most this API accepts`,
      );
    }
    if (fastifyCode && error.statusCode === 415) {
      return sendRequestError(
        request,
        reply,
        400,
        `request body must be JSON sent with Content-Type: application/json (got ${request.headers['content-type'] ?? 'none'})`,
      );
    }
    if (
      fastifyCode &&
      error.statusCode !== undefined &&
      error.statusCode >= 400 &&
      error.statusCode < 500
    ) {
      return sendRequestError(request, reply, 400, `bad request: ${error.message}`);
    }
    // Logged (to the Fastify logger, or stderr when that is off), never sent to the client.
    if (!logging) {
      console.error(
        `local WebRTC API: unexpected error on ${request.method} ${request.url}:`,
        error,
      );
    } else {
      request.log.error({ err: error }, 'unexpected error in the local WebRTC API');
    }
    return sendRequestError(request, reply, 500, 'Internal server error');
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? request.url;
    return sendRequestError(
      request,
      reply,
      404,
      `No such route: ${request.method} ${path} (this API serves only the eleven Bandwidth WebRTC operations under /v1/accounts/{accountId})`,
    );
  });
}
