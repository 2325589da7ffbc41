/**
 * A bridge for state-class tests, built with the same `buildBridge` as the real transports: each
 * capability answers from a handler table (missing ones fail with `not-implemented`), every call is
 * recorded, and events are emitted by hand.
 */
import {
  buildBridge,
  type InputOf,
  type OutputOf,
} from '../../../../src-main/shared/contract/bridge';
import {
  events,
  requests,
  type EventName,
  type Events,
  type PatchbayBridge,
  type RequestName,
  type Requests,
} from '../../../../src-main/shared/contract';
import type { PayloadOf } from '../../../../src-main/shared/contract/bridge';
import type { Result } from '../../../../src-main/shared/result';

export type Handlers = {
  [K in RequestName]?: (
    input: InputOf<Requests[K]>,
  ) => Result<OutputOf<Requests[K]>> | Promise<Result<OutputOf<Requests[K]>>>;
};

export interface FakeBridge {
  bridge: PatchbayBridge;
  calls: { name: string; input: unknown }[];
  /** Inputs of every call to one capability. */
  inputs(name: RequestName): unknown[];
  emit<K extends EventName>(name: K, payload: PayloadOf<Events[K]>): void;
  listenerCount(name: EventName): number;
  handlers: Handlers;
}

export function fakeBridge(handlers: Handlers = {}): FakeBridge {
  const calls: { name: string; input: unknown }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const table = handlers as Record<string, ((input: unknown) => unknown) | undefined>;
  const bridge = buildBridge(
    requests,
    events,
    async (name, input) => {
      calls.push({ name, input });
      const handler = table[name];
      if (!handler) {
        return { ok: false, error: { code: 'not-implemented', message: `${name} not faked` } };
      }
      return (await handler(input)) as Result<unknown>;
    },
    (name, listener) => {
      const set = listeners.get(name) ?? new Set();
      set.add(listener);
      listeners.set(name, set);
      return () => void set.delete(listener);
    },
  );
  return {
    bridge,
    calls,
    handlers,
    inputs: (name) => calls.filter((c) => c.name === name).map((c) => c.input),
    emit: (name, payload) => {
      for (const listener of listeners.get(name) ?? []) listener(payload);
    },
    listenerCount: (name) => listeners.get(name)?.size ?? 0,
  };
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: string, message: string, details?: unknown): Result<never> =>
  details === undefined
    ? { ok: false, error: { code, message } }
    : { ok: false, error: { code, message, details } };
