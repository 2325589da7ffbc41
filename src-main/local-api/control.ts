/**
 * The control surface for tests and demos, apart from the Bandwidth paths and refused (403
 * `{message}`) unless the client is on loopback. No Basic auth. Bodies are JSON; errors are 400
 * `{error, requestId}`.
 *
 *   GET    /_local/state            full state dump: {sessions: [...], participants: [...]}
 *   GET    /_local/media            {forwarded: [{receiverId, publisherId, kind, packets, bytes}],
 *                                   publishers: [{participantId, kind, level}]} (media plane)
 *   GET    /_local/stats            {counts: {<operationId>: n, ...all eleven}, total}
 *   DELETE /_local/stats            zero the counts                                      → 204
 *   GET    /_local/faults           {latency: [...], failures: [...], heldRequests}
 *   DELETE /_local/faults           clear latency and failures                           → 204
 *   POST   /_local/faults/latency   {ms, jitterMs?, operation?}: delay each request by ms + random
 *                                   jitter, for one operation or all (ms 0 clears)       → 204
 *   POST   /_local/faults/failures  {kind: 'status'|'reset'|'timeout'|'rate-limit', status?,
 *                                   count?, operation?, retryAfterSeconds?,
 *                                   rateLimitResetSeconds?}: fail the next `count` (default 1)
 *                                   matching requests, or with `operation` and no count
 *                                   every request of that operation until cleared
 *                                   → 200 the active failure (see faults.ts for each kind)
 *   POST   /_local/reset            {seed?: 'empty'|'demo', demoSeed?: number}: replace the state
 *                                   (default empty; faults and stats are kept) → 200 {calls}
 *   GET    /_local/webrtc-access    {accountId, withoutWebRtc: [...]}: accounts answered 403
 *   POST   /_local/webrtc-access    {accountId, enabled}: take WebRTC access away from an account
 *                                   (its calls answer 403; the served account or any other id, which
 *                                   otherwise answers 401) or give it back → 200 the new view
 *   DELETE /_local/webrtc-access    every account gets its WebRTC access back              → 204
 *
 * Only for a loopback client that names the server by its loopback address and port in `Host`,
 * from no other origin, and with `Content-Type: application/json` on every POST
 * (request-guards.ts): no web page can reach it, not even through DNS rebinding.
 *
 * Counting and faults apply to the eleven Bandwidth operations only, before auth: a request is
 * counted when it arrives, then delayed, then possibly failed.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { OPERATION_IDS } from '../shared/bandwidth-api';
import type { OperationId } from '../shared/bandwidth-api';
import type { WebRtcAccess, WebRtcAccessView } from './auth';
import { FAILURE_KINDS } from './faults';
import type { ActiveFailure, FailureRule, FaultInjector, FaultsView, LatencyRule } from './faults';
import { CONTROL_PREFIX } from './paths';
import { guardControlRequest } from './request-guards';
import type { MediaView } from './media/forwarder';
import { demoSeed } from './seed';
import type { DemoCall } from './seed';
import { emptyState } from './state';
import type { LocalApiState } from './state';
import type { Store } from './store';
import { parseOrThrow } from './validation';

export type RequestCounts = Record<OperationId, number>;

export interface ResetOptions {
  seed?: 'empty' | 'demo';
  /** PRNG seed of the demo data (default: seed.ts DEFAULT_DEMO_SEED). */
  demoSeed?: number;
}

/** The same functions as the HTTP control surface, for in-process use. */
export interface LocalControl {
  setLatency(rule: LatencyRule): void;
  addFailure(rule: FailureRule): ActiveFailure;
  clearFaults(): void;
  faults(): FaultsView;
  stats(): RequestCounts;
  resetStats(): void;
  /** Replaces the state; returns the demo calls when seeded with 'demo'. */
  reset(options?: ResetOptions): DemoCall[];
  state(): LocalApiState;
  /** Takes WebRTC access away from an account (`enabled` false: its calls answer 403) or back. */
  setWebRtcAccess(accountId: string, enabled: boolean): WebRtcAccessView;
  /** Gives every account its WebRTC access back. */
  clearWebRtcAccess(): void;
  webRtcAccess(): WebRtcAccessView;
  /** RTP forwarded per receiver × publisher × kind since start, and each publisher's audio level. */
  media(): MediaView;
}

export { isLoopbackAddress } from './loopback';

function zeroCounts(): RequestCounts {
  return Object.fromEntries(OPERATION_IDS.map((id) => [id, 0])) as RequestCounts;
}

/** The control plus the counter the request hook feeds. */
export interface CountingControl extends LocalControl {
  count(operation: OperationId): void;
}

export interface LocalControlDeps {
  store: Store;
  faults: FaultInjector;
  access: WebRtcAccess;
  /** RTP forwarded and audio levels (the media plane's view). */
  media: () => MediaView;
  /** Runs after every reset (the demo directory adopts the new calls). */
  onReset?: () => void;
}

export function createLocalControl(deps: LocalControlDeps): CountingControl {
  const { store, faults: injector, access } = deps;
  const onReset = deps.onReset ?? ((): void => undefined);
  let counts = zeroCounts();
  return {
    setLatency: (rule) => injector.setLatency(rule),
    addFailure: (rule) => injector.addFailure(rule),
    clearFaults: () => injector.clear(),
    faults: () => injector.view(),
    stats: () => ({ ...counts }),
    resetStats: () => {
      counts = zeroCounts();
    },
    reset: (options = {}) => {
      const seeded = options.seed === 'demo' ? demoSeed(options.demoSeed) : undefined;
      store.replace(seeded?.state ?? emptyState());
      onReset();
      return seeded?.calls ?? [];
    },
    state: () => store.snapshot(),
    setWebRtcAccess: (accountId, enabled) => access.set(accountId, enabled),
    clearWebRtcAccess: () => access.clear(),
    webRtcAccess: () => access.view(),
    media: deps.media,
    count: (operation) => {
      counts[operation] += 1;
    },
  };
}

const operationSchema = z.enum(OPERATION_IDS, {
  error: (iss) => `must be one of the eleven operationIds (got ${JSON.stringify(iss.input)})`,
});
const wholeNumber = (min: number, max: number): z.ZodNumber => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};
const seconds = wholeNumber(0, 86_400);

const latencySchema = z.object(
  {
    ms: wholeNumber(0, 60_000),
    jitterMs: wholeNumber(0, 60_000).optional(),
    operation: operationSchema.optional(),
  },
  { error: 'request body must be a JSON object' },
);

const failureSchema = z.object(
  {
    kind: z.enum(FAILURE_KINDS, {
      error: (iss) =>
        `must be status, reset, timeout or rate-limit (got ${JSON.stringify(iss.input)})`,
    }),
    status: wholeNumber(400, 599).optional(),
    count: wholeNumber(1, 10_000).optional(),
    operation: operationSchema.optional(),
    retryAfterSeconds: seconds.optional(),
    rateLimitResetSeconds: seconds.optional(),
  },
  { error: 'request body must be a JSON object' },
);

const resetSchema = z.object(
  {
    seed: z.enum(['empty', 'demo'], { error: 'must be "empty" or "demo"' }).optional(),
    demoSeed: wholeNumber(0, 2 ** 32 - 1).optional(),
  },
  { error: 'request body must be a JSON object' },
);

const webRtcAccessSchema = z.object(
  {
    accountId: z
      .string({ error: 'must be a non-empty string of at most 100 characters' })
      .min(1, { error: 'must be a non-empty string of at most 100 characters' })
      .max(100, { error: 'must be a non-empty string of at most 100 characters' }),
    enabled: z.boolean({ error: 'must be true or false' }),
  },
  { error: 'request body must be a JSON object' },
);

/** Counts and fault-injects the Bandwidth operations (register before the auth hook). */
export function installRequestInterception(
  app: FastifyInstance,
  control: CountingControl,
  injector: FaultInjector,
): void {
  app.addHook('onRequest', async (request, reply) => {
    const operation = request.routeOptions.config.operationId;
    if (operation === undefined) return;
    control.count(operation);
    await injector.apply(request, reply, operation);
    return reply.sent ? reply : undefined;
  });
}

export function registerControlRoutes(app: FastifyInstance, control: LocalControl): void {
  void app.register(
    async (scope) => {
      scope.addHook('onRequest', guardControlRequest);
      scope.get('/state', async () => control.state());
      scope.get('/media', async () => control.media());
      scope.get('/stats', async () => {
        const counts = control.stats();
        return { counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
      });
      scope.delete('/stats', async (_request, reply) => {
        control.resetStats();
        return reply.code(204).send();
      });
      scope.get('/faults', async () => control.faults());
      scope.delete('/faults', async (_request, reply) => {
        control.clearFaults();
        return reply.code(204).send();
      });
      scope.post('/faults/latency', async (request, reply) => {
        const rule = parseOrThrow(latencySchema, request.body ?? undefined);
        control.setLatency(rule);
        return reply.code(204).send();
      });
      scope.post('/faults/failures', async (request) =>
        control.addFailure(parseOrThrow(failureSchema, request.body)),
      );
      scope.post('/reset', async (request) => ({
        calls: control.reset(parseOrThrow(resetSchema, request.body ?? {})),
      }));
      scope.get('/webrtc-access', async () => control.webRtcAccess());
      scope.post('/webrtc-access', async (request) => {
        const { accountId, enabled } = parseOrThrow(webRtcAccessSchema, request.body);
        return control.setWebRtcAccess(accountId, enabled);
      });
      scope.delete('/webrtc-access', async (_request, reply) => {
        control.clearWebRtcAccess();
        return reply.code(204).send();
      });
    },
    { prefix: CONTROL_PREFIX },
  );
}
