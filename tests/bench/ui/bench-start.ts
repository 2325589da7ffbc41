/**
 * Part 5: start-up and bundle size. Start = web host process spawned (the real CLI, fresh data
 * folder, demo seed, no simulation) → its sign-in link printed → page signed in → the first session
 * on screen is interactive (its matrix, or the session page until the matrix exists) and a frame
 * has been painted after it. Chromium is launched once beforehand (not part of the figure).
 * Bundle: every `out/renderer/assets/*.js` (and CSS) gzipped with zlib's default level.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from '@playwright/test';
import { startBuiltHost } from './host';
import { nextFrame, newProbedPage } from './browser';

export interface Readiness {
  /** What "interactive" waits for. */
  readonly what: string;
  wait(page: Page): Promise<void>;
}

export interface StartRun {
  /** Spawn → JSON line with the sign-in link. */
  readonly hostMs: number;
  /** Sign-in link opened → ready element visible and a frame painted after it. */
  readonly pageMs: number;
  readonly totalMs: number;
}

export interface BundleFile {
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export async function benchStart(
  browser: Browser,
  runs: number,
  ready: Readiness,
): Promise<StartRun[]> {
  const out: StartRun[] = [];
  for (let run = 0; run < runs; run += 1) {
    const t0 = performance.now();
    const host = await startBuiltHost();
    const tHost = performance.now();
    const page = await newProbedPage(browser);
    try {
      await page.goto(host.loginUrl);
      await ready.wait(page);
      await nextFrame(page);
      const tReady = performance.now();
      out.push({ hostMs: tHost - t0, pageMs: tReady - tHost, totalMs: tReady - t0 });
    } finally {
      await page.context().close();
      await host.stop();
    }
  }
  return out;
}

export async function bundleSizes(rendererDir: string): Promise<BundleFile[]> {
  const assets = join(rendererDir, 'assets');
  const files = (await readdir(assets)).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  const out: BundleFile[] = [];
  for (const file of files.sort()) {
    const bytes = await readFile(join(assets, file));
    out.push({ file, bytes: bytes.length, gzipBytes: gzipSync(bytes).length });
  }
  return out;
}
