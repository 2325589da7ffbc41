/**
 * The routing applier (main process): fresh read → rebase → guarded, minimal, safely ordered PUTs
 * with rollback; per-session undo/redo; timed routes with persisted reverts.
 */
export { RoutingApplier } from './applier';
export { SessionHistory } from './history';
export type { HistoryEntry } from './history';
export { TimedRoutes } from './timers';
export { TimerStore } from './timer-store';
export type { TimedRouteRecord } from './timer-store';
export type {
  ApplyResult,
  AuditLike,
  HistoryState,
  LiveLike,
  PreviewResult,
  AppliedChange,
  TimedRouteEvent,
  TimedRouteView,
  TimerOutcome,
  RoutingApplierOptions,
  RoutingClient,
} from './types';
