import type { BandwidthClient } from '../bandwidth';
import { isBandwidthApiError } from '../bandwidth';
import type { Participant } from '../shared/bandwidth-api';
import { diffParticipants, type ObservedChange, type WriteExpectations } from './changes';

import type { SessionState } from '../shared/dto/session-view';

export type { SessionState } from '../shared/dto/session-view';

export interface SessionSnapshot {
  sessionId: string;
  state: SessionState;
  /** Last known members with their subscriptions (kept while unreachable). */
  participants: Participant[];
  /** Epoch ms of the last successful observation. */
  observedAt: number | null;
  /** Why the session is unreachable or ended, in plain words. */
  error?: string | undefined;
  consecutiveFailures: number;
}

export interface SessionUpdate {
  snapshot: SessionSnapshot;
  changes: ObservedChange[];
}

export interface WatcherTiming {
  /** Interval for the session on screen. */
  fastMs: number;
  /** Interval for every other watched session. */
  slowMs: number;
  /** Ceiling of the error backoff. */
  maxBackoffMs: number;
  /** Interval for a call that is only on the floor (default: `floorIntervalMs`). */
  floorMs?: number | undefined;
}

/**
 * How often an unfocused session is read: `normal` at the slow interval (a watched session, or a
 * floor call with alerts), `floor` at the floor's slower one. The session on screen is always fast.
 */
export type PollCadence = 'normal' | 'floor';

/** The floor's interval: three slow intervals, at least 15 s, unless the timing names one. */
export function floorIntervalMs(timing: WatcherTiming): number {
  return timing.floorMs ?? Math.max(3 * timing.slowMs, 15_000);
}

/**
 * Watches one session: one `GET …/participants` per poll (per-participant subscription GETs only if
 * a deployment's list lacks subscriptions), a fast or slow interval, exponential backoff with jitter
 * on errors, and "ended" on 404. Publishes an update whenever state or membership/subscriptions change.
 */
export class SessionWatcher {
  private snapshotValue: SessionSnapshot;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inflight: Promise<SessionSnapshot> | undefined;
  private focused = false;
  private cadence: PollCadence = 'normal';
  /** The next floor interval is spread (see setCadence). */
  private spreadNext = false;
  private stopped = false;

  constructor(
    private readonly client: BandwidthClient,
    readonly sessionId: string,
    private timing: WatcherTiming,
    private readonly expectations: WriteExpectations,
    private readonly onUpdate: (update: SessionUpdate) => void,
  ) {
    this.snapshotValue = {
      sessionId,
      state: 'starting',
      participants: [],
      observedAt: null,
      consecutiveFailures: 0,
    };
  }

  get snapshot(): SessionSnapshot {
    return this.snapshotValue;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** New intervals; a live session's next poll is rescheduled at the new interval, counted from now. */
  setTiming(timing: WatcherTiming): void {
    this.timing = timing;
    if (this.timer && this.inflight === undefined && this.snapshotValue.state === 'live') {
      this.schedule(this.nextDelay());
    }
  }

  /**
   * A new cadence takes effect now: a live session's next poll is counted from now. The first
   * floor interval is drawn from half to one and a half of it, so calls that reach the floor
   * together (a directory snapshot) do not all poll in the same second ever after.
   */
  setCadence(cadence: PollCadence): void {
    if (this.cadence === cadence) return;
    this.cadence = cadence;
    this.spreadNext = cadence === 'floor';
    this.setTiming(this.timing);
  }

  setFocused(focused: boolean): void {
    if (this.focused === focused) return;
    this.focused = focused;
    // Becoming the session on screen should not wait out a slow interval.
    if (focused && this.snapshotValue.state === 'live') this.schedule(0);
  }

  /** Polls now. A poll already under way is awaited first, so the result is fresh. */
  async pollNow(): Promise<SessionSnapshot> {
    while (this.inflight) await this.inflight.catch(() => undefined);
    this.inflight = this.poll();
    try {
      return await this.inflight;
    } finally {
      this.inflight = undefined;
      if (!this.stopped && this.snapshotValue.state !== 'ended') this.schedule(this.nextDelay());
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.pollNow();
    }, delayMs);
    this.timer.unref?.();
  }

  private nextDelay(): number {
    const unfocused = this.cadence === 'floor' ? floorIntervalMs(this.timing) : this.timing.slowMs;
    const base = this.focused ? this.timing.fastMs : unfocused;
    const failures = this.snapshotValue.consecutiveFailures;
    if (failures === 0 && this.spreadNext && !this.focused && this.cadence === 'floor') {
      this.spreadNext = false;
      return Math.round(base * (0.5 + Math.random()));
    }
    if (failures === 0) return base;
    const backoff = Math.min(this.timing.maxBackoffMs, base * 2 ** failures);
    return Math.round(backoff / 2 + Math.random() * (backoff / 2));
  }

  private async poll(): Promise<SessionSnapshot> {
    const previous = this.snapshotValue;
    const mark = this.expectations.mark();
    try {
      const participants = await this.readParticipants();
      const changes =
        previous.state === 'starting'
          ? []
          : diffParticipants(previous.participants, participants, this.expectations, mark);
      this.expectations.forgetSettled(mark);
      this.snapshotValue = {
        sessionId: this.sessionId,
        state: 'live',
        participants,
        observedAt: Date.now(),
        consecutiveFailures: 0,
      };
      if (previous.state !== 'live' || changes.length > 0) {
        this.onUpdate({ snapshot: this.snapshotValue, changes });
      }
    } catch (error) {
      const ended = isBandwidthApiError(error) && error.ended;
      const message = error instanceof Error ? error.message : String(error);
      this.snapshotValue = {
        ...previous,
        state: ended ? 'ended' : 'unreachable',
        error: ended ? 'The session no longer exists (ended or deleted).' : message,
        consecutiveFailures: previous.consecutiveFailures + 1,
      };
      if (ended) this.stop();
      if (
        previous.state !== this.snapshotValue.state ||
        previous.error !== this.snapshotValue.error
      ) {
        this.onUpdate({ snapshot: this.snapshotValue, changes: [] });
      }
    }
    return this.snapshotValue;
  }

  private async readParticipants(): Promise<Participant[]> {
    const list = await this.client.listSessionParticipants({ sessionId: this.sessionId });
    if (list.every((p) => p.subscriptions !== undefined)) return list;
    // Some deployments may omit subscriptions from the list; read them one by one only then.
    return Promise.all(
      list.map(async (p) =>
        p.subscriptions !== undefined
          ? p
          : {
              ...p,
              subscriptions: await this.client.getParticipantSubscriptions({
                sessionId: this.sessionId,
                participantId: p.id,
              }),
            },
      ),
    );
  }
}
