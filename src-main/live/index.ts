export { LiveSync, DEFAULT_TIMING } from './live-sync';
export type { SessionSnapshot, SessionUpdate, WatcherTiming } from './session-watcher';
export { floorIntervalMs } from './session-watcher';
export { subscriptionsKey } from './changes';
export type { ObservedChange } from './changes';
