/**
 * Timed routes of one session ("whisper for 60 s", "monitor until stopped"): the list main keeps,
 * live from `routing:timer` events, a one-second clock for the countdowns while any runs, and stop.
 */
import type { PatchbayBridge } from '../api';
import type { TimedRouteEvent, TimedRouteView } from '$shared/dto/timers';
import { everyInterval, type ClockOptions, type Every } from '../clock';
import { errorText } from '../errors';
import { NO_KEYS, withKeys, withoutKey } from '../matrix/sets';
import type { MatrixHistory } from './matrix-history.svelte';

export type TimersBridge = Pick<PatchbayBridge, 'routing'>;

export type TimersOptions = ClockOptions;

/** Where a route's end is told: its undo history is gone in main. */
export type EndedRoutes = Pick<MatrixHistory, 'forgetRoute' | 'refresh'>;

export class MatrixTimers {
  #routes = $state.raw<readonly TimedRouteView[]>([]);
  #now = $state(0);
  #stopping = $state.raw<ReadonlySet<string>>(NO_KEYS);
  readonly #bridge: TimersBridge;
  readonly #sessionId: string;
  readonly #profileId: string;
  readonly #say: (text: string) => void;
  readonly #clock: () => number;
  readonly #every: Every;
  readonly #history: EndedRoutes;
  /** Timer id → the route id of its change (its undo entry goes when the timer ends). */
  #routeIds: Record<string, string> = {};

  constructor(
    bridge: TimersBridge,
    sessionId: string,
    /** The profile the session belongs to: a stop is refused once another one is active. */
    profileId: string,
    /** Says a line in the matrix's live region. */
    say: (text: string) => void,
    history: EndedRoutes,
    options: TimersOptions = {},
  ) {
    this.#bridge = bridge;
    this.#sessionId = sessionId;
    this.#profileId = profileId;
    this.#say = say;
    this.#clock = options.now ?? Date.now;
    this.#every = options.every ?? everyInterval;
    this.#history = history;
    this.#now = this.#clock();
  }

  get routes(): readonly TimedRouteView[] {
    return this.#routes;
  }
  get now(): number {
    return this.#now;
  }
  isStopping(id: string): boolean {
    return this.#stopping.has(id);
  }
  /** The running routes of one supervisor (for the countdown on its header). */
  forParticipant(participantId: string): TimedRouteView[] {
    return this.#routes.filter(
      (r) => 'supervisorId' in r.intent && r.intent.supervisorId === participantId,
    );
  }

  /** Loads the list, follows events and ticks the clock; returns the cleanup. */
  connect(): () => void {
    const off = this.#bridge.routing.onTimer((event) => this.#onEvent(event));
    const stopClock = this.#every(() => {
      if (this.#routes.length > 0) this.#now = this.#clock();
    }, 1000);
    void this.load();
    return () => {
      off();
      stopClock();
    };
  }

  async load(): Promise<void> {
    const result = await this.#bridge.routing.timers({});
    if (!result.ok) return;
    this.#now = this.#clock();
    this.#routes = result.value.filter((r) => r.sessionId === this.#sessionId);
  }

  /** A timed change was applied (its answer may arrive before or after the `added` event). */
  add(route: TimedRouteView, routeId?: string): void {
    if (route.sessionId !== this.#sessionId) return;
    if (routeId !== undefined) this.#routeIds = { ...this.#routeIds, [route.id]: routeId };
    this.#now = this.#clock();
    if (!this.#routes.some((r) => r.id === route.id)) this.#routes = [...this.#routes, route];
  }

  async stop(id: string): Promise<boolean> {
    const route = this.#routes.find((r) => r.id === id);
    this.#stopping = withKeys(this.#stopping, [id]);
    const result = await this.#bridge.routing.stopTimer({
      profileId: this.#profileId,
      timerId: id,
    });
    this.#stopping = withoutKey(this.#stopping, id);
    if (!result.ok) {
      this.#say(`Could not stop the timed route: ${errorText(result.error)}`);
      return false;
    }
    if (!result.value.ok) {
      this.#say(`Could not stop the timed route: ${result.value.message}`);
      return false;
    }
    if (route) this.#remove(route);
    this.#say(`Stopped: ${route?.label ?? 'the timed route'}. The routing is back as it was.`);
    return true;
  }

  #remove(route: TimedRouteView): void {
    if (!this.#routes.some((r) => r.id === route.id)) return;
    this.#routes = this.#routes.filter((r) => r.id !== route.id);
    const routeId = this.#routeIds[route.id];
    if (routeId) this.#history.forgetRoute(routeId);
    else void this.#history.refresh();
  }

  #onEvent(event: TimedRouteEvent): void {
    if (event.route.sessionId !== this.#sessionId) return;
    switch (event.type) {
      case 'added':
        this.add(event.route);
        return;
      // Its end is told by the console's notice (a toast naming the call), once, on every screen.
      case 'reverted':
        this.#remove(event.route);
        return;
      case 'failed':
        if (event.willRetry) this.#say(`The timed route could not be reverted: ${event.message}`);
        else this.#remove(event.route);
        return;
    }
  }
}
