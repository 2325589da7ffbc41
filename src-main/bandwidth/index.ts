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
  MAX_API_MESSAGE,
} from './errors';
export type { BandwidthErrorKind, TextScrub } from './errors';
export { withScrubbedErrors } from './scrubbed-client';
export { verifyCredentials } from './verify';
