/**
 * The open call-health alerts and the joins/leaves feed of the active profile, as main keeps them
 * (computed there for every watched call, persisted across restarts): this store only mirrors
 * `alerts:changed`, so an alert raised while another call is open is still there when the
 * supervisor comes back. The session page reads `forSession`; the floor view can read `alerts` and
 * `activity` the same way. In the web host (no OS notifications) a critical alert just raised is
 * also shown in the page, as an error toast that stays until dismissed.
 */
import type { PatchbayBridge } from '../api';
import type { ActivityEntry, AlertView, OutsideChangeDecision } from '$shared/dto/alerts';
import type { AlertsState } from '$shared/dto/alerts';
import type { ToastsStore } from './toasts.svelte';

export type AlertsBridge = Pick<PatchbayBridge, 'alerts'>;

export interface AlertsOptions {
  /** Show critical alerts in the page when they are raised (the web host). */
  notifyInPage: boolean;
}

/** The two lists, and each call's part of them as far as it was asked for. */
interface PerCall {
  readonly alerts: readonly AlertView[];
  readonly activity: readonly ActivityEntry[];
  readonly open: Record<string, readonly AlertView[]>;
  readonly recent: Record<string, readonly ActivityEntry[]>;
}

export class AlertsStore {
  // Replaced whole by each `alerts:changed` (never changed in place): no deep proxies, so reading
  // hundreds of alerts is plain property access.
  #alerts = $state.raw<readonly AlertView[]>([]);
  #activity = $state.raw<readonly ActivityEntry[]>([]);
  /** Per call, the alerts and activity of the lists above (made again when a list is replaced). */
  #perCall: PerCall | null = null;
  readonly #bridge: AlertsBridge;
  readonly #toasts: ToastsStore;
  readonly #options: AlertsOptions;

  constructor(bridge: AlertsBridge, toasts: ToastsStore, options: AlertsOptions) {
    this.#bridge = bridge;
    this.#toasts = toasts;
    this.#options = options;
  }

  /** Open alerts, most severe first, then oldest first. */
  get alerts(): readonly AlertView[] {
    return this.#alerts;
  }

  /** Joins and leaves, newest first. */
  get activity(): readonly ActivityEntry[] {
    return this.#activity;
  }

  /**
   * This call's open alerts: the same array until the alerts change (a session update re-reads
   * them on every poll, and the matrix keeps its cells while they are the same).
   */
  forSession(sessionId: string): readonly AlertView[] {
    const lists = this.#lists();
    lists.open[sessionId] ??= lists.alerts.filter((a) => a.sessionId === sessionId);
    return lists.open[sessionId];
  }

  activityFor(sessionId: string): readonly ActivityEntry[] {
    const lists = this.#lists();
    lists.recent[sessionId] ??= lists.activity.filter((e) => e.sessionId === sessionId);
    return lists.recent[sessionId];
  }

  #lists(): PerCall {
    const alerts = this.#alerts;
    const activity = this.#activity;
    const known = this.#perCall;
    if (known !== null && known.alerts === alerts && known.activity === activity) return known;
    this.#perCall = {
      alerts,
      activity,
      open: Object.create(null) as Record<string, readonly AlertView[]>,
      recent: Object.create(null) as Record<string, readonly ActivityEntry[]>,
    };
    return this.#perCall;
  }

  /** The one subscriber to `alerts:changed`; returns the unsubscribe. */
  connect(): () => void {
    return this.#bridge.alerts.onChanged((event) => {
      this.#take(event);
      if (!this.#options.notifyInPage) return;
      for (const alert of event.raised.filter((a) => a.severity === 'critical')) {
        this.#toasts.error(`${alert.sessionLabel}: ${alert.message}`);
      }
    });
  }

  /** The active profile's alerts (after a profile switch, or when the window opens). */
  async load(): Promise<void> {
    const result = await this.#bridge.alerts.list({});
    if (result.ok) this.#take(result.value);
    else this.#toasts.error(result.error);
  }

  async acknowledge(profileId: string, alertId: string): Promise<boolean> {
    const result = await this.#bridge.alerts.acknowledge({ profileId, alertId });
    if (!result.ok) {
      this.#toasts.error(result.error);
      return false;
    }
    this.#take(result.value);
    return true;
  }

  /** Records the supervisor's decision about an outside change (main audits it). */
  async decide(
    profileId: string,
    sessionId: string,
    participantId: string,
    decision: OutsideChangeDecision,
  ): Promise<boolean> {
    const result = await this.#bridge.alerts.decide({
      profileId,
      sessionId,
      participantId,
      decision,
    });
    if (!result.ok) {
      this.#toasts.error(result.error);
      return false;
    }
    this.#take(result.value);
    return true;
  }

  #take(state: AlertsState): void {
    this.#alerts = state.alerts;
    this.#activity = state.activity;
  }
}
