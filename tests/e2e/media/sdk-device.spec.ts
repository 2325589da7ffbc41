/**
 * A browser joins the local media plane with the official SDK (`@bandwidth/webrtc-browser`), as a
 * participant created over the REST API, with Chromium's fake microphone playing a generated WAV.
 * Customer and agent are simulated voices. After every routing change made over REST — monitor,
 * whisper (coach), barge, undo, mute one for the page, leave — the page receives exactly what its
 * subscriptions say (its received audio levels, and the gateway's counters over a window) and its
 * microphone reaches exactly the receivers subscribed to it. Media stays on loopback.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { createLocalApi } from '../../../src-main/local-api';
import type { LocalApi } from '../../../src-main/local-api';
import type { Subscriptions } from '../../../src-main/shared/bandwidth-api';
import { chromiumLaunchOptions } from '../../support/chromium';
import {
  mediaChromiumFlags,
  serveDevicePage,
  writeToneWav,
} from '../../support/media/browser-device';
import { MediaRoutes } from '../../support/media/media-routes';

interface PageMedia {
  join(token: string, websocketUrl: string): Promise<void>;
  levels(): Record<string, number>;
}
const media = (page: Page): Promise<Record<string, number>> =>
  page.evaluate(() => (window as unknown as { media: PageMedia }).media.levels());

/** The loudest level the page measured from `who` over 1.5 s. */
async function loudest(page: Page, who: string): Promise<number> {
  let max = 0;
  for (let i = 0; i < 15; i += 1) {
    max = Math.max(max, (await media(page))[who] ?? 0);
    await page.waitForTimeout(100);
  }
  return max;
}

let api: LocalApi;
let browser: Browser;
let dir: string;
let closePage: () => Promise<void>;

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'patchbay-media-'));
  await writeToneWav(join(dir, 'tone.wav'));
  api = await createLocalApi({ voices: true, media: { addresses: 'loopback' } });
  const launch = chromiumLaunchOptions();
  browser = await chromium.launch({
    ...launch,
    args: [...launch.args, ...mediaChromiumFlags(join(dir, 'tone.wav'))],
  });
});

test.afterAll(async () => {
  await closePage?.();
  await browser?.close();
  await api?.close();
  await rm(dir, { recursive: true, force: true });
});

test('the SDK page hears and is heard exactly as its subscriptions say, step by step', async () => {
  test.setTimeout(180_000);
  const routes = new MediaRoutes(api);
  const call = await routes.call();
  const { customer: c, agent: a, me } = call;
  const served = await serveDevicePage();
  closePage = served.close;
  const page = await browser.newPage();
  await page.goto(served.url);
  await page.evaluate(
    ([token, url]) => (window as unknown as { media: PageMedia }).media.join(token, url),
    [call.token, api.url.replace(/^http/, 'ws')] as const,
  );
  await api.media.voicesReady();
  // The page publishes its fake microphone (a 0.5 tone): the gateway reads its level.
  await expect
    .poll(() => api.control.media().publishers.find((p) => p.participantId === me)?.level ?? 0, {
      timeout: 15_000,
    })
    .toBeGreaterThan(0.1);

  /** Waits until forwarding matches, then checks what the page hears by ear. */
  async function check(step: string, pageHears: string[], hearMe: string[]): Promise<void> {
    await test.step(step, async () => {
      await routes.expectForwarding(me, { hears: pageHears, heardBy: hearMe });
      for (const who of [c, a]) {
        const heard = pageHears.includes(who);
        // Voices pause between talk spurts: the loudest level over a window tells.
        const level = expect.poll(() => loudest(page, who), { timeout: 20_000, intervals: [0] });
        if (heard) await level.toBeGreaterThan(0.05);
        else await level.toBeLessThan(0.01);
      }
    });
  }

  const list = (...ids: string[]): Subscriptions => ({
    sessionId: call.sessionId,
    participants: ids.map((participantId) => ({ participantId })),
  });
  await routes.subscribe(me, list(c, a));
  await check('monitor: I hear both, nobody hears me', [c, a], []);
  await routes.subscribe(a, list(c, me));
  await check('coach: the agent hears me, the customer does not', [c, a], [a]);
  await routes.subscribe(c, list(a, me));
  await check('barge: both hear me', [c, a], [c, a]);
  await routes.subscribe(c, list(a));
  await check('undo the barge: back to coaching', [c, a], [a]);
  await routes.subscribe(me, list(c));
  await check('mute the agent for me only', [c], [a]);
  await routes.leave(me);
  await check('leave: I hear nobody and nobody hears me', [], []);
});
