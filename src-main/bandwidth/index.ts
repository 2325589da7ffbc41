export { createBandwidthClient } from './client';
export type { BandwidthClient, BandwidthClientOptions } from './client';
export {
  BandwidthApiError,
  isBandwidthApiError,
  errorFromResponse,
  MAX_API_MESSAGE,
} from './errors';
export { withScrubbedErrors } from './scrubbed-client';
export { verifyCredentials } from './verify';
