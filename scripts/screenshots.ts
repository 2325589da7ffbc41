/**
 * Screenshots of the console, taken from the real web host (the e2e fixture's helper) with the
 * demo data. `npx tsx scripts/screenshots.ts` writes the README's pictures: docs/screenshots/
 * sessions.png, floor.png (the first screen, with me monitoring a call and a privacy leak on
 * another), alert.png (that leak on its call's page) and audit.png (the audit screen). `--all DIR` also writes every screen in
 * light and dark into DIR, for review.
 * The renderer must be built first (`npx electron-vite build`).
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import { demoCalls } from '../tests/e2e/pages/matrix-page';
import { DemoDirectory } from '../tests/e2e/support/directory';
import { startHost } from '../tests/e2e/support/web-host';
import { chromiumLaunchOptions } from '../tests/support/chromium';
import { LocalApiClient } from '../tests/support/local-api-client';

const ROOT = resolve(import.meta.dirname, '..');
const VIEWPORT = { width: 1360, height: 860 };

type Scheme = 'light' | 'dark';

async function openConsole(
  loginUrl: string,
  scheme: Scheme,
): Promise<{ page: Page; close: () => Promise<void> }> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: scheme });
  const page = await context.newPage();
  await page.goto(loginUrl);
  // The console opens on the floor; the Sessions screen is one click away.
  await page.getByRole('heading', { level: 2, name: 'Floor' }).waitFor();
  await screenButton(page, 'Sessions').click();
  await page.getByRole('heading', { level: 2, name: 'Sessions' }).waitFor();
  await page.getByRole('list', { name: 'Watched sessions' }).getByRole('button').first().waitFor();
  await page
    .getByRole('region', { name: 'Who hears whom' })
    .getByRole('gridcell')
    .first()
    .waitFor();
  return { page, close: () => browser.close() };
}

function screenButton(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name });
}

/** Nothing hovered, no toast: the picture shows the console, not the pointer. */
async function settle(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  const dismiss = page.getByRole('button', { name: 'Dismiss' });
  while ((await dismiss.count()) > 0) await dismiss.first().click({ timeout: 2_000 });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { all: { type: 'string' } } });
  const host = await startHost({ simulate: false });
  try {
    // The sign-in link works once: every browser after the first signs in with a fresh host.
    const { page, close } = await openConsole(host.loginUrl, 'light');
    // A supervised call (customer, agent, supervisor) shows the most on one screen.
    await page
      .getByRole('list', { name: 'Watched sessions' })
      .getByRole('button', { name: /3 participants/ })
      .first()
      .click();
    await page
      .getByRole('region', { name: 'Who hears whom' })
      .getByRole('rowheader')
      .nth(2)
      .waitFor();
    const write = async (name: string): Promise<void> => {
      await settle(page);
      const out = join(ROOT, `docs/screenshots/${name}.png`);
      await page.screenshot({ path: out });
      console.log(`wrote ${out}`);
    };
    await mkdir(join(ROOT, 'docs/screenshots'), { recursive: true });
    await write('sessions');

    // The floor with me monitoring one call and, on another, someone outside Patchbay letting the
    // customer hear the supervisor (the demo's own wiring is healthy).
    const api = new LocalApiClient(host.localApi);
    const calls = await demoCalls(api, new DemoDirectory(host.directory));
    const leaky = calls.find((c) => c.supervisorId && !c.sessionLevel);
    const quiet = calls.find((c) => !c.supervisorId && !c.sessionLevel);
    if (!leaky?.supervisorId || !quiet) throw new Error('the demo seed changed: no calls to show');
    await screenButton(page, 'Floor').click();
    const me = page.locator(`[data-testid="floor-me"][data-actions-for="${quiet.sessionId}"]`);
    await me.locator('button[data-me="monitor"]').click();
    await me.getByTestId('me-mode').waitFor();
    await api.add(leaky.sessionId, leaky.customerId, {
      sessionId: leaky.sessionId,
      participants: [{ participantId: leaky.agentId }, { participantId: leaky.supervisorId }],
    });
    await page
      .locator(`[data-session-id="${leaky.sessionId}"] .alert.critical`)
      .waitFor({ timeout: 30_000 });
    await write('floor');

    await page.locator(`[data-session-id="${leaky.sessionId}"]`).click();
    await page.getByTestId('session-alerts').waitFor();
    await write('alert');

    // The audit screen: every call's changes (me joining one, the outside change on another).
    await screenButton(page, 'Audit').click();
    await page.getByTestId('audit-screen').getByRole('row').nth(1).waitFor();
    await write('audit');
    await close();
  } finally {
    await host.stop();
  }
  if (values.all) await reviewShots(resolve(values.all));
}

/** Every screen, light and dark, for a person to look at. */
async function reviewShots(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    const host = await startHost({ simulate: false });
    try {
      const { page, close } = await openConsole(host.loginUrl, scheme);
      const shot = async (name: string, fullPage = false): Promise<void> => {
        await page.screenshot({ path: join(dir, `${name}-${scheme}.png`), fullPage });
      };
      await shot('sessions');
      await shot('session-page-full', true);
      await page.getByText('New session', { exact: true }).click();
      await page
        .getByRole('form', { name: 'Create a session' })
        .getByLabel('Tag')
        .fill('John Smith 555-123-4567');
      await shot('sidebar-tag-warning');
      await page.getByRole('button', { name: /^Delete session/ }).click();
      await shot('confirm-delete');
      await page.getByRole('button', { name: 'Cancel', exact: true }).click();
      const create = page.getByRole('form', { name: 'Create a participant' });
      await create.getByLabel('Tag').fill('agent-0c1d2e3f');
      await create.getByRole('button', { name: 'Create participant' }).click();
      await page.getByRole('dialog').waitFor();
      await shot('token-dialog');
      await page.getByRole('button', { name: /^Close/ }).click();
      await page
        .getByRole('navigation', { name: 'Screens' })
        .getByRole('button', { name: 'Profiles' })
        .click();
      await page.getByRole('heading', { level: 2, name: 'Profiles' }).waitFor();
      await page.getByRole('button', { name: 'Verify and add' }).click();
      await page.getByText('The profile name must be').waitFor();
      await shot('profiles');
      await close();
    } finally {
      await host.stop();
    }
  }
  console.log(`wrote review screenshots to ${dir}`);
}

await main();
