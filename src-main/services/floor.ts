/**
 * The floor of the active profile: every live call its call directory lists, with who supervises
 * each and how (from the session watchers), the calls that just ended, and `floor:update` whenever
 * any of that changes. A call appears with the directory snapshot that lists it (one poll, or at
 * once over the stream) and leaves with the first one that does not, into "recently ended" for
 * `recentlyEndedMs`. Every floor call is watched: the open one fast, one with alerts at the slow
 * interval, the rest at the floor's (floor-model.ts states the budget). Without a directory the
 * floor says so and watches nothing.
 */
import type { DirectoryClient } from '../directory';
import type { SessionUpdate } from '../live';
import type { SettingsStore } from '../settings';
import type { DirectoryCall, DirectoryUpdate } from '../shared/dto/directory';
import type { AlertView } from '../shared/dto/alerts';
import { DEFAULT_RECENTLY_ENDED_MINUTES } from '../shared/dto/settings';
import type { CallAlert, EndedCall, FloorCadence, FloorState } from '../shared/dto/floor';
import type { ActiveAccount, ActiveProfile } from './active-account';
import { TypedEmitter, type ConsoleEvents } from './emitter';
import { cadenceOf, floorBudget, floorCall, pruneEnded, withEnded } from './floor-model';

/** The open alerts of the active profile (the alerts service) and word of their changes. */
export interface FloorAlertSource {
  list(): { alerts: readonly AlertView[] };
  onChanged(listener: () => void): () => void;
}

export interface FloorServiceDeps {
  active: ActiveAccount;
  settings: SettingsStore;
  /** Where the calls' alerts come from; without one, no call has alerts. */
  alerts?: FloorAlertSource | undefined;
  /**
   * How long an ended call stays in "recently ended": fixed (tests), else the preference
   * (`recentlyEndedMinutes`, default 10), read anew after `preferencesChanged`.
   */
  recentlyEndedMs?: number | undefined;
  now?: () => number;
}

interface Attached {
  active: ActiveProfile;
  directory: DirectoryClient | undefined;
  unsubscribe: () => void;
}

export class FloorService {
  readonly events = new TypedEmitter<Pick<ConsoleEvents, 'floor:update'>>();
  readonly #active: ActiveAccount;
  readonly #settings: SettingsStore;
  readonly #fixedKeepMs: number | undefined;
  readonly #now: () => number;
  #attached: Attached | undefined;
  /** The directory's live calls, in its order. */
  #calls: DirectoryCall[] = [];
  readonly #alertSource: FloorAlertSource | undefined;
  /** The open alerts by session, as last read from the source. */
  #alerts = new Map<string, CallAlert[]>();
  #ended: EndedCall[] = [];
  #pruneTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #offUpdates: () => void;
  readonly #offAlerts: () => void;

  constructor(deps: FloorServiceDeps) {
    this.#active = deps.active;
    this.#settings = deps.settings;
    this.#fixedKeepMs = deps.recentlyEndedMs;
    this.#now = deps.now ?? Date.now;
    this.#alertSource = deps.alerts;
    this.#offUpdates = deps.active.onUpdate((active, update) => this.#observed(active, update));
    this.#offAlerts = deps.alerts?.onChanged(() => this.#alertsChanged()) ?? (() => undefined);
    this.sync();
  }

  /** The floor now. */
  state(): FloorState {
    const active = this.#active.current;
    const live = active.live;
    const assigned = this.#settings.getParticipantRoles(active.profile.id);
    const open = live.focused;
    const registered = this.#registered(active);
    const calls = this.#calls.map((c) => {
      const alerts = this.#alertsOf(c.sessionId);
      const cadence = cadenceOf(c.sessionId, open, alerts, registered.has(c.sessionId));
      return floorCall(c, live.snapshot(c.sessionId), assigned, alerts, cadence);
    });
    const counts: Record<FloorCadence, number> = { open: 0, alert: 0, watched: 0, floor: 0 };
    for (const call of calls) counts[call.cadence] += 1;
    const directory = this.#attached?.directory;
    return {
      profileId: active.profile.id,
      source: directory
        ? { kind: 'directory', status: directory.status }
        : { kind: 'none', profileName: active.profile.name },
      calls,
      recentlyEnded: pruneEnded(this.#ended, this.#now(), this.#keepMs()),
      recentlyEndedMs: this.#keepMs(),
      budget: floorBudget(counts, live.timingNow()),
    };
  }

  /**
   * Follows the active profile's directory: call it after a profile switch or a change of the
   * active profile's directory (the composition does, on `profiles:changed`). A new profile's
   * floor starts empty.
   */
  sync(): void {
    const active = this.#active.current;
    const attached = this.#attached;
    if (attached?.active === active && attached.directory === active.directory) return;
    attached?.unsubscribe();
    // Another profile, or another directory: its calls are not this one's to end.
    if (attached?.active === active) this.#forget(active, this.#calls);
    this.#calls = [];
    this.#alerts = this.#readAlerts();
    this.#ended = [];
    const directory = active.directory;
    const offDirectory = directory?.subscribe((update) => this.#directory(active, update));
    // The open call is read fast and counted so in the budget: the floor says so at once.
    const offFocus = active.live.onFocus(() => this.#emit());
    const unsubscribe = (): void => {
      offDirectory?.();
      offFocus();
    };
    this.#attached = { active, directory, unsubscribe };
    this.#emit();
  }

  /** The preferences changed: how long ended calls stay may have. */
  preferencesChanged(): void {
    this.#ended = pruneEnded(this.#ended, this.#now(), this.#keepMs());
    this.#schedulePrune();
    this.#emit();
  }

  close(): void {
    this.#offUpdates();
    this.#offAlerts();
    this.#attached?.unsubscribe();
    this.#attached = undefined;
    if (this.#pruneTimer) clearTimeout(this.#pruneTimer);
    this.events.clear();
  }

  #keepMs(): number {
    const minutes = this.#settings.getPreferences().recentlyEndedMinutes;
    return this.#fixedKeepMs ?? (minutes ?? DEFAULT_RECENTLY_ENDED_MINUTES) * 60_000;
  }

  #alertsOf(sessionId: string): readonly CallAlert[] {
    return this.#alerts.get(sessionId) ?? [];
  }

  /** The source's open alerts by session (they come most severe first, and stay so). */
  #readAlerts(): Map<string, CallAlert[]> {
    const bySession = new Map<string, CallAlert[]>();
    for (const a of this.#alertSource?.list().alerts ?? []) {
      const alert: CallAlert = {
        id: a.id,
        severity: a.severity,
        ruleId: a.ruleId,
        participantId: a.participantId,
        ...(a.otherId === undefined ? {} : { otherId: a.otherId }),
        text: a.message,
      };
      bySession.set(a.sessionId, [...(bySession.get(a.sessionId) ?? []), alert]);
    }
    return bySession;
  }

  /** Alerts changed: calls that gained or lost all their alerts change cadence. */
  #alertsChanged(): void {
    const before = this.#alerts;
    this.#alerts = this.#readAlerts();
    const active = this.#active.current;
    if (this.#attached?.active !== active) return;
    for (const call of this.#calls) {
      const had = before.has(call.sessionId);
      if (had !== this.#alerts.has(call.sessionId)) this.#applyCadence(active, call.sessionId);
    }
    this.#emit();
  }

  #directory(active: ActiveProfile, update: DirectoryUpdate): void {
    if (this.#attached?.active !== active || active !== this.#active.current) return;
    if (update.snapshot) {
      const before = new Set(this.#calls.map((c) => c.sessionId));
      const now = new Set(update.snapshot.calls.map((c) => c.sessionId));
      const gone = this.#calls.filter((c) => !now.has(c.sessionId));
      this.#calls = update.snapshot.calls;
      for (const call of this.#calls) {
        // New calls, and calls whose watcher stopped (unwatched on the Sessions screen).
        if (before.has(call.sessionId) && active.live.isWatched(call.sessionId)) continue;
        active.live.watch(call.sessionId);
        this.#applyCadence(active, call.sessionId);
      }
      if (gone.length > 0) this.#leave(active, gone);
    }
    this.#emit();
  }

  /** Ended calls leave the floor; their watchers stop unless the session is in the register. */
  #leave(active: ActiveProfile, gone: readonly DirectoryCall[]): void {
    this.#ended = withEnded(this.#ended, gone, this.#now(), this.#keepMs());
    this.#forget(active, gone);
    this.#schedulePrune();
  }

  #registered(active: ActiveProfile): Set<string> {
    return new Set(this.#settings.listWatchedSessions(active.profile.id).map((w) => w.id));
  }

  /** Stops the floor's watchers of `calls`: those in the register go back to its cadence. */
  #forget(active: ActiveProfile, calls: readonly DirectoryCall[]): void {
    const registered = this.#registered(active);
    for (const call of calls) {
      if (registered.has(call.sessionId)) active.live.setCadence(call.sessionId, 'normal');
      else if (active.live.focused !== call.sessionId) active.live.unwatch(call.sessionId);
    }
  }

  /** The watcher's cadence (the open call is fast whatever it is: LiveSync's focus). */
  #applyCadence(active: ActiveProfile, sessionId: string): void {
    const watched = this.#registered(active).has(sessionId);
    const cadence = cadenceOf(sessionId, null, this.#alertsOf(sessionId), watched);
    active.live.setCadence(sessionId, cadence === 'floor' ? 'floor' : 'normal');
  }

  #observed(active: ActiveProfile, update: SessionUpdate): void {
    if (this.#attached?.active !== active) return;
    const id = update.snapshot.sessionId;
    if (this.#calls.some((c) => c.sessionId === id)) this.#emit();
  }

  /** Wakes when the oldest ended call is due to leave the list. */
  #schedulePrune(): void {
    if (this.#pruneTimer) clearTimeout(this.#pruneTimer);
    this.#pruneTimer = undefined;
    const oldest = this.#ended.at(-1);
    if (oldest === undefined) return;
    const due = Math.max(0, oldest.endedAt + this.#keepMs() - this.#now());
    this.#pruneTimer = setTimeout(() => {
      this.#ended = pruneEnded(this.#ended, this.#now(), this.#keepMs());
      this.#schedulePrune();
      this.#emit();
    }, due);
    this.#pruneTimer.unref?.();
  }

  #emit(): void {
    this.events.emit('floor:update', this.state());
  }
}
