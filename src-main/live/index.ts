export { LiveSync, DEFAULT_TIMING } from './live-sync';
export { SessionWatcher } from './session-watcher';
export type {
  SessionSnapshot,
  SessionState,
  SessionUpdate,
  WatcherTiming,
} from './session-watcher';
export { WriteExpectations, diffParticipants, subscriptionsKey } from './changes';
export type { ObservedChange, ChangeOrigin, ChangeSignature } from './changes';
