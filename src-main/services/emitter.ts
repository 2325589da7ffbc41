import type { PayloadOf } from '../shared/contract/bridge';
import type { Events } from '../shared/contract';

/** The contract's events by name, with their payloads: what services emit and transports relay. */
export type ConsoleEvents = { [K in keyof Events]: PayloadOf<Events[K]> };

/** A listener to every event of an emitter, whatever its name. */
export type AnyListener<E extends object> = (name: keyof E & string, payload: E[keyof E]) => void;

/** A small typed event emitter (main-process side of the contract's events). */
export class TypedEmitter<Events extends object> {
  readonly #listeners = new Map<keyof Events, Set<(payload: never) => void>>();
  readonly #any = new Set<AnyListener<Events>>();
  readonly #outgoing: <T>(payload: T) => T;

  /** `outgoing` is applied to every payload before any listener sees it (the console's scrubber). */
  constructor(outgoing?: <T>(payload: T) => T) {
    this.#outgoing = outgoing ?? (<T>(payload: T): T => payload);
  }

  on<K extends keyof Events>(name: K, listener: (payload: Events[K]) => void): () => void {
    const set = this.#listeners.get(name) ?? new Set();
    set.add(listener as (payload: never) => void);
    this.#listeners.set(name, set);
    return () => set.delete(listener as (payload: never) => void);
  }

  /** Every event, by name: for a transport that relays them all without listing them. */
  onAny(listener: AnyListener<Events>): () => void {
    this.#any.add(listener);
    return () => this.#any.delete(listener);
  }

  emit<K extends keyof Events & string>(name: K, payload: Events[K]): void {
    const listeners = this.#listeners.get(name);
    if ((!listeners || listeners.size === 0) && this.#any.size === 0) return;
    const outgoing = this.#outgoing(payload);
    for (const listener of listeners ?? []) (listener as (payload: Events[K]) => void)(outgoing);
    for (const listener of this.#any) listener(name, outgoing);
  }

  clear(): void {
    this.#listeners.clear();
    this.#any.clear();
  }
}

/** Re-emits every event of `source` on `target` (whose events include the source's). */
export function pipeEvents<S extends object, T extends S>(
  source: TypedEmitter<S>,
  target: TypedEmitter<T>,
): () => void {
  return source.onAny((name, payload) => target.emit(name, payload as T[typeof name]));
}
