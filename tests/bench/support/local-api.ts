/**
 * One embedded local API (loopback, free port, empty state) with a Bandwidth client on it, and the
 * latency switch the bench uses: setup runs at 0 ms, measurements at the injected round trip.
 */
import { createBandwidthClient } from '../../../src-main/bandwidth';
import type { BandwidthClient } from '../../../src-main/bandwidth';
import { createLocalApi } from '../../../src-main/local-api';
import type { LocalApi, RequestCounts } from '../../../src-main/local-api';

export interface BenchApi {
  readonly api: LocalApi;
  readonly client: BandwidthClient;
  /** Every request from now on is delayed by `ms` (0 clears). */
  latency(ms: number): void;
  /** Zeroes the per-operation counts. */
  resetCounts(): void;
  counts(): RequestCounts;
  total(): number;
  close(): Promise<void>;
}

export async function startBenchApi(): Promise<BenchApi> {
  const api = await createLocalApi({ port: 0, seed: 'empty' });
  const client = createBandwidthClient({
    baseUrl: api.baseUrl,
    accountId: api.accountId,
    credentials: () => ({ username: api.username, password: api.password }),
  });
  return {
    api,
    client,
    latency: (ms) => api.control.setLatency({ ms }),
    resetCounts: () => api.control.resetStats(),
    counts: () => api.control.stats(),
    total: () => Object.values(api.control.stats()).reduce((a, b) => a + b, 0),
    close: () => api.close(),
  };
}
