/**
 * The eleven Bandwidth WebRTC operations as Fastify routes under /v1/accounts/{accountId}. Each
 * route carries its spec operationId in `config` (used by stats and fault injection). Auth, body
 * parsing and error bodies are installed by bandwidth-http.ts; the semantics live in the store.
 *
 * The two reads that may find nothing answer `200` with `[]` / `{}`, never `204`: the spec allows
 * both, but Bandwidth's own Node SDK parses these answers as JSON and fails on an empty body, so the
 * live service answers with JSON.
 */
import type { FastifyInstance } from 'fastify';
import type { Store } from './store';
import { issueParticipantToken } from './tokens';
import {
  parseCreateParticipantBody,
  parseCreateSessionBody,
  parseSubscriptionsBody,
} from './validation';

export interface RouteDeps {
  store: Store;
  accountId: string;
  tokenSecret: Uint8Array;
}

const BASE = '/v1/accounts/:accountId';

interface AccountParams {
  accountId: string;
}
interface ParticipantParams extends AccountParams {
  participantId: string;
}
interface SessionParams extends AccountParams {
  sessionId: string;
}
type MemberParams = SessionParams & ParticipantParams;

export function registerBandwidthRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { store } = deps;

  app.post(
    `${BASE}/participants`,
    { config: { operationId: 'createParticipant' } },
    async (request) => {
      const input = parseCreateParticipantBody(request.body);
      const participant = store.createParticipant(input);
      const token = await issueParticipantToken(deps.tokenSecret, deps.accountId, participant.id);
      return { participant, token };
    },
  );

  app.get<{ Params: ParticipantParams }>(
    `${BASE}/participants/:participantId`,
    { config: { operationId: 'getParticipant' } },
    async (request) => store.getParticipant(request.params.participantId),
  );

  app.delete<{ Params: ParticipantParams }>(
    `${BASE}/participants/:participantId`,
    { config: { operationId: 'deleteParticipant' } },
    async (request, reply) => {
      store.deleteParticipant(request.params.participantId);
      return reply.code(204).send();
    },
  );

  app.post(`${BASE}/sessions`, { config: { operationId: 'createSession' } }, async (request) =>
    store.createSession(parseCreateSessionBody(request.body)),
  );

  app.get<{ Params: SessionParams }>(
    `${BASE}/sessions/:sessionId`,
    { config: { operationId: 'getSession' } },
    async (request) => store.getSession(request.params.sessionId),
  );

  app.delete<{ Params: SessionParams }>(
    `${BASE}/sessions/:sessionId`,
    { config: { operationId: 'deleteSession' } },
    async (request, reply) => {
      store.deleteSession(request.params.sessionId);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: SessionParams }>(
    `${BASE}/sessions/:sessionId/participants`,
    { config: { operationId: 'listSessionParticipants' } },
    async (request) => store.listSessionParticipants(request.params.sessionId),
  );

  app.put<{ Params: MemberParams }>(
    `${BASE}/sessions/:sessionId/participants/:participantId`,
    { config: { operationId: 'addParticipantToSession' } },
    async (request, reply) => {
      const subscriptions = parseSubscriptionsBody(request.body);
      const { sessionId, participantId } = request.params;
      store.addParticipantToSession(sessionId, participantId, subscriptions);
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: MemberParams }>(
    `${BASE}/sessions/:sessionId/participants/:participantId`,
    { config: { operationId: 'removeParticipantFromSession' } },
    async (request, reply) => {
      store.removeParticipantFromSession(request.params.sessionId, request.params.participantId);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: MemberParams }>(
    `${BASE}/sessions/:sessionId/participants/:participantId/subscriptions`,
    { config: { operationId: 'getParticipantSubscriptions' } },
    async (request) => {
      const { sessionId, participantId } = request.params;
      return store.getParticipantSubscriptions(sessionId, participantId);
    },
  );

  app.put<{ Params: MemberParams }>(
    `${BASE}/sessions/:sessionId/participants/:participantId/subscriptions`,
    { config: { operationId: 'updateParticipantSubscriptions' } },
    async (request, reply) => {
      const subscriptions = parseSubscriptionsBody(request.body);
      const { sessionId, participantId } = request.params;
      store.updateParticipantSubscriptions(sessionId, participantId, subscriptions);
      return reply.code(204).send();
    },
  );
}
