/**
 * Fault injection for the Bandwidth routes: latency per request, and failures for the next N
 * requests or for every request of one operation. Kinds:
 * - `status`: answers `status` (default 500). Body `{message}` for 401, 403, 429 and 502-504 (as a
 *   gateway would), `{error, requestId}` otherwise.
 * - `rate-limit`: 429 `{"message":"Too Many Requests"}` with `Retry-After: <retryAfterSeconds>` and/or
 *   `X-RateLimit-Reset: <Unix time in seconds when the limit resets>` (now + rateLimitResetSeconds,
 *   GitHub style); with neither given, `Retry-After: 1`.
 * - `reset`: destroys the connection (TCP RST) without answering.
 * - `timeout`: never answers; the connection is held until the client gives up (closes it), then
 *   cleaned up. Held connections are also dropped after 2 minutes and when the server closes.
 */
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OperationId } from '../shared/bandwidth-api';
import { sendMessageError } from './replies';

export const FAILURE_KINDS = ['status', 'reset', 'timeout', 'rate-limit'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export interface LatencyRule {
  ms: number;
  jitterMs?: number;
  /** Only this operation; missing: every operation (an operation's own rule wins). */
  operation?: OperationId;
}

export interface FailureRule {
  kind: FailureKind;
  /** For `status`: the HTTP status to answer (400-599; default 500). */
  status?: number;
  /** How many matching requests fail. Missing: 1, or every request when `operation` is given. */
  count?: number;
  operation?: OperationId;
  retryAfterSeconds?: number;
  rateLimitResetSeconds?: number;
}

export interface ActiveFailure extends FailureRule {
  id: number;
  /** Matching requests still to fail; null: until cleared. */
  remaining: number | null;
}

export interface FaultsView {
  latency: LatencyRule[];
  failures: ActiveFailure[];
  /** Connections currently held by `timeout` faults. */
  heldRequests: number;
}

const MAX_HOLD_MS = 120_000;
const MESSAGE_STATUSES: Record<number, string> = {
  401: 'Unauthorized',
  403: 'Forbidden',
  429: 'Too Many Requests',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Endpoint request timed out',
};

export class FaultInjector {
  #latency = new Map<OperationId | '*', LatencyRule>();
  #failures: ActiveFailure[] = [];
  #held = new Set<Socket>();
  #nextId = 1;

  /** Sets the rule for its operation (or for all); `ms` and `jitterMs` both 0 remove it. */
  setLatency(rule: LatencyRule): void {
    const key = rule.operation ?? '*';
    if (rule.ms === 0 && (rule.jitterMs ?? 0) === 0) this.#latency.delete(key);
    else this.#latency.set(key, { ...rule });
  }

  addFailure(rule: FailureRule): ActiveFailure {
    const remaining = rule.count ?? (rule.operation === undefined ? 1 : null);
    const failure: ActiveFailure = { ...rule, id: this.#nextId++, remaining };
    this.#failures.push(failure);
    return { ...failure };
  }

  clear(): void {
    this.#latency.clear();
    this.#failures = [];
  }

  view(): FaultsView {
    return {
      latency: [...this.#latency.values()].map((rule) => ({ ...rule })),
      failures: this.#failures.map((failure) => ({ ...failure })),
      heldRequests: this.#held.size,
    };
  }

  /** Drops every connection held by a `timeout` fault (server shutdown). */
  releaseAll(): void {
    for (const socket of this.#held) socket.destroy();
    this.#held.clear();
  }

  /** Applies latency, then a failure if one matches. Resolves once the request may go on. */
  async apply(request: FastifyRequest, reply: FastifyReply, operation: OperationId): Promise<void> {
    const rule = this.#latency.get(operation) ?? this.#latency.get('*');
    if (rule !== undefined && rule.ms + (rule.jitterMs ?? 0) > 0) {
      await sleep(rule.ms + Math.random() * (rule.jitterMs ?? 0));
    }
    const failure = this.#take(operation);
    if (failure === undefined) return;
    switch (failure.kind) {
      case 'status': {
        const status = failure.status ?? 500;
        const message = MESSAGE_STATUSES[status];
        if (message !== undefined) sendMessageError(reply, status, message);
        else {
          reply
            .code(status)
            .type('application/json')
            .send({ error: `Injected fault: HTTP ${status}`, requestId: request.id });
        }
        return;
      }
      case 'rate-limit': {
        const retry = failure.retryAfterSeconds;
        const reset = failure.rateLimitResetSeconds;
        if (retry !== undefined || reset === undefined)
          reply.header('Retry-After', String(retry ?? 1));
        if (reset !== undefined) {
          reply.header('X-RateLimit-Reset', String(Math.ceil(Date.now() / 1000 + reset)));
        }
        sendMessageError(reply, 429, 'Too Many Requests');
        return;
      }
      case 'reset':
        reply.hijack();
        request.raw.socket.resetAndDestroy();
        return;
      case 'timeout':
        reply.hijack();
        this.#hold(request.raw.socket);
        return;
    }
  }

  #take(operation: OperationId): ActiveFailure | undefined {
    const index = this.#failures.findIndex(
      (f) => f.operation === undefined || f.operation === operation,
    );
    const failure = this.#failures[index];
    if (failure === undefined) return undefined;
    if (failure.remaining !== null) {
      failure.remaining -= 1;
      if (failure.remaining <= 0) this.#failures.splice(index, 1);
    }
    return failure;
  }

  #hold(socket: Socket): void {
    this.#held.add(socket);
    const timer = setTimeout(() => socket.destroy(), MAX_HOLD_MS);
    timer.unref();
    socket.once('close', () => {
      clearTimeout(timer);
      this.#held.delete(socket);
    });
  }
}
