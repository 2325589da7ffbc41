/**
 * Outcome messages. Successes and notes are polite and go away by themselves; errors are assertive
 * and stay until dismissed, because they carry the action the user has to take.
 */
import type { ResultError } from '$shared/result';
import { errorText } from '../errors';
import { safeText } from '../format';

export type ToastKind = 'success' | 'info' | 'error';

export interface Toast {
  readonly id: number;
  readonly kind: ToastKind;
  readonly text: string;
}

export interface ToastsOptions {
  /** How long a success or note stays (default 6 s). */
  timeoutMs?: number;
  /** At most this many toasts at once; the oldest go first (default 5). */
  max?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
}

export class ToastsStore {
  #items = $state<Toast[]>([]);
  #polite = $derived(this.#items.filter((t) => t.kind !== 'error'));
  #assertive = $derived(this.#items.filter((t) => t.kind === 'error'));
  #nextId = 1;
  readonly #timeoutMs: number;
  readonly #max: number;
  readonly #setTimer: (run: () => void, ms: number) => unknown;

  constructor(options: ToastsOptions = {}) {
    this.#timeoutMs = options.timeoutMs ?? 6_000;
    this.#max = options.max ?? 5;
    this.#setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  }

  get items(): readonly Toast[] {
    return this.#items;
  }

  /** For the polite live region (role=status). */
  get polite(): readonly Toast[] {
    return this.#polite;
  }

  /** For the assertive live region (role=alert). */
  get assertive(): readonly Toast[] {
    return this.#assertive;
  }

  success(text: string): number {
    return this.#add('success', text);
  }

  info(text: string): number {
    return this.#add('info', text);
  }

  /** An error: main's message plus the action the user can take. */
  error(error: ResultError | string): number {
    return this.#add('error', typeof error === 'string' ? error : errorText(error));
  }

  dismiss(id: number): void {
    this.#items = this.#items.filter((t) => t.id !== id);
  }

  clear(): void {
    this.#items = [];
  }

  #add(kind: ToastKind, message: string): number {
    // Messages quote labels, tags and ids: never let their control characters reach the screen.
    const text = safeText(message, 2_000);
    const id = this.#nextId++;
    const kept = this.#items.filter((t) => t.text !== text || t.kind !== kind);
    this.#items = [...kept, { id, kind, text }].slice(-this.#max);
    if (kind !== 'error') this.#setTimer(() => this.dismiss(id), this.#timeoutMs);
    return id;
  }
}
