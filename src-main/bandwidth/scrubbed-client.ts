import type { BandwidthClient } from './client';
import { isBandwidthApiError, type TextScrub } from './errors';

/**
 * The client with every error it throws scrubbed by `scrub` (the console's scrubber, which knows
 * the account's secrets): an API, a proxy or a wrong base URL may echo the credentials in an error
 * body, and these errors travel on to session views, routing results and the audit log.
 */
export function withScrubbedErrors(client: BandwidthClient, scrub: TextScrub): BandwidthClient {
  const wrapped: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(client)) {
    if (typeof member !== 'function') {
      wrapped[name] = member;
      continue;
    }
    const call = member as (...args: unknown[]) => Promise<unknown>;
    wrapped[name] = (...args: unknown[]): Promise<unknown> =>
      call.apply(client, args).catch((error: unknown) => {
        throw isBandwidthApiError(error) ? error.scrubbed(scrub) : error;
      });
  }
  return wrapped as unknown as BandwidthClient;
}
