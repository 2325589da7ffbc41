/**
 * The floor screen's state: main's FloorState (from `floor:get`, then live from `floor:update`),
 * the timed routes that count down on it (`routing:timers`, live from `routing:timer`), a
 * one-second clock for durations and countdowns, the supervisor's filter, search and sort, and
 * which call has the keyboard. Opening a call is the App's (it shows the session page).
 */
import type { PatchbayBridge } from '../api';
import type { FloorCall, FloorState } from '$shared/dto/floor';
import type { TimedRouteEvent, TimedRouteView } from '$shared/dto/timers';
import { everyInterval, type ClockOptions, type Every } from '../clock';
import { filterChoices, NO_FILTER, visibleCalls, type FloorFilter } from '../floor/view';
import { timerNotice } from '../timer-notice';
import type { ToastsStore } from './toasts.svelte';

export type FloorBridge = Pick<PatchbayBridge, 'floor' | 'routing'>;

export interface FloorOptions extends ClockOptions {
  /** A watched call's name where the floor does not list it (no call directory). */
  callLabel?: (sessionId: string) => string | undefined;
}

export class FloorStore {
  #state = $state.raw<FloorState | null>(null);
  #routes = $state.raw<readonly TimedRouteView[]>([]);
  #filter = $state<FloorFilter>({ ...NO_FILTER });
  #now = $state(0);
  /** The call that has the keyboard (its session id); kept while it is visible. */
  #activeId = $state<string | null>(null);
  #calls = $derived(visibleCalls(this.#state?.calls ?? [], this.#filter));
  #choices = $derived(filterChoices(this.#state?.calls ?? []));
  readonly #bridge: FloorBridge;
  readonly #toasts: ToastsStore;
  readonly #clock: () => number;
  readonly #every: Every;
  readonly #callLabel: (sessionId: string) => string | undefined;

  constructor(bridge: FloorBridge, toasts: ToastsStore, options: FloorOptions = {}) {
    this.#bridge = bridge;
    this.#toasts = toasts;
    this.#clock = options.now ?? Date.now;
    this.#every = options.every ?? everyInterval;
    this.#callLabel = options.callLabel ?? (() => undefined);
    this.#now = this.#clock();
  }

  /** Main's floor; null until loaded. */
  get state(): FloorState | null {
    return this.#state;
  }
  /** The calls the filter leaves, in the chosen order. */
  get calls(): readonly FloorCall[] {
    return this.#calls;
  }
  get choices(): { queues: string[]; agents: string[] } {
    return this.#choices;
  }
  get filter(): Readonly<FloorFilter> {
    return this.#filter;
  }
  get now(): number {
    return this.#now;
  }
  /** The visible call with the keyboard: the remembered one, else the first. */
  get activeId(): string | null {
    const id = this.#activeId;
    if (id !== null && this.#calls.some((c) => c.sessionId === id)) return id;
    return this.#calls[0]?.sessionId ?? null;
  }

  /** Timed routes running on a call, soonest end first. */
  timersOf(sessionId: string): readonly TimedRouteView[] {
    return this.#routes
      .filter((r) => r.sessionId === sessionId)
      .sort((a, b) => (a.endsAt ?? Infinity) - (b.endsAt ?? Infinity));
  }

  setFilter(patch: Partial<FloorFilter>): void {
    this.#filter = { ...this.#filter, ...patch };
  }

  clearFilter(): void {
    this.#filter = { ...NO_FILTER, sort: this.#filter.sort };
  }

  /** Moves the keyboard by `step` rows (clamped), or to the first / last with ±Infinity. */
  move(step: number): string | null {
    const ids = this.#calls.map((c) => c.sessionId);
    if (ids.length === 0) return null;
    const current = this.activeId === null ? 0 : ids.indexOf(this.activeId);
    const next = Math.min(ids.length - 1, Math.max(0, current + step));
    this.#activeId = ids[next] ?? null;
    return this.#activeId;
  }

  activate(sessionId: string): void {
    this.#activeId = sessionId;
  }

  /** Follows main's floor and timed routes, and ticks the clock; returns the way to stop. */
  connect(): () => void {
    const offFloor = this.#bridge.floor.onUpdate((state) => (this.#state = state));
    const offTimers = this.#bridge.routing.onTimer((event) => this.#timer(event));
    const stopClock = this.#every(() => (this.#now = this.#clock()), 1000);
    void this.load();
    return () => {
      offFloor();
      offTimers();
      stopClock();
    };
  }

  async load(): Promise<void> {
    const [floor, timers] = await Promise.all([
      this.#bridge.floor.get({}),
      this.#bridge.routing.timers({}),
    ]);
    if (floor.ok) this.#state = floor.value;
    else this.#toasts.error(floor.error);
    if (timers.ok) this.#routes = timers.value;
  }

  /** The name of a call: the floor's, else the watched session's, else its short id. */
  callName(sessionId: string): string {
    const state = this.#state;
    const listed =
      state?.calls.find((c) => c.sessionId === sessionId) ??
      state?.recentlyEnded.find((c) => c.sessionId === sessionId);
    return listed?.label ?? this.#callLabel(sessionId) ?? `call ${sessionId.slice(0, 8)}`;
  }

  /**
   * Follows a timed route: its countdown on the floor, and a notice when it ends, on whichever
   * call (the open one or another).
   */
  #timer(event: TimedRouteEvent): void {
    const others = this.#routes.filter((r) => r.id !== event.route.id);
    const keep = event.type === 'added' || (event.type === 'failed' && event.willRetry);
    this.#routes = keep ? [...others, event.route] : others;
    const notice = timerNotice(event, this.callName(event.route.sessionId));
    if (notice?.kind === 'error') this.#toasts.error(notice.text);
    else if (notice) this.#toasts.info(notice.text);
  }
}
