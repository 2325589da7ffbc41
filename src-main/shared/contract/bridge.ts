import type { Result } from '../result';

/**
 * The shape of an IPC contract and the bridge built from it. Pure and type-level: used by the
 * preload (over ipcRenderer), by the web host's browser client (over a WebSocket) and by tests, so
 * every transport exposes exactly the same named capabilities. A table is names and types only;
 * the runtime schemas that check each input live in main, beside the dispatcher.
 */
export interface Capability<I = unknown, O = unknown> {
  /** Type-level only: the one object argument the caller sends. */
  readonly takes?: I;
  /** Type-level only: what the handler resolves with. */
  readonly answers?: O;
}

export interface EventSpec<P = unknown> {
  readonly payload?: P;
}

export type RequestTable = Record<`${string}:${string}`, Capability>;
export type EventTable = Record<`${string}:${string}`, EventSpec>;

/** One capability of a contract table: `capability<Input, Output>()`. */
export const capability = <I, O>(): Capability<I, O> => ({});

export const event = <P>(): EventSpec<P> => ({});

export type InputOf<S> = S extends Capability<infer I, unknown> ? I : never;
export type OutputOf<S> = S extends Capability<unknown, infer O> ? O : never;
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
