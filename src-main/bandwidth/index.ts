export { createBandwidthClient, basicAuth, toBandwidthError } from './client';
export type {
  BandwidthClient,
  BandwidthClientOptions,
  BandwidthCredentials,
  CallOptions,
} from './client';
export {
  BandwidthApiError,
  isBandwidthApiError,
  errorFromResponse,
  describeOperation,
} from './errors';
export type { BandwidthErrorKind } from './errors';
export { verifyCredentials } from './verify';
