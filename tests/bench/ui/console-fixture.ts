/**
 * The console as part 4 uses it: a real web host (fresh data folder, demo seed, no simulation)
 * signed in from Chromium, with a 20-party call (1 supervisor, 9 customers, 10 agents; roles set
 * in the console) and enough 3-party calls that 50 sessions are watched. Set-up goes through the
 * host's own local API and the page's bridge; nothing here is measured.
 */
import type { Browser, Page } from '@playwright/test';
import { createBandwidthClient } from '../../../src-main/bandwidth';
import type { BandwidthClient } from '../../../src-main/bandwidth';
import { LOCAL_DEMO_PROFILE_ID } from '../../../src-main/settings';
import { startBuiltHost } from './host';
import type { RunningHost } from '../../e2e/support/web-host';
import { createBenchSession, normalCall, resetTo } from '../routing/sessions';
import type { BenchSession } from '../routing/sessions';
import { createCalls } from '../support/calls';
import { heapAfterGc, invokeAll, newProbedPage } from './browser';
import type { HeapUsage } from './browser';

export interface ConsoleFixture {
  readonly host: RunningHost;
  readonly page: Page;
  /** A client on the host's local API (the "outside world": another console, the backend). */
  readonly client: BandwidthClient;
  readonly big: BenchSession;
  readonly watched: number;
  /** Heap right after sign-in, with the demo's sessions only. */
  readonly heapDemo: HeapUsage & { readonly sessions: number };
  /** Sets the injected latency of the host's local API (0 clears). */
  latency(ms: number): Promise<void>;
  close(): Promise<void>;
}

const sidebarItems = (page: Page): ReturnType<Page['locator']> =>
  page.getByRole('list', { name: 'Watched sessions' }).getByRole('listitem');

/** The console opens on the floor; the watched sessions' list is on the Sessions screen. */
async function showSessions(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: 'Sessions' })
    .click();
}

export async function openConsole(browser: Browser, watched: number): Promise<ConsoleFixture> {
  const host = await startBuiltHost();
  const page = await newProbedPage(browser);
  try {
    const { baseUrl, accountId, username, password } = host.localApi;
    const client = createBandwidthClient({
      baseUrl,
      accountId,
      credentials: () => ({ username, password }),
    });
    const controlOrigin = new URL(baseUrl).origin;
    await page.goto(host.loginUrl);
    await showSessions(page);
    await sidebarItems(page).first().waitFor();
    const demo = await sidebarItems(page).count();
    const heapDemo = { ...(await heapAfterGc(page)), sessions: demo };

    const big = await createBenchSession(client, 20);
    await resetTo(client, big, normalCall(big));
    const small = await createCalls(client, Math.max(0, watched - demo - 1), 3, 'ui-bench');
    // The web host starts on the Local demo profile; every change names the profile it is for.
    const profileId = LOCAL_DEMO_PROFILE_ID;
    const setup = [
      ...Object.entries(big.roles).map(([participantId, role]) => ({
        name: 'participants:setRole',
        input: { profileId, participantId, role },
      })),
      {
        name: 'sessions:watch',
        input: { profileId, sessionId: big.sessionId, label: 'Bench 20-party call' },
      },
      ...[...small.keys()].map((sessionId) => ({
        name: 'sessions:watch',
        input: { profileId, sessionId },
      })),
    ];
    const results = await invokeAll(page, setup);
    const failed = results.find((r) => !r.ok);
    if (failed !== undefined) throw new Error(`set-up failed: ${JSON.stringify(failed)}`);
    await page.reload();
    await showSessions(page);
    await sidebarItems(page)
      .nth(watched - 1)
      .waitFor();
    return {
      host,
      page,
      client,
      big,
      watched: await sidebarItems(page).count(),
      heapDemo,
      latency: async (ms) => {
        const response = await fetch(`${controlOrigin}/_local/faults/latency`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ms }),
        });
        if (!response.ok) throw new Error(`latency: ${response.status}`);
      },
      close: async () => {
        await page.context().close();
        await host.stop();
      },
    };
  } catch (error) {
    await page.context().close();
    await host.stop();
    throw error;
  }
}

/** Shows a watched session by its sidebar label. */
export async function selectSession(page: Page, label: string): Promise<void> {
  await page
    .getByRole('list', { name: 'Watched sessions' })
    .getByRole('button', { name: new RegExp(`^${label}`) })
    .click();
}
