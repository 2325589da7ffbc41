import ky, { HTTPError, NetworkError, SchemaValidationError, TimeoutError } from 'ky';
import type { KyInstance } from 'ky';
import type { z } from 'zod';
import type {
  CreateParticipantRequest,
  CreateParticipantResponse,
  CreateSessionRequest,
  OperationId,
  Participant,
  Session,
  Subscriptions,
} from '../shared/bandwidth-api';
import { BandwidthApiError, describeOperation, errorFromResponse } from './errors';
import {
  createParticipantResponseSchema,
  participantListSchema,
  participantSchema,
  sessionSchema,
  subscriptionsSchema,
} from './schemas';

export interface BandwidthCredentials {
  username: string;
  password: string;
}

export interface BandwidthClientOptions {
  /** `https://api.webrtc.bandwidth.com/v1` or the local API's `…/v1`. */
  baseUrl: string;
  accountId: string;
  /** Read at call time, so the password stays in the keychain between calls. */
  credentials: () => BandwidthCredentials | Promise<BandwidthCredentials>;
  /** Per attempt. Default 10 s. */
  timeoutMs?: number;
  /** Whole call including retries and waits. Default 30 s. */
  totalTimeoutMs?: number;
  /** Retries of GET, PUT and DELETE. Default 3. POSTs are never retried. */
  retryLimit?: number;
  /** Longest wait a Retry-After or X-RateLimit-Reset may impose. Default 10 s. */
  maxRetryAfterMs?: number;
  /** Longest exponential backoff step (full jitter below it). Default 2 s. */
  backoffLimitMs?: number;
  fetch?: typeof fetch;
}

export interface CallOptions {
  signal?: AbortSignal;
}

interface SessionRef {
  sessionId: string;
}
interface ParticipantRef {
  participantId: string;
}
type MemberRef = SessionRef & ParticipantRef;

/** One typed function per API operation; the eleven, named as the official spec names them. */
export interface BandwidthClient {
  readonly baseUrl: string;
  readonly accountId: string;
  createParticipant(
    body: CreateParticipantRequest,
    o?: CallOptions,
  ): Promise<CreateParticipantResponse>;
  getParticipant(ref: ParticipantRef, o?: CallOptions): Promise<Participant>;
  deleteParticipant(ref: ParticipantRef, o?: CallOptions): Promise<void>;
  createSession(body: CreateSessionRequest, o?: CallOptions): Promise<Session>;
  getSession(ref: SessionRef, o?: CallOptions): Promise<Session>;
  deleteSession(ref: SessionRef, o?: CallOptions): Promise<void>;
  listSessionParticipants(ref: SessionRef, o?: CallOptions): Promise<Participant[]>;
  addParticipantToSession(
    ref: MemberRef & { subscriptions?: Subscriptions },
    o?: CallOptions,
  ): Promise<void>;
  removeParticipantFromSession(ref: MemberRef, o?: CallOptions): Promise<void>;
  getParticipantSubscriptions(ref: MemberRef, o?: CallOptions): Promise<Subscriptions>;
  updateParticipantSubscriptions(
    ref: MemberRef & { subscriptions: Subscriptions },
    o?: CallOptions,
  ): Promise<void>;
}

type Method = 'get' | 'post' | 'put' | 'delete';

/** An id that goes into the path, named for the error that refuses it. */
interface PathId {
  what: 'account id' | 'session id' | 'participant id';
  value: string;
}
/** Fixed words and ids, joined with `/` once every id is checked (see `pathOf`). */
type Path = readonly (string | PathId)[];

interface Call {
  operation: OperationId;
  method: Method;
  path: Path;
  json?: unknown;
  /** DELETE only: a 404 after a retried attempt means the first attempt already did it. */
  goneIsDone?: boolean;
  signal?: AbortSignal | undefined;
}

export function createBandwidthClient(options: BandwidthClientOptions): BandwidthClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const http: KyInstance = ky.create({
    prefix: baseUrl,
    timeout: timeoutMs,
    totalTimeout: options.totalTimeoutMs ?? 30_000,
    // A redirect is answered, never followed: the credentials and the write go to the API's own
    // address or nowhere (see toBandwidthError).
    redirect: 'manual',
    ...(options.fetch ? { fetch: options.fetch } : {}),
    retry: {
      limit: options.retryLimit ?? 3,
      methods: ['get', 'put', 'delete'],
      statusCodes: [429, 502, 503, 504],
      afterStatusCodes: [429, 503],
      maxRetryAfter: options.maxRetryAfterMs ?? 10_000,
      backoffLimit: options.backoffLimitMs ?? 2_000,
      jitter: true,
      retryOnTimeout: true,
    },
    hooks: {
      beforeRequest: [
        async ({ request }) => {
          const { username, password } = await options.credentials();
          request.headers.set('Authorization', basicAuth(username, password));
          request.headers.set('Accept', 'application/json');
        },
      ],
    },
  });

  /** Sends one call; resolves with the body text ('' for 204 or an already-done DELETE). */
  async function send(c: Call): Promise<string> {
    const path = pathOf(c.operation, ['accounts', account, ...c.path]);
    let retried = false;
    try {
      const response = await http(path, {
        method: c.method,
        ...(c.json === undefined ? {} : { json: c.json }),
        ...(c.signal ? { signal: c.signal } : {}),
        hooks: { beforeRetry: [() => void (retried = true)] },
      });
      return response.status === 204 ? '' : await response.text();
    } catch (error) {
      if (c.goneIsDone && retried && error instanceof HTTPError && error.response.status === 404) {
        return '';
      }
      throw toBandwidthError(c.operation, error, timeoutMs);
    }
  }

  async function write(c: Call): Promise<void> {
    await send(c);
  }

  /** A call whose answer is JSON, validated; `empty` says what a 204 (or empty 200) means. */
  async function read<T>(c: Call, schema: z.ZodType<T>, empty?: () => T): Promise<T> {
    const text = await send(c);
    if (text.trim() === '') {
      if (empty) return empty();
      throw invalid(c.operation, 'the API answered with an empty body');
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw invalid(c.operation, 'the API answered with a body that is not valid JSON');
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      throw invalid(c.operation, `unexpected response shape (${parsed.error.issues[0]?.message})`);
    }
    return parsed.data;
  }

  const account: PathId = { what: 'account id', value: options.accountId };
  const session = (r: SessionRef): Path => ['sessions', { what: 'session id', value: r.sessionId }];
  const participant = (r: ParticipantRef): Path => [
    'participants',
    { what: 'participant id', value: r.participantId },
  ];
  const member = (r: MemberRef): Path => [...session(r), ...participant(r)];
  type Op = OperationId;
  const get = <T>(
    operation: Op,
    path: Path,
    schema: z.ZodType<T>,
    o?: CallOptions,
    empty?: () => T,
  ): Promise<T> => read({ operation, method: 'get', path, signal: o?.signal }, schema, empty);
  const post = <T>(
    operation: Op,
    path: Path,
    json: unknown,
    schema: z.ZodType<T>,
    o?: CallOptions,
  ): Promise<T> => read({ operation, method: 'post', path, json, signal: o?.signal }, schema);
  const put = (operation: Op, path: Path, json: unknown, o?: CallOptions): Promise<void> =>
    write({ operation, method: 'put', path, json, signal: o?.signal });
  const del = (operation: Op, path: Path, o?: CallOptions): Promise<void> =>
    write({ operation, method: 'delete', path, goneIsDone: true, signal: o?.signal });

  return {
    baseUrl,
    accountId: options.accountId,
    createParticipant: (body, o) =>
      post('createParticipant', ['participants'], body, createParticipantResponseSchema, o),
    getParticipant: (r, o) => get('getParticipant', participant(r), participantSchema, o),
    deleteParticipant: (r, o) => del('deleteParticipant', participant(r), o),
    createSession: (body, o) => post('createSession', ['sessions'], body, sessionSchema, o),
    getSession: (r, o) => get('getSession', session(r), sessionSchema, o),
    deleteSession: (r, o) => del('deleteSession', session(r), o),
    listSessionParticipants: (r, o) =>
      get(
        'listSessionParticipants',
        [...session(r), 'participants'],
        participantListSchema,
        o,
        () => [],
      ),
    addParticipantToSession: (r, o) =>
      put('addParticipantToSession', member(r), r.subscriptions, o),
    removeParticipantFromSession: (r, o) => del('removeParticipantFromSession', member(r), o),
    getParticipantSubscriptions: (r, o) =>
      get(
        'getParticipantSubscriptions',
        [...member(r), 'subscriptions'],
        subscriptionsSchema,
        o,
        (): Subscriptions => ({}),
      ),
    updateParticipantSubscriptions: (r, o) =>
      put('updateParticipantSubscriptions', [...member(r), 'subscriptions'], r.subscriptions, o),
  };
}

/**
 * The request path under the base URL. Ids are percent-encoded, but `encodeURIComponent` leaves
 * `.` and `..` alone and URL parsing then removes them as dot segments (a move to session `..`
 * became a write to `/participants/{id}`), and an empty id joins two segments: such an id is
 * refused before anything is sent.
 */
function pathOf(operation: OperationId, path: Path): string {
  return path
    .map((part) => {
      if (typeof part === 'string') return part;
      const { what, value } = part;
      if (typeof value !== 'string' || value === '' || value === '.' || value === '..') {
        throw new BandwidthApiError({
          operation,
          kind: 'bad-request',
          message: `${describeOperation(operation)} was not sent: ${JSON.stringify(value ?? null)} is not a valid ${what} (an empty, "." or ".." id would address another resource).`,
        });
      }
      return encodeURIComponent(value);
    })
    .join('/');
}

function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

function invalid(operation: OperationId, why: string): BandwidthApiError {
  return new BandwidthApiError({
    operation,
    kind: 'invalid-response',
    message: `${describeOperation(operation)} failed: ${why}`,
  });
}

/** Maps whatever ky or fetch threw to a BandwidthApiError that carries no request or headers. */
function toBandwidthError(
  operation: OperationId,
  error: unknown,
  timeoutMs: number,
): BandwidthApiError {
  if (error instanceof BandwidthApiError) return error;
  const what = describeOperation(operation);
  if (error instanceof HTTPError && error.response.status >= 300 && error.response.status < 400) {
    const status = error.response.status;
    return new BandwidthApiError({
      operation,
      kind: 'http',
      status,
      message: `${what} failed: the API answered with a redirect [${status}], which Patchbay does not follow (check the profile's API address).`,
    });
  }
  if (error instanceof HTTPError) {
    return errorFromResponse(
      operation,
      error.response.status,
      error.data,
      error.response.headers.get('x-request-id') ?? error.response.headers.get('x-amzn-requestid'),
    );
  }
  if (error instanceof TimeoutError) {
    return new BandwidthApiError({
      operation,
      kind: 'timeout',
      message: `${what} failed: no answer within ${timeoutMs} ms`,
    });
  }
  if (error instanceof NetworkError) {
    const cause = error.cause instanceof Error ? networkCause(error.cause) : 'network error';
    return new BandwidthApiError({
      operation,
      kind: 'network',
      message: `${what} failed: could not reach the API (${cause})`,
    });
  }
  if (error instanceof SchemaValidationError || error instanceof SyntaxError) {
    return invalid(operation, 'the API answered with a body that is not valid JSON');
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return new BandwidthApiError({ operation, kind: 'aborted', message: `${what} was cancelled` });
  }
  return new BandwidthApiError({
    operation,
    kind: 'network',
    message: `${what} failed: ${error instanceof Error ? error.message : String(error)}`,
  });
}

function networkCause(cause: Error): string {
  const inner = (cause as { cause?: { code?: string } }).cause;
  return inner?.code ?? cause.message;
}
