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
 *
 * Counting and faults apply to the eleven Bandwidth operations only, before auth: a request is
 * counted when it arrives, then delayed, then possibly failed.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { OPERATION_IDS } from '../shared/bandwidth-api';
import type { OperationId } from '../shared/bandwidth-api';
import { CONTROL_PREFIX, sendMessageError } from './bandwidth-http';
import { FAILURE_KINDS } from './faults';
import type { ActiveFailure, FailureRule, FaultInjector, FaultsView, LatencyRule } from './faults';
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
  /** RTP forwarded per receiver × publisher × kind since start, and each publisher's audio level. */
  media(): MediaView;
}

/** True for 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 forms. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const ip = address.toLowerCase().replace(/^::ffff:/, '');
  return ip === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip);
}

export function zeroCounts(): RequestCounts {
  return Object.fromEntries(OPERATION_IDS.map((id) => [id, 0])) as RequestCounts;
}

/** The control plus the counter the request hook feeds. */
export interface CountingControl extends LocalControl {
  count(operation: OperationId): void;
}

export function createLocalControl(
  store: Store,
  injector: FaultInjector,
  media: () => MediaView,
): CountingControl {
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
      if (options.seed === 'demo') {
        const seeded = demoSeed(options.demoSeed);
        store.replace(seeded.state);
        return seeded.calls;
      }
      store.replace(emptyState());
      return [];
    },
    state: () => store.snapshot(),
    media,
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
      scope.addHook('onRequest', async (request, reply) => {
        if (!isLoopbackAddress(request.socket.remoteAddress)) {
          return sendMessageError(reply, 403, 'The control surface answers loopback clients only');
        }
        return undefined;
      });
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
    },
    { prefix: CONTROL_PREFIX },
  );
}
