/**
 * Issue 16, part 1: the supervisor hears and speaks from the console itself. The console (web host,
 * Local demo with simulated voices, media on loopback) runs in Chromium with a fake microphone
 * playing a generated tone. As me on a two-party demo call, from the call page: Monitor → my page
 * plays the customer's and the agent's voices (the level meters read above silence); Coach → the
 * agent receives my audio and the customer none (`/_local/media` counters over a window); Barge →
 * both; Undo → back to coaching; Leave → nothing either way. The on-air indicator's words are
 * checked at each step, with mute and push-to-talk (T held) on the way.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../support/chromium';
import { mediaChromiumFlags, writeToneWav } from '../../support/media/browser-device';
import { MediaRoutes } from '../../support/media/media-routes';
import { expectNoSeriousViolations } from '../helpers/axe';
import { MatrixPage, ServerState, demoCalls } from '../pages/matrix-page';
import { DemoDirectory, shownLabels } from '../support/directory';
import { signIn } from '../support/fixtures';
import { startMediaHost, type MediaHost } from '../support/media-host';

let host: MediaHost;
let browser: Browser;
let dir: string;

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'patchbay-console-audio-'));
  await writeToneWav(join(dir, 'tone.wav'));
  host = await startMediaHost();
  const launch = chromiumLaunchOptions();
  browser = await chromium.launch({
    ...launch,
    args: [...launch.args, ...mediaChromiumFlags(join(dir, 'tone.wav'))],
  });
});

test.afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** The loudest level the page's meter for `who` showed over 1.5 s (0 without a meter). */
async function loudest(page: Page, who: string): Promise<number> {
  const meter = page.locator(`[data-testid="audio-levels"] li[data-participant="${who}"] meter`);
  let max = 0;
  for (let i = 0; i < 15; i += 1) {
    const value =
      (await meter.count()) === 0 ? 0 : await meter.evaluate((m) => (m as HTMLMeterElement).value);
    max = Math.max(max, value);
    await page.waitForTimeout(100);
  }
  return max;
}

test('Monitor, Coach, Barge, Undo, Leave: what I hear and who hears me, by ear and by counters', async () => {
  test.setTimeout(240_000);
  const server = new ServerState(host.localApi);
  const directory = new DemoDirectory(host.directory);
  const call = (await demoCalls(server.api, directory)).find(
    (c) => !c.supervisorId && !c.sessionLevel,
  );
  if (!call) throw new Error('the demo seed has no unsupervised two-party call');
  const { sessionId, customerId: c, agentId: a } = call;
  const labels = shownLabels(
    sessionId,
    await server.members(sessionId),
    await directory.call(sessionId),
  );
  const agentName = labels.get(a) ?? '';

  const page = await browser.newPage({ viewport: { width: 1360, height: 1000 } });
  await signIn(page, host.loginUrl, host.origin);
  await page
    .getByRole('navigation', { name: 'Screens' })
    .getByRole('button', { name: 'Sessions' })
    .click();
  const m = new MatrixPage(page);
  await m.open(call.label, 2);
  await host.localApi.media.voicesReady();
  const routes = new MediaRoutes(host.localApi);
  const controls = page.getByTestId('me-controls');
  const button = (name: string) => controls.getByRole('button', { name, exact: true });
  const onAir = page.getByTestId('on-air');
  const panel = page.getByTestId('audio-panel');

  /** Forwarding matches (counters over a window), and my page hears both voices by ear. */
  async function check(step: string, heardBy: string[], words: string): Promise<string> {
    let me = '';
    await test.step(step, async () => {
      const meId = async (): Promise<string> =>
        (await server.members(sessionId)).find((p) => p.tag?.startsWith('supervisor-me-'))?.id ??
        '';
      await expect.poll(meId, { message: 'my participant is on the call' }).not.toBe('');
      me = await meId();
      await expect(onAir).toHaveText(words, { timeout: 20_000 });
      await routes.expectForwarding(me, { hears: [c, a], heardBy });
      for (const who of [c, a]) {
        await expect
          .poll(() => loudest(page, who), { timeout: 20_000, intervals: [0] })
          .toBeGreaterThan(0.05);
      }
      await expect(panel.getByTestId('audio-status')).toHaveText('Audio connected');
    });
    return me;
  }

  await button('Monitor').click();
  const me = await check(
    'monitor: I hear both, nobody hears me',
    [],
    'Listening only — your microphone is off',
  );
  await expect(panel.getByRole('meter', { name: labels.get(c) ?? '' })).toBeVisible();
  await expectNoSeriousViolations(page, 'the call page with my audio panel');

  const coaching = `On air — ${agentName} (agent) hears you; the customer does not`;
  await button('Coach').click();
  await check('coach: the agent hears me, the customer does not', [a], coaching);
  /** My microphone's level as the gateway reads it (the console keeps noise suppression on, which
   * wears a steady test tone down: "above silence" is the claim). */
  const myLevel = () =>
    expect.poll(
      () =>
        host.localApi.control.media().publishers.find((p) => p.participantId === me)?.level ?? 0,
      { timeout: 10_000 },
    );
  await myLevel().toBeGreaterThan(0.005);

  await test.step('mute, then push-to-talk held', async () => {
    await panel.getByTestId('audio-mute').click();
    await expect(onAir).toHaveText('Muted — nobody hears you');
    await myLevel().toBeLessThan(0.001);
    await page.keyboard.down('t');
    await expect(onAir).toHaveText(coaching);
    await myLevel().toBeGreaterThan(0.005);
    await page.keyboard.up('t');
    await expect(onAir).toHaveText('Muted — nobody hears you');
    await myLevel().toBeLessThan(0.001);
    await panel.getByTestId('audio-mute').click();
    await expect(onAir).toHaveText(coaching);
  });

  await test.step('on the floor: the on-air strip and the row say it, the call still plays', async () => {
    const screens = page.getByRole('navigation', { name: 'Screens' });
    await screens.getByRole('button', { name: 'Floor' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Floor' })).toBeVisible();
    await expect(onAir).toHaveText(coaching);
    await expect(page.getByTestId('floor-audio')).toHaveText('· Audio connected · on air');
    await expect(page.getByTestId('audio-players').locator('audio')).toHaveCount(2);
    await routes.expectForwarding(me, { hears: [c, a], heardBy: [a] });
    await expectNoSeriousViolations(page, 'the floor while I am on air');
    await screens.getByRole('button', { name: 'Sessions' }).click();
    await expect(m.grid.locator('tbody tr')).toHaveCount(3);
  });

  await button('Barge').click();
  await page.getByTestId('me-question').getByRole('button', { name: 'Barge' }).click();
  await check(
    'barge: the customer and the agent hear me',
    [c, a],
    'On air — everyone on the call hears you, the customer too',
  );

  // A change in the matrix, then its undo: the customer stops hearing me (a click on the cell),
  // and Ctrl+Z brings them back (the console's undo is the matrix's: Monitor, Coach, Barge and
  // Leave are actions of their own, not entries of its history).
  await m.cell(c, me).click();
  await m.settled();
  await check('the customer no longer hears me (matrix)', [a], coaching);
  await m.focusCell(c, me);
  await page.keyboard.press('Control+z');
  // Undoing this lets the customer hear me: the console asks first, in one sentence.
  await page.getByRole('dialog').getByRole('button', { name: 'Undo anyway' }).click();
  await m.settled();
  await check(
    'undo: the customer hears me again',
    [c, a],
    'On air — everyone on the call hears you, the customer too',
  );

  await test.step('the gateway ends my connection: said with its reason, not retried', async () => {
    await host.localApi.media.device(me)?.close('closed by the test');
    const status = panel.getByTestId('audio-status');
    await expect(status).toContainText('Audio stopped by the gateway');
    await expect(status).toContainText('“closed by the test”');
    await expect(onAir).toHaveText('Listening only — your microphone is off');
    await page.waitForTimeout(2_000);
    expect(host.localApi.media.device(me), 'no device of mine came back by itself').toBeUndefined();
    await panel.getByRole('button', { name: 'Try again' }).click();
  });
  await check(
    'Try again: connected anew, my microphone published again',
    [c, a],
    'On air — everyone on the call hears you, the customer too',
  );

  await test.step('leave: I hear nobody and nobody hears me', async () => {
    await button('Leave').click();
    await expect(controls.getByTestId('me-mode')).toHaveCount(0);
    await expect(onAir).toHaveCount(0);
    await expect(panel).toHaveCount(0);
    await expect(page.getByTestId('audio-players').locator('audio')).toHaveCount(0);
    await routes.expectForwarding(me, { hears: [], heardBy: [] });
  });
  await page.close();
});
