/**
 * The HTTP conventions of the Bandwidth WebRTC API, as Fastify handlers: JSON body parsing, the error
 * bodies (replies.ts) for every failure, Fastify's own framework errors included, and the 404 for
 * unknown routes. Auth lives in auth.ts; nothing here knows the operations themselves.
 *
 * Choices (the spec is silent): bodies are limited to 64 KiB, and a larger one is a 400, not
 * Fastify's 413; an empty body is "no body" even with `Content-Type: application/json`; a non-empty
 * body must be JSON sent as application/json (400 otherwise, not 415); JSON with a `__proto__` or
 * `constructor.prototype` key is refused (400) rather than parsed. A path Fastify cannot route (a
 * malformed percent-encoding) is answered after the auth check, like any other request, with 400
 * `{error, requestId}`; ids of any length a request line can carry reach the routes. An unknown
 * route under /v1/ is a 404 `{error, requestId}` (after auth); outside /v1/ the gateway's 403.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import secureJson from 'secure-json-parse';
import type { OperationId } from '../shared/bandwidth-api';
import { loggableUrl, printable } from '../shared/text';
import type { Authorizer } from './auth';
import { LocalApiError, badRequest } from './errors';
import { isControlUrl } from './paths';
import { sendMessageError, sendRequestError } from './replies';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on the eleven Bandwidth routes: the spec's operationId. */
    operationId?: OperationId;
  }
}

export const BODY_LIMIT_BYTES = 64 * 1024;
/** Far beyond any real id; Node's 16 KiB header limit ends a request line before this does. */
export const MAX_PARAM_LENGTH = 16 * 1024;

/**
 * Fastify's `frameworkErrors`: failures met while routing, before any hook. Credentials are checked
 * first (outside the control surface); then a bad URL is 400 and anything else a 404, both with the
 * API's `{error, requestId}` body.
 */
export function frameworkErrorHandler(
  authorize: Authorizer,
): (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => void {
  return (error, request, reply) => {
    if (!isControlUrl(request.url) && authorize(request, reply)) return;
    const path = request.url.split('?')[0] ?? request.url;
    if (error.code === 'FST_ERR_BAD_URL') {
      sendRequestError(
        request,
        reply,
        400,
        `the path ${printable(path).slice(0, 200)} has a malformed percent-encoding`,
      );
      return;
    }
    sendNoSuchRoute(request, reply);
  };
}

/**
 * Outside /v1/ the real service's API gateway answers, not the API: 403 `{"message":"Missing
 * Authentication Token"}` whatever the credentials (what a base URL without /v1 meets). Register
 * before the auth hook.
 */
export function installGatewayMiss(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url !== undefined) return undefined;
    if (request.url.startsWith('/v1/') || isControlUrl(request.url)) return undefined;
    return sendMessageError(reply, 403, GATEWAY_MISS);
  });
}

const GATEWAY_MISS = 'Missing Authentication Token';

function sendNoSuchRoute(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0] ?? request.url;
  return sendRequestError(
    request,
    reply,
    404,
    `No such route: ${request.method} ${path} (this API serves only the eleven Bandwidth WebRTC operations under /v1/accounts/{accountId})`,
  );
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
      done(
        null,
        secureJson.parse(text, null, { protoAction: 'error', constructorAction: 'error' }),
      );
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
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(
        `local WebRTC API: unexpected error on ${request.method} ${loggableUrl(request.url)}: ${printable(detail)}`,
      );
    } else {
      request.log.error({ err: error }, 'unexpected error in the local WebRTC API');
    }
    return sendRequestError(request, reply, 500, 'Internal server error');
  });
  app.setNotFoundHandler(sendNoSuchRoute);
}
