/** Timed routes as the renderer sees them: the countdowns, their events and outcomes. */
import type { Intent } from '../routing';
import type { ApplyFailure, ApplyResult, ApplySuccess, HistoryState } from './routing';

/** What the renderer shows for a countdown. */
export interface TimedRouteView {
  readonly id: string;
  readonly sessionId: string;
  readonly intent: Intent;
  readonly label: string;
  readonly startedAt: number;
  /** Epoch ms; null: until stopped. */
  readonly endsAt: number | null;
}

export type RevertHow = 'undone' | 'already-reverted' | 'ended-supervision' | 'session-ended';

export type TimerOutcome =
  | { readonly ok: true; readonly how: RevertHow; readonly entrySeq?: number }
  | {
      readonly ok: false;
      readonly code: 'unknown-timer' | ApplyFailure['code'];
      readonly message: string;
      /** The revert stays pending and is tried again after `retryDelayMs`. */
      readonly willRetry: boolean;
    };

export type TimedRouteEvent =
  | { readonly type: 'added'; readonly route: TimedRouteView }
  | {
      readonly type: 'reverted';
      readonly route: TimedRouteView;
      readonly how: RevertHow;
      readonly entrySeq?: number;
      /** Someone stopped it before its time was up. */
      readonly stopped?: true;
    }
  | {
      readonly type: 'failed';
      readonly route: TimedRouteView;
      readonly message: string;
      readonly willRetry: boolean;
    };

export type TimedApplyResult = (ApplySuccess & { readonly timer: TimedRouteView }) | ApplyFailure;

/** What `routing:apply` answers: the result and the session's undo/redo state after it. */
export type AppliedChange = (ApplyResult | TimedApplyResult) & { readonly history: HistoryState };
