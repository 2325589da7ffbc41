/** The embedded Bandwidth-compatible WebRTC API: the public surface. */
export { createLocalApi, buildLocalApiApp } from './server';
export type { LocalApi, LocalApiOptions } from './server';
export { FICTIONAL_FIRST_NAMES, FICTIONAL_SURNAMES } from './directory/names';
export { isLoopbackAddress } from './control';
export type { LocalControl, RequestCounts } from './control';
export type { FailureRule, LatencyRule } from './faults';
export { Store, deliveredPublishers } from './store';
export type { LocalApiState } from './state';
export { demoSeed, DEMO_CALL_COUNT } from './seed';
export { startSimulation } from './simulate';
export type { Simulation, SimulationPace } from './simulate';
export { verifyParticipantToken, TOKEN_ISSUER } from './tokens';
