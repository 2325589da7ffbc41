/**
 * A web host in the test's own process over the built renderer, with time driven by hand: for
 * what only happens hours after sign-in (the time limit's warning and end), checked in a real
 * browser without waiting for it.
 */
import { join } from 'node:path';
import { startWebHost } from '../../../src-main/host/web-host';
import type { SessionLimits } from '../../../src-main/host/session-limits';
import { manualClock, type ManualClock } from '../../support/manual-clock';
import { startConsole } from '../../support/reliability/console';

const ROOT = join(import.meta.dirname, '../../..');

export interface ClockedHost {
  origin: string;
  loginUrl: string;
  clock: ManualClock;
  /** Links the host issued after the first (what the command line would print). */
  links: string[];
  stop(): Promise<void>;
}

export async function startClockedHost(
  sessions: Partial<SessionLimits> = {},
): Promise<ClockedHost> {
  const c = await startConsole({ localApi: { seed: 'demo' } });
  const clock = manualClock(Date.now());
  const links: string[] = [];
  const host = await startWebHost({
    rendererDir: join(ROOT, 'out/renderer'),
    console: c.composed,
    port: 0,
    clock,
    sessions,
    onSignInLink: (url) => void links.push(url),
  });
  return {
    origin: host.origin,
    loginUrl: host.loginUrl,
    clock,
    links,
    stop: async () => {
      await host.close();
      await c.close();
    },
  };
}
