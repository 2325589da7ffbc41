/**
 * For the web host's session tests: one composed console per file, and a fresh signed-in host per
 * test with its clock driven by hand and the links it would print collected.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { SessionLimits } from '../../../src-main/host/session-limits';
import { manualClock, type ManualClock } from '../../support/manual-clock';
import { startConsole, type TestConsole } from '../../support/reliability/console';
import { startSignedInHost, type SignedInHost } from '../../support/reliability/web-host';

export interface ClockedHost extends SignedInHost {
  clock: ManualClock;
  /** Links the host issued after the first (what the command line prints). */
  printed: string[];
}

export function useClockedHosts(): (sessions?: Partial<SessionLimits>) => Promise<ClockedHost> {
  let c: TestConsole | undefined;
  const running: SignedInHost[] = [];
  beforeAll(async () => {
    c = await startConsole({ localApi: { seed: 'demo' } });
  });
  afterAll(async () => c?.close());
  afterEach(async () => {
    for (const host of running.splice(0)) await host.close();
  });
  return async (sessions = {}) => {
    if (!c) throw new Error('useClockedHosts: the console has not started');
    const clock = manualClock();
    const printed: string[] = [];
    const host = await startSignedInHost(c.composed, {
      clock,
      sessions,
      onSignInLink: (url) => void printed.push(url),
    });
    running.push(host);
    return { ...host, clock, printed };
  };
}
