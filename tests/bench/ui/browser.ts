/**
 * Chromium (Debian's, with the repository's offline flags) and the page set-up every interface
 * measurement shares: sign in through the host's one-time link, talk to the bridge like the page
 * does, collect garbage and read the JS heap over CDP.
 */
import { chromium } from 'playwright';
import type { Browser, Page } from 'playwright';
import { chromiumLaunchOptions } from '../../support/chromium';
import type { Result } from '../../../src-main/shared/result';
import { WS_PATH } from '../../../src-main/shared/ws-protocol';
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

/** Calls one capability over a separate bridge socket from inside the signed-in page. */
export async function invoke(page: Page, name: string, input: unknown): Promise<Result<unknown>> {
  return page.evaluate(
    ({ path, name, input }) =>
      new Promise<Result<unknown>>((resolve, reject) => {
        const url = new URL(path, window.location.href);
        url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
        const ws = new WebSocket(url);
        ws.addEventListener('error', () => reject(new Error('bridge socket failed')));
        ws.addEventListener('open', () =>
          ws.send(JSON.stringify({ type: 'invoke', id: 1, name, input })),
        );
        ws.addEventListener('message', (event: MessageEvent<string>) => {
          const frame = JSON.parse(event.data) as { type: string; id?: number; result?: unknown };
          if (frame.type === 'result' && frame.id === 1) {
            ws.close();
            resolve(frame.result as Result<unknown>);
          }
        });
      }),
    { path: WS_PATH, name, input },
  );
}

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

/** Many capability calls over one bridge socket (set-up only); resolves with the results in order. */
export async function invokeAll(
  page: Page,
  calls: readonly { name: string; input: unknown }[],
): Promise<Result<unknown>[]> {
  return page.evaluate(
    ({ path, calls }) =>
      new Promise<Result<unknown>[]>((resolve, reject) => {
        const url = new URL(path, window.location.href);
        url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
        const ws = new WebSocket(url);
        const results: Result<unknown>[] = [];
        let answered = 0;
        ws.addEventListener('error', () => reject(new Error('bridge socket failed')));
        ws.addEventListener('open', () =>
          calls.forEach((c, i) =>
            ws.send(JSON.stringify({ type: 'invoke', id: i + 1, name: c.name, input: c.input })),
          ),
        );
        ws.addEventListener('message', (event: MessageEvent<string>) => {
          const frame = JSON.parse(event.data) as { type: string; id?: number; result?: unknown };
          if (frame.type !== 'result' || frame.id === undefined) return;
          results[frame.id - 1] = frame.result as Result<unknown>;
          answered += 1;
          if (answered === calls.length) {
            ws.close();
            resolve(results);
          }
        });
      }),
    { path: WS_PATH, calls },
  );
}
