/**
 * The two error bodies of the Bandwidth WebRTC API: `{error, requestId}` for 400/404/409/500
 * (requestId = the request's fresh UUID) and `{message}` for 401/403 (and what a gateway answers:
 * 429, 502-504). Every 401 also says how to authenticate: `WWW-Authenticate: Basic` (RFC 9110).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

const WWW_AUTHENTICATE = 'Basic realm="Bandwidth WebRTC API", charset="UTF-8"';

export function sendRequestError(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  error: string,
): FastifyReply {
  return reply.code(status).type('application/json').send({ error, requestId: request.id });
}

export function sendMessageError(
  reply: FastifyReply,
  status: number,
  message: string,
): FastifyReply {
  if (status === 401) reply.header('WWW-Authenticate', WWW_AUTHENTICATE);
  return reply.code(status).type('application/json').send({ message });
}
