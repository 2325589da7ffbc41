/**
 * The README's picture of the on-air strip: `npx tsx scripts/screenshot-on-air.ts` (inside
 * tests/support/with-keyring.sh; the renderer built first, `npx electron-vite build`) starts a web
 * host whose Local demo speaks (voices, media on loopback), joins a two-party call as me in
 * Chromium with a fake microphone, coaches, and writes docs/screenshots/on-air.png.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { demoCalls, MatrixPage, ServerState } from '../tests/e2e/pages/matrix-page';
import { DemoDirectory } from '../tests/e2e/support/directory';
import { signIn } from '../tests/e2e/support/fixtures';
import { startMediaHost } from '../tests/e2e/support/media-host';
import { chromiumLaunchOptions } from '../tests/support/chromium';
import { mediaChromiumFlags, writeToneWav } from '../tests/support/media/browser-device';

const ROOT = resolve(import.meta.dirname, '..');

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'patchbay-on-air-'));
  await writeToneWav(join(dir, 'tone.wav'));
  const host = await startMediaHost();
  const launch = chromiumLaunchOptions();
  const browser = await chromium.launch({
    ...launch,
    args: [...launch.args, ...mediaChromiumFlags(join(dir, 'tone.wav'))],
  });
  try {
    const calls = await demoCalls(
      new ServerState(host.localApi).api,
      new DemoDirectory(host.directory),
    );
    const call = calls.find((c) => !c.supervisorId && !c.sessionLevel);
    if (!call) throw new Error('the demo seed has no unsupervised two-party call');
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } });
    await signIn(page, host.loginUrl, host.origin);
    await page.keyboard.press('g');
    await page.keyboard.press('c');
    await new MatrixPage(page).open(call.label, 2);
    const controls = page.getByTestId('me-controls');
    await controls.getByRole('button', { name: 'Coach', exact: true }).click();
    await page.getByTestId('on-air').and(page.locator('[data-kind="live"]')).waitFor();
    await page.getByTestId('audio-level').first().waitFor();
    await page.getByTestId('audio-panel').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.mouse.move(0, 0);
    await page.getByRole('button', { name: 'Dismiss' }).first().click();
    await page.waitForTimeout(1_500);
    const out = join(ROOT, 'docs/screenshots/on-air.png');
    await page.screenshot({ path: out });
    console.log(`wrote ${out}`);
  } finally {
    await browser.close();
    await host.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
