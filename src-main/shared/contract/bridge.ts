import type { z } from 'zod';
import type { Result } from '../result';

/**
 * The shape of an IPC contract and the bridge built from it. Pure: used by the preload (over
 * ipcRenderer), by the web host's browser client (over a WebSocket) and by tests, so every transport
 * exposes exactly the same named capabilities.
 */
export interface RequestSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  /** Type-level only: what the handler resolves with. */
  readonly output?: O;
}

export interface EventSpec<P = unknown> {
  readonly payload?: P;
}

export type RequestTable = Record<`${string}:${string}`, RequestSpec>;
export type EventTable = Record<`${string}:${string}`, EventSpec>;

export const request =
  <O>() =>
  <I extends z.ZodType>(input: I): RequestSpec<I, O> => ({ input });

export const event = <P>(): EventSpec<P> => ({});

export type InputOf<S> = S extends RequestSpec<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<S> = S extends RequestSpec<infer I, unknown> ? z.output<I> : never;
export type OutputOf<S> = S extends RequestSpec<z.ZodType, infer O> ? O : never;
export type PayloadOf<S> = S extends EventSpec<infer P> ? P : never;

type DomainOf<K> = K extends `${infer D}:${string}` ? D : never;

/** `{ profiles: { list(input), add(input), onChanged(listener) }, sessions: {…} }` */
export type Bridge<R extends RequestTable, E extends EventTable> = {
  [D in DomainOf<keyof R> | DomainOf<keyof E>]: {
    [K in keyof R as K extends `${D}:${infer V}` ? V : never]: (
      input: InputOf<R[K]>,
    ) => Promise<Result<OutputOf<R[K]>>>;
  } & {
    [K in keyof E as K extends `${D}:${infer V}` ? `on${Capitalize<V>}` : never]: (
      listener: (payload: PayloadOf<E[K]>) => void,
    ) => () => void;
  };
};

export type Invoke = (name: string, input: unknown) => Promise<Result<unknown>>;
export type Subscribe = (name: string, listener: (payload: unknown) => void) => () => void;

/** Builds the named-function bridge over any transport. Frozen, so a page cannot rewire it. */
export function buildBridge<R extends RequestTable, E extends EventTable>(
  requests: R,
  events: E,
  invoke: Invoke,
  subscribe: Subscribe,
): Bridge<R, E> {
  const domains: Record<string, Record<string, unknown>> = {};
  const slot = (name: string): [Record<string, unknown>, string] => {
    const [domain = '', verb = ''] = name.split(':');
    domains[domain] ??= {};
    return [domains[domain], verb];
  };
  for (const name of Object.keys(requests)) {
    const [target, verb] = slot(name);
    target[verb] = (input: unknown) => invoke(name, input);
  }
  for (const name of Object.keys(events)) {
    const [target, verb] = slot(name);
    target[`on${verb.charAt(0).toUpperCase()}${verb.slice(1)}`] = (
      listener: (payload: unknown) => void,
    ) => {
      if (typeof listener !== 'function')
        throw new TypeError(`${name}: listener must be a function`);
      return subscribe(name, listener);
    };
  }
  for (const domain of Object.values(domains)) Object.freeze(domain);
  return Object.freeze(domains) as Bridge<R, E>;
}

/** Every capability of a bridge as `domain.name` strings, sorted: what the surface test snapshots. */
export function describeSurface(bridge: object): string[] {
  const names: string[] = [];
  for (const [domain, members] of Object.entries(bridge)) {
    for (const member of Object.keys(members as object)) names.push(`${domain}.${member}`);
  }
  return names.sort();
}
