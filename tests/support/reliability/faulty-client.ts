/**
 * A RoutingClient that, before some of its calls, arms a REAL fault on the local API (500, 503, 429
 * with Retry-After, a held connection the client times out on, a TCP reset), so faults land at
 * random points of a plan: on the fresh read, on any write of a rank group, on a move, or on a
 * rollback write. The requests themselves are the real client's, over real HTTP.
 */
import type { FailureRule, LocalControl } from '../../../src-main/local-api';
import type { Prng } from '../../../src-main/local-api/prng';
import type { RoutingClient } from '../../../src-main/routing';
import type { OperationId } from '../../../src-main/shared/bandwidth-api';

export type FaultName = 'http-500' | 'http-503' | 'rate-limit' | 'timeout' | 'reset';

export interface FaultTally {
  /** Faults armed per kind (each rule may fail several requests). */
  armed: Record<FaultName, number>;
  /** Requests that were actually failed by an armed fault (filled in by `settle`). */
  injected: number;
}

export function newTally(): FaultTally {
  return {
    armed: { 'http-500': 0, 'http-503': 0, 'rate-limit': 0, timeout: 0, reset: 0 },
    injected: 0,
  };
}

function rule(prng: Prng, operation: OperationId | undefined): [FaultName, FailureRule] {
  const count = prng.next() < 0.7 ? 1 : prng.int(2, 3);
  const scope = operation === undefined ? {} : { operation };
  const name = prng.pick(['http-500', 'http-503', 'rate-limit', 'timeout', 'reset'] as const);
  switch (name) {
    case 'http-500':
      return [name, { kind: 'status', status: 500, count, ...scope }];
    case 'http-503':
      return [name, { kind: 'status', status: 503, count, ...scope }];
    case 'rate-limit':
      return [name, { kind: 'rate-limit', retryAfterSeconds: prng.int(0, 1), count, ...scope }];
    case 'timeout':
      return [name, { kind: 'timeout', count, ...scope }];
    case 'reset':
      return [name, { kind: 'reset', count, ...scope }];
  }
}

export interface FaultInjection {
  client: RoutingClient;
  /**
   * Counts the requests the armed faults failed since the last call and clears what is left (so
   * faults never leak from one change into the next).
   */
  settle(): void;
}

export function faultInjectingClient(
  inner: RoutingClient,
  control: LocalControl,
  prng: Prng,
  tally: FaultTally,
  rate: number,
): FaultInjection {
  let armedRequests = 0;
  const maybeArm = (operation: OperationId): void => {
    if (prng.next() >= rate) return;
    const [name, failure] = rule(prng, prng.next() < 0.8 ? operation : undefined);
    control.addFailure(failure);
    tally.armed[name] += 1;
    armedRequests += failure.count ?? 1;
  };
  const client: RoutingClient = {
    listSessionParticipants: (r, o) => {
      maybeArm('listSessionParticipants');
      return inner.listSessionParticipants(r, o);
    },
    updateParticipantSubscriptions: (r, o) => {
      maybeArm('updateParticipantSubscriptions');
      return inner.updateParticipantSubscriptions(r, o);
    },
    removeParticipantFromSession: (r, o) => {
      maybeArm('removeParticipantFromSession');
      return inner.removeParticipantFromSession(r, o);
    },
    addParticipantToSession: (r, o) => {
      maybeArm('addParticipantToSession');
      return inner.addParticipantToSession(r, o);
    },
  };
  return {
    client,
    settle(): void {
      const left = control
        .faults()
        .failures.reduce((sum, failure) => sum + (failure.remaining ?? 0), 0);
      tally.injected += armedRequests - left;
      armedRequests = 0;
      control.clearFaults();
    },
  };
}
