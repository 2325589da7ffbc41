/**
 * Chromium (Debian's, with the repository's offline flags) and the page set-up every interface
 * measurement shares: sign in through the host's one-time link, talk to the bridge like the page
 * does, collect garbage and read the JS heap over CDP.
 */
import { chromium } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../support/chromium';
import { PROBE_SCRIPT } from './probe-script';

export async function launchChromium(): Promise<Browser> {
  const { executablePath, args } = chromiumLaunchOptions();
  return chromium.launch({
    headless: true,
    args,
    ...(executablePath === undefined ? {} : { executablePath }),
  });
}

/**
 * tsx (esbuild keepNames) wraps named inner functions in `__name(…)`; functions Playwright
 * serialises into the page need that helper to exist there.
 */
const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((fn) => fn);';

/** A fresh context and page with the in-page probe installed before any app script runs. */
export async function newProbedPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await context.addInitScript(NAME_SHIM);
  await context.addInitScript(PROBE_SCRIPT);
  return context.newPage();
}

/** Capability calls over a separate bridge socket from inside the signed-in page (set-up only). */
export { invoke, invokeAll } from '../../e2e/helpers/bridge';

export interface HeapUsage {
  readonly usedBytes: number;
  readonly totalBytes: number;
}

/** JS heap after a full garbage collection (CDP Runtime.getHeapUsage). */
export async function heapAfterGc(page: Page): Promise<HeapUsage> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = await cdp.send('Runtime.getHeapUsage');
    return { usedBytes: usage.usedSize, totalBytes: usage.totalSize };
  } finally {
    await cdp.detach();
  }
}

/** Resolves at the first animation frame after now, with the page's clock. */
export async function nextFrame(page: Page): Promise<number> {
  return page.evaluate(
    () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))),
  );
}
