/**
 * The usual approach to live state, for comparison: every poll reads each participant's
 * subscriptions with its own GET (`GET …/participants/{id}/subscriptions`). Same intervals as
 * LiveSync (fast for the focused session, slow for the rest, next poll scheduled after the last
 * one finished); membership is taken as known, which favours this approach (no list read).
 */
import type { BandwidthClient } from '../../../src-main/bandwidth';
import type { WatcherTiming } from '../../../src-main/live';

export class PerParticipantPoller {
  polls = 0;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private closed = false;

  constructor(
    private readonly client: BandwidthClient,
    private readonly timing: WatcherTiming,
    private readonly focusedId: string | null,
  ) {}

  watch(sessionId: string, participantIds: readonly string[]): void {
    const interval = sessionId === this.focusedId ? this.timing.fastMs : this.timing.slowMs;
    const poll = async (): Promise<void> => {
      if (this.closed) return;
      this.polls += 1;
      await Promise.all(
        participantIds.map((participantId) =>
          this.client
            .getParticipantSubscriptions({ sessionId, participantId })
            .catch(() => undefined),
        ),
      );
      if (!this.closed)
        this.timers.set(
          sessionId,
          setTimeout(() => void poll(), interval),
        );
    };
    void poll();
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
