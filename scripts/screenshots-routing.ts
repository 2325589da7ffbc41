/**
 * Screenshots of the subscription matrix on a live call: `npx tsx scripts/screenshots-routing.ts`
 * writes docs/screenshots/monitor.png, whisper.png and barge.png. It starts the real web host with
 * the local API's live simulation running, makes a call the way a contact-center backend would
 * (customer, agent, a supervisor monitoring), and drives the console like a supervisor: W whisper,
 * B barge, M monitor on the supervisor. The renderer must be built first (`npx electron-vite build`).
 * `--dark` takes them in the dark theme instead (written with a `-dark` suffix).
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Locator, type Page } from '@playwright/test';
import { LocalApiClient } from '../tests/support/local-api-client';
import { newCall } from '../tests/e2e/pages/matrix-page';
import { startHost } from '../tests/e2e/support/web-host';
import { chromiumLaunchOptions } from '../tests/support/chromium';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'docs/screenshots');

async function applyPreset(page: Page, supervisor: Locator, key: string): Promise<void> {
  await supervisor.focus();
  await page.keyboard.press(key);
  const preview = page.getByTestId('change-preview');
  await preview.waitFor();
  // The call's roles are only suggested by its tags: the preview asks to confirm that guess.
  const confirm = preview.getByRole('checkbox');
  if ((await confirm.count()) > 0) await confirm.check();
  await preview.getByRole('button', { name: /^(Send|Confirm and send)$/ }).click();
  await preview.waitFor({ state: 'hidden' });
  await page
    .locator('[data-testid="routing-matrix"] [data-look~="pending"]')
    .first()
    .waitFor({ state: 'detached' });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dark: { type: 'boolean', default: false } } });
  const scheme = values.dark ? 'dark' : 'light';
  const suffix = values.dark ? '-dark' : '';
  await mkdir(OUT, { recursive: true });
  const host = await startHost({ simulate: true });
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const call = await newCall(new LocalApiClient(host.localApi));
    const context = await browser.newContext({
      viewport: { width: 1200, height: 1100 },
      colorScheme: scheme,
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    await page.goto(host.loginUrl);
    // The console opens on the floor: this call is outside the directory, watched by its id.
    await page.getByRole('heading', { level: 2, name: 'Floor' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: 'Sessions' })
      .click();
    await page.getByRole('heading', { level: 2, name: 'Sessions' }).waitFor();
    await page.getByText('Watch a session by id', { exact: true }).click();
    const form = page.getByRole('form', { name: 'Watch a session by id' });
    await form.getByLabel('Session id').fill(call.sessionId);
    await form.getByRole('button', { name: 'Watch session' }).click();
    const region = page.getByRole('region', { name: 'Who hears whom' });
    const grid = page.getByTestId('routing-matrix');
    await grid.locator('tbody tr').nth(2).waitFor();
    const supervisor = grid.locator(`th[data-axis="row"][data-participant="${call.supervisorId}"]`);

    const shot = async (name: string): Promise<void> => {
      // Nothing hovered or focused and no toast: the picture shows the routing, not the pointer.
      await page.mouse.move(0, 0);
      for (const dismiss of await page.getByRole('button', { name: 'Dismiss' }).all()) {
        await dismiss.click();
      }
      await page.getByRole('heading', { name: 'Who hears whom' }).click();
      await region.scrollIntoViewIfNeeded();
      const path = join(OUT, `${name}${suffix}.png`);
      await region.screenshot({ path });
      console.log(`wrote ${path}`);
    };

    await page.getByTestId('supervision-summary').getByText('is monitoring').waitFor();
    await shot('monitor');
    await applyPreset(page, supervisor, 'w');
    await page.getByTestId('supervision-summary').getByText('is whispering').waitFor();
    await shot('whisper');
    await applyPreset(page, supervisor, 'b');
    await page.getByTestId('supervision-summary').getByText('has barged in').waitFor();
    await shot('barge');
    await context.close();
  } finally {
    await browser.close();
    await host.stop();
  }
}

await main();
