import { test as base, expect, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './web-host';

export interface ConsoleFixture {
  /** Signed in through the one-time link, at the app. */
  page: Page;
  url: string;
  dataDir: string;
  localApi: RunningHost['localApi'];
}

/**
 * `console`: a fresh web host + local API (demo seed; simulation off unless `simulate` is set) per
 * test, with its own data folder, and a page signed in to it.
 */
export const test = base.extend<{ simulate: boolean; host: RunningHost; console: ConsoleFixture }>({
  simulate: [false, { option: true }],
  host: async ({ simulate }, use) => {
    const host = await startHost({ simulate });
    await use(host);
    await host.stop();
  },
  console: async ({ page, host }, use) => {
    await page.goto(host.loginUrl);
    await expect(page).toHaveURL(`${host.origin}/`);
    await use({ page, url: host.origin, dataDir: host.dataDir, localApi: host.localApi });
  },
});

export { expect };
