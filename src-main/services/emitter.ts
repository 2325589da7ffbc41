/** A small typed event emitter (main-process side of the contract's events). */
export class TypedEmitter<Events extends object> {
  readonly #listeners = new Map<keyof Events, Set<(payload: never) => void>>();
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

  emit<K extends keyof Events>(name: K, payload: Events[K]): void {
    const listeners = this.#listeners.get(name);
    if (!listeners || listeners.size === 0) return;
    const outgoing = this.#outgoing(payload);
    for (const listener of listeners) {
      (listener as (payload: Events[K]) => void)(outgoing);
    }
  }

  clear(): void {
    this.#listeners.clear();
  }
}
