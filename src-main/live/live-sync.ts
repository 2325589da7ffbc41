import type { BandwidthClient } from '../bandwidth';
import type { Subscriptions } from '../shared/bandwidth-api';
import { WriteExpectations, type ChangeSignature } from './changes';
import {
  SessionWatcher,
  type PollCadence,
  type SessionSnapshot,
  type SessionUpdate,
  type WatcherTiming,
} from './session-watcher';

export const DEFAULT_TIMING: WatcherTiming = { fastMs: 1_000, slowMs: 5_000, maxBackoffMs: 30_000 };

/**
 * The register of watched sessions for one account (there is no list-sessions endpoint): sessions
 * this console created, sessions added by id, and sessions discovered from a participant id. One
 * watcher per session; the session on screen polls fast, the rest slowly.
 */
export class LiveSync {
  private readonly watchers = new Map<string, SessionWatcher>();
  private readonly listeners = new Set<(update: SessionUpdate) => void>();
  private readonly focusListeners = new Set<(sessionId: string | null) => void>();
  private readonly expectations = new Map<string, WriteExpectations>();
  private focusedId: string | null = null;

  constructor(
    private readonly client: BandwidthClient,
    private timing: WatcherTiming = DEFAULT_TIMING,
  ) {}

  watch(sessionId: string): SessionSnapshot {
    const existing = this.watchers.get(sessionId);
    if (existing) return existing.snapshot;
    const expectations = new WriteExpectations();
    this.expectations.set(sessionId, expectations);
    const watcher = new SessionWatcher(this.client, sessionId, this.timing, expectations, (u) =>
      this.emit(u),
    );
    this.watchers.set(sessionId, watcher);
    watcher.setFocused(sessionId === this.focusedId);
    watcher.start();
    return watcher.snapshot;
  }

  unwatch(sessionId: string): void {
    this.watchers.get(sessionId)?.stop();
    this.watchers.delete(sessionId);
    this.expectations.delete(sessionId);
    if (this.focusedId === sessionId) this.focusedId = null;
  }

  /** The session on screen polls at the fast interval; `null` when none is. */
  focus(sessionId: string | null): void {
    const changed = this.focusedId !== sessionId;
    this.focusedId = sessionId;
    for (const [id, watcher] of this.watchers) watcher.setFocused(id === sessionId);
    if (changed) for (const listener of this.focusListeners) listener(sessionId);
  }

  /** Hears which session is on screen whenever that changes. */
  onFocus(listener: (sessionId: string | null) => void): () => void {
    this.focusListeners.add(listener);
    return () => this.focusListeners.delete(listener);
  }

  /** The poll intervals in force. */
  timingNow(): WatcherTiming {
    return this.timing;
  }

  /** The session on screen, if any. */
  get focused(): string | null {
    return this.focusedId;
  }

  /** How often an unfocused watched session is read (no effect on one not watched). */
  setCadence(sessionId: string, cadence: PollCadence): void {
    this.watchers.get(sessionId)?.setCadence(cadence);
  }

  /** Polls a watched session now and resolves with the fresh snapshot. */
  async refresh(sessionId: string): Promise<SessionSnapshot> {
    const watcher = this.watchers.get(sessionId);
    if (!watcher) throw new Error(`Session ${sessionId} is not watched`);
    return watcher.pollNow();
  }

  snapshot(sessionId: string): SessionSnapshot | undefined {
    return this.watchers.get(sessionId)?.snapshot;
  }

  list(): SessionSnapshot[] {
    return [...this.watchers.values()].map((w) => w.snapshot);
  }

  isWatched(sessionId: string): boolean {
    return this.watchers.has(sessionId);
  }

  /** Finds the session a participant is in (its `sessions` field) and watches it. */
  async discoverFromParticipant(participantId: string): Promise<string | null> {
    const participant = await this.client.getParticipant({ participantId });
    const sessionId = participant.sessions?.[0] ?? null;
    if (sessionId) this.watch(sessionId);
    return sessionId;
  }

  /** Marks a write this console is about to make, so the next poll does not call it drift. */
  expectSubscriptions(
    sessionId: string,
    participantId: string,
    subscriptions: Subscriptions,
  ): void {
    this.expectations.get(sessionId)?.expect(participantId, subscriptions);
  }

  expectMembership(sessionId: string, participantId: string, kind: 'joined' | 'left'): void {
    this.expectations.get(sessionId)?.expectMembership(participantId, kind);
  }

  /** The write announced by `expect…` was answered (done or failed; see WriteExpectations.settle). */
  settled(
    sessionId: string,
    participantId: string,
    change: ChangeSignature,
    mayHaveApplied = true,
  ): void {
    this.expectations.get(sessionId)?.settle(participantId, change, mayHaveApplied);
  }

  /** New poll intervals, for the sessions watched from now on and for those already watched. */
  setTiming(timing: WatcherTiming): void {
    this.timing = timing;
    for (const watcher of this.watchers.values()) watcher.setTiming(timing);
  }

  onUpdate(listener: (update: SessionUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    for (const watcher of this.watchers.values()) watcher.stop();
    this.watchers.clear();
    this.listeners.clear();
    this.focusListeners.clear();
  }

  private emit(update: SessionUpdate): void {
    for (const listener of this.listeners) listener(update);
  }
}
