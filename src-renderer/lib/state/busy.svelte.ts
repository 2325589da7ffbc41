/**
 * Work in progress, for two purposes: each action's own button is disabled while it runs
 * (`isRunning(key)`), and anything slower than `delayMs` (300 ms) shows in the global progress
 * indication (`slow`). Quick calls never flash a spinner.
 */
export interface BusyTask {
  readonly id: number;
  readonly key: string;
  /** "Creating session…": what the progress indication says. */
  readonly label: string;
  slow: boolean;
}

export interface BusyOptions {
  delayMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export const BUSY_DELAY_MS = 300;

export class BusyStore {
  #tasks = $state<BusyTask[]>([]);
  #slow = $derived(this.#tasks.filter((t) => t.slow));
  #nextId = 1;
  readonly #delayMs: number;
  readonly #setTimer: (run: () => void, ms: number) => unknown;
  readonly #clearTimer: (handle: unknown) => void;

  constructor(options: BusyOptions = {}) {
    this.#delayMs = options.delayMs ?? BUSY_DELAY_MS;
    this.#setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.#clearTimer =
      options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  }

  /** Tasks that have run longer than the delay, oldest first. */
  get slow(): readonly BusyTask[] {
    return this.#slow;
  }

  get running(): readonly BusyTask[] {
    return this.#tasks;
  }

  isRunning(key: string): boolean {
    return this.#tasks.some((t) => t.key === key);
  }

  async run<T>(key: string, label: string, work: () => Promise<T>): Promise<T> {
    const id = this.#nextId++;
    this.#tasks.push({ id, key, label, slow: false });
    const timer = this.#setTimer(() => {
      const task = this.#tasks.find((t) => t.id === id);
      if (task) task.slow = true;
    }, this.#delayMs);
    try {
      return await work();
    } finally {
      this.#clearTimer(timer);
      this.#tasks = this.#tasks.filter((t) => t.id !== id);
    }
  }
}
