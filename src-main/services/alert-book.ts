/**
 * The open alerts, the activity feed and what health needs to remember between polls, as one
 * plain value that the alerts service persists. No I/O: each method takes the time it is given.
 */
import type { ActivityEntry, AlertView, AlertsState } from '../shared/dto/alerts';
import type { ObservedChange } from '../shared/dto/session-view';
import type { HealthAlertFinding } from '../shared/routing/health';

/** Joins and leaves kept in the feed. */
export const ACTIVITY_LIMIT = 200;

export interface AlertBookData {
  alerts: AlertView[];
  /** State alerts the supervisor acknowledged: not raised again until they resolved once. */
  acknowledged: string[];
  /** Per `profileId/sessionId`: receivers whose current subscriptions this console wrote. */
  consoleWritten: Record<string, string[]>;
  activity: ActivityEntry[];
}

export const EMPTY_ALERT_BOOK: AlertBookData = {
  alerts: [],
  acknowledged: [],
  consoleWritten: {},
  activity: [],
};

export interface CallRef {
  profileId: string;
  sessionId: string;
  sessionLabel: string;
}

const SEVERITY_RANK = { critical: 0, warning: 1, notice: 2 } as const;

export function callKey(call: Pick<CallRef, 'profileId' | 'sessionId'>): string {
  return `${call.profileId}/${call.sessionId}`;
}

export function alertId(
  sessionId: string,
  f: Pick<HealthAlertFinding, 'ruleId' | 'participantId' | 'otherId'>,
): string {
  return [
    f.ruleId,
    sessionId,
    f.participantId,
    ...(f.otherId === undefined ? [] : [f.otherId]),
  ].join(':');
}

export class AlertBook {
  #data: AlertBookData;

  constructor(data: AlertBookData = EMPTY_ALERT_BOOK) {
    this.#data = structuredClone(data);
  }

  get data(): AlertBookData {
    return this.#data;
  }

  /** The profile's open alerts (most severe, then oldest, first) and its feed. */
  state(profileId: string): AlertsState {
    const alerts = this.#data.alerts
      .filter((a) => a.profileId === profileId)
      .sort(
        (a, b) =>
          SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
          a.raisedAt.localeCompare(b.raisedAt),
      );
    return { alerts, activity: this.#data.activity.filter((e) => e.profileId === profileId) };
  }

  consoleWritten(call: CallRef): ReadonlySet<string> {
    return new Set(this.#data.consoleWritten[callKey(call)] ?? []);
  }

  /** Who wrote each receiver's subscriptions, after these changes. */
  noteWriters(call: CallRef, changes: readonly ObservedChange[]): void {
    const written = new Set(this.#data.consoleWritten[callKey(call)] ?? []);
    for (const change of changes) {
      if (change.kind !== 'left' && change.origin === 'console') written.add(change.participantId);
      else written.delete(change.participantId);
    }
    this.#data.consoleWritten[callKey(call)] = [...written];
  }

  /**
   * One observation's findings: new ones are raised (unless acknowledged while still open), state
   * alerts of this call that were not found again are resolved. Answers the alerts raised now.
   */
  observe(call: CallRef, findings: readonly HealthAlertFinding[], now: Date): AlertView[] {
    const found = new Map(findings.map((f) => [alertId(call.sessionId, f), f]));
    const mine = (a: AlertView): boolean =>
      a.profileId === call.profileId && a.sessionId === call.sessionId;
    const resolved = this.#data.alerts.filter(
      (a) => mine(a) && a.kind === 'state' && !found.has(a.id),
    );
    const stillOpen = new Set([...found.keys()]);
    this.#data.acknowledged = this.#data.acknowledged.filter(
      (id) => !id.includes(`:${call.sessionId}:`) || stillOpen.has(id),
    );
    this.#data.alerts = this.#data.alerts.filter((a) => !resolved.includes(a));
    const open = new Set(this.#data.alerts.filter(mine).map((a) => a.id));
    const raised: AlertView[] = [];
    for (const [id, f] of found) {
      if (open.has(id) || this.#data.acknowledged.includes(id)) continue;
      raised.push({
        id,
        profileId: call.profileId,
        sessionId: call.sessionId,
        sessionLabel: call.sessionLabel,
        ruleId: f.ruleId,
        severity: f.severity,
        kind: f.kind,
        participantId: f.participantId,
        ...(f.otherId === undefined ? {} : { otherId: f.otherId }),
        message: f.message,
        raisedAt: now.toISOString(),
      });
    }
    this.#data.alerts.push(...raised);
    return raised;
  }

  /** The call ended: what it was in is over (its event alerts stay until acknowledged). */
  ended(call: CallRef): boolean {
    const before = this.#data.alerts.length;
    this.#data.alerts = this.#data.alerts.filter(
      (a) =>
        !(a.profileId === call.profileId && a.sessionId === call.sessionId && a.kind === 'state'),
    );
    const gone = callKey(call);
    this.#data.consoleWritten = Object.fromEntries(
      Object.entries(this.#data.consoleWritten).filter(([key]) => key !== gone),
    );
    return this.#data.alerts.length !== before;
  }

  /** Closes an alert; a state alert is not raised again until the call was healthy once. */
  acknowledge(profileId: string, id: string): AlertView | undefined {
    const alert = this.#data.alerts.find((a) => a.profileId === profileId && a.id === id);
    if (alert === undefined) return undefined;
    this.#data.alerts = this.#data.alerts.filter((a) => a !== alert);
    if (alert.kind === 'state') this.#data.acknowledged.push(alert.id);
    return alert;
  }

  /** Closes the outside-change alert about one participant (the supervisor decided). */
  closeOutsideChange(
    call: Pick<CallRef, 'profileId' | 'sessionId'>,
    participantId: string,
  ): boolean {
    const id = alertId(call.sessionId, { ruleId: 'outside-change', participantId });
    const before = this.#data.alerts.length;
    this.#data.alerts = this.#data.alerts.filter(
      (a) => !(a.profileId === call.profileId && a.id === id),
    );
    return this.#data.alerts.length !== before;
  }

  record(entries: readonly ActivityEntry[]): void {
    if (entries.length === 0) return;
    this.#data.activity = [...[...entries].reverse(), ...this.#data.activity].slice(
      0,
      ACTIVITY_LIMIT,
    );
  }
}
