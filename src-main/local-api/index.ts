/** The embedded Bandwidth-compatible WebRTC API: the public surface. */
export { createLocalApi, buildLocalApiApp, LOCAL_API_DEFAULTS } from './server';
export type {
  LocalApi,
  LocalApiOptions,
  LocalApiApp,
  LocalApiAppDeps,
  LocalDirectoryFeed,
  SeedKind,
} from './server';
export { DemoDirectory } from './directory/register';
export type { DemoBackendDirectory, DemoFeed } from './directory/register';
export { FICTIONAL_FIRST_NAMES, FICTIONAL_SURNAMES, DEMO_QUEUES } from './directory/names';
export { isLoopbackAddress } from './control';
export type { LocalControl, RequestCounts, ResetOptions } from './control';
export type { ActiveFailure, FailureKind, FailureRule, FaultsView, LatencyRule } from './faults';
export { Store, deliveredPublishers, LocalApiError, DEFAULT_PUBLISH_PERMISSIONS } from './store';
export type { DeliveredPublisher } from './store';
export type { LocalApiState, StoredParticipant, StoredSession } from './state';
export { demoSeed, DEFAULT_DEMO_SEED, DEMO_CALL_COUNT } from './seed';
export type { DemoCall, DemoSeed } from './seed';
export { startSimulation, PACES, SIMULATION_PACES, isSimulationPace } from './simulate';
export type {
  PaceProfile,
  Simulation,
  SimulationOptions,
  SimulationPace,
  SimulationTarget,
} from './simulate';
export { verifyParticipantToken, TOKEN_ISSUER } from './tokens';
export type { ParticipantTokenClaims } from './tokens';
export { BODY_LIMIT_BYTES } from './bandwidth-http';
export { WebRtcAccess } from './auth';
export type { WebRtcAccessView } from './auth';
export type { LogDestination, RequestLogging } from './logging';
export type { MediaPlane, MediaPlaneOptions } from './media/media-plane';
export type { ForwardedCount, MediaView, PublisherLevel } from './media/forwarder';
