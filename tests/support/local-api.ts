/**
 * Starts a real local WebRTC API (port 0) for an integration test file and talks to it over HTTP.
 * `bw()` calls a Bandwidth path and validates every response (status, body and declared headers)
 * against the project's own OpenAPI description (src-main/local-api/openapi.yaml); `raw()` sends anything anywhere without that check (unknown routes, the
 * control surface, odd bodies).
 */
import { createLocalApi } from '../../src-main/local-api';
import type { LocalApi, LocalApiOptions } from '../../src-main/local-api';
import type {
  CreateParticipantResponse,
  Participant,
  Session,
  Subscriptions,
} from '../../src-main/shared/bandwidth-api';
import { validateResponse } from './openapi';
import { basicAuth } from './local-api-client';

export type Auth = 'default' | 'none' | { username: string; password: string };

export interface RequestOptions {
  /** Sent as JSON with Content-Type: application/json. */
  json?: unknown;
  /** Sent as is; pair with `contentType`. */
  body?: string | Uint8Array<ArrayBuffer>;
  contentType?: string;
  auth?: Auth;
  /** Another account id in the path (Bandwidth paths only). */
  accountId?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
  /** The described operation (bw() only). */
  operationId?: string;
}

export interface TestApi {
  api: LocalApi;
  /** `/v1/accounts/{accountId}` + `path`, validated against the description. */
  bw(method: string, path: string, options?: RequestOptions): Promise<ApiResponse>;
  /** `api.url` + `path`, not validated. */
  raw(method: string, path: string, options?: RequestOptions): Promise<ApiResponse>;
  createSession(tag?: string): Promise<Session>;
  createParticipant(body?: Record<string, unknown>): Promise<CreateParticipantResponse>;
  /** PUT add-to-session; expects 204. */
  add(sessionId: string, participantId: string, subscriptions?: Subscriptions): Promise<void>;
  /** PUT subscriptions; expects 204. */
  subscribe(sessionId: string, participantId: string, subscriptions?: Subscriptions): Promise<void>;
  /** GET subscriptions; expects 200 with a JSON body (`{}` when there are none, never 204). */
  subscriptions(sessionId: string, participantId: string): Promise<Subscriptions>;
  /** GET the session's participants; expects 200 with a JSON array (`[]` when empty). */
  members(sessionId: string): Promise<Participant[]>;
  close(): Promise<void>;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function authHeader(api: LocalApi, auth: Auth): Record<string, string> {
  if (auth === 'none') return {};
  const { username, password } = auth === 'default' ? api : auth;
  return { authorization: basicAuth(username, password) };
}

async function send(
  api: LocalApi,
  method: string,
  url: string,
  o: RequestOptions,
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...authHeader(api, o.auth ?? 'default'), ...o.headers };
  let body: string | Uint8Array<ArrayBuffer> | undefined = o.body;
  if (o.json !== undefined) {
    body = JSON.stringify(o.json);
    headers['content-type'] = 'application/json';
  }
  if (o.contentType !== undefined) headers['content-type'] = o.contentType;
  const response = await fetch(url, { method, headers, body, signal: o.signal });
  const text = await response.text();
  let parsed: unknown;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

function expectStatus(response: ApiResponse, status: number, what: string): void {
  if (response.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.status} ${response.text}`);
  }
}

export async function startTestApi(options: LocalApiOptions = {}): Promise<TestApi> {
  const api = await createLocalApi({ port: 0, ...options });
  const bw = async (method: string, path: string, o: RequestOptions = {}): Promise<ApiResponse> => {
    const urlPath = `/v1/accounts/${encodeURIComponent(o.accountId ?? api.accountId)}${path}`;
    const response = await send(api, method, `${api.url}${urlPath}`, o);
    const operationId = validateResponse(method, urlPath, {
      status: response.status,
      contentType: response.headers.get('content-type'),
      text: response.text,
      headers: response.headers,
    });
    return { ...response, operationId };
  };
  const raw = (method: string, path: string, o: RequestOptions = {}): Promise<ApiResponse> =>
    send(api, method, `${api.url}${path}`, o);

  return {
    api,
    bw,
    raw,
    async createSession(tag) {
      const response = await bw('POST', '/sessions', { json: tag === undefined ? {} : { tag } });
      expectStatus(response, 200, 'createSession');
      return response.body as Session;
    },
    async createParticipant(body = {}) {
      const response = await bw('POST', '/participants', { json: body });
      expectStatus(response, 200, 'createParticipant');
      return response.body as CreateParticipantResponse;
    },
    async add(sessionId, participantId, subscriptions) {
      const response = await bw('PUT', `/sessions/${sessionId}/participants/${participantId}`, {
        json: subscriptions,
      });
      expectStatus(response, 204, 'addParticipantToSession');
    },
    async subscribe(sessionId, participantId, subscriptions) {
      const path = `/sessions/${sessionId}/participants/${participantId}/subscriptions`;
      const response = await bw('PUT', path, { json: subscriptions });
      expectStatus(response, 204, 'updateParticipantSubscriptions');
    },
    async subscriptions(sessionId, participantId) {
      const path = `/sessions/${sessionId}/participants/${participantId}/subscriptions`;
      const response = await bw('GET', path);
      expectStatus(response, 200, 'getParticipantSubscriptions');
      return response.body as Subscriptions;
    },
    async members(sessionId) {
      const response = await bw('GET', `/sessions/${sessionId}/participants`);
      expectStatus(response, 200, 'listSessionParticipants');
      return response.body as Participant[];
    },
    close: () => api.close(),
  };
}
