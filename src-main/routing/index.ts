/**
 * The routing applier (main process): fresh read → rebase → guarded, minimal, safely ordered PUTs
 * with rollback; per-session undo/redo; timed routes with persisted reverts.
 */
export { RoutingApplier } from './applier';
export { SessionHistory } from './history';
export type { HistoryEntry } from './history';
export { TimedRoutes, MAX_TIMED_ROUTE_MS } from './timers';
export type { TimedRoutesOptions } from './timers';
export { TimerStore } from './timer-store';
export type { TimedRouteRecord } from './timer-store';
export type {
  ApplyFailure,
  ApplyOptions,
  ApplyResult,
  ApplySuccess,
  AuditFailure,
  AuditLike,
  FailedStep,
  GuardrailFailure,
  HistoryState,
  LiveLike,
  NothingWrittenFailure,
  PreviewResult,
  PreviewSuccess,
  ReadFailure,
  AppliedChange,
  TimedApplyResult,
  TimedDuration,
  TimedRouteEvent,
  TimedRouteView,
  TimerOutcome,
  RevertHow,
  RevertResult,
  RoutingApplierOptions,
  RoutingClient,
  UndoConflictFailure,
  UnrestoredReceiver,
  WriteFailure,
} from './types';
