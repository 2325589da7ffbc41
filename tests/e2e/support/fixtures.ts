import { test as base, expect, type Page } from '@playwright/test';
import { SESSION_STORAGE_KEY } from '../../../src-main/shared/ws-protocol';
import { DemoDirectory } from './directory';
import { startHost, type RunningHost } from './web-host';

export interface ConsoleFixture {
  /** Signed in through the one-time link (its secret traded for a token in sessionStorage). */
  page: Page;
  url: string;
  dataDir: string;
  localApi: RunningHost['localApi'];
  /** The host's Local demo call directory, read over its feed as a backend client would. */
  directory: DemoDirectory;
}

/**
 * `console`: a fresh web host + local API (demo seed; simulation off unless `simulate` is set) per
 * test, with its own data folder, and a page signed in to it, on the Sessions screen (the specs of
 * the session page start there) unless `startOnFloor` keeps the first screen, the floor.
 */
export const test = base.extend<{
  simulate: boolean;
  startOnFloor: boolean;
  host: RunningHost;
  console: ConsoleFixture;
}>({
  simulate: [false, { option: true }],
  startOnFloor: [false, { option: true }],
  host: async ({ simulate }, use) => {
    const host = await startHost({ simulate });
    await use(host);
    await host.stop();
  },
  console: async ({ page, host, startOnFloor }, use) => {
    await signIn(page, host.loginUrl, host.origin);
    await expect(page.getByRole('heading', { level: 2, name: 'Floor' })).toBeVisible();
    if (!startOnFloor) {
      await page
        .getByRole('navigation', { name: 'Screens' })
        .getByRole('button', { name: 'Sessions' })
        .click();
    }
    await use({
      page,
      url: host.origin,
      dataDir: host.dataDir,
      localApi: host.localApi,
      directory: new DemoDirectory(host.directory),
    });
  },
});

/**
 * Opens a one-time sign-in link (`origin/#secret=…`) and waits until the console is signed in: the
 * fragment is gone from the address and the console, with its "Sign out", is on screen.
 */
export async function signIn(page: Page, link: string, origin: string): Promise<void> {
  await page.goto(link);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page).toHaveURL(`${origin}/`);
}

/** The session token a signed-in tab keeps in sessionStorage. */
export function tabToken(page: Page): Promise<string> {
  return page.evaluate((key) => sessionStorage.getItem(key) ?? '', SESSION_STORAGE_KEY);
}

export { expect };
