/**
 * Issue 14, section 2: the floor is the first screen and follows the demo's directory: new calls
 * appear, ended ones leave into "recently ended", and a call opens in the session page from the
 * keyboard or a click.
 */
import { expectNoSeriousViolations } from './helpers/axe';
import { expect, test } from './support/fixtures';
import { FloorPage } from './pages/floor-page';
import { ServerState } from './pages/matrix-page';
import { ProfilesPage } from './pages/profiles-page';
import { SessionsPage } from './pages/sessions-page';
import { SessionPage } from './pages/session-page';

test.use({ startOnFloor: true });

test('lists every demo call with names; an ended call leaves; Enter opens a call', async ({
  console: app,
}) => {
  const floor = new FloorPage(app.page);
  await expect(floor.floorTab).toHaveAttribute('aria-current', 'page');
  await expect(floor.options()).toHaveCount(6);
  await expectNoSeriousViolations(app.page, 'the floor');
  const server = new ServerState(app.localApi);
  const [first, second] = await floor.sessionIds();
  if (!first || !second) throw new Error('the floor shows fewer than two calls');
  await expect(floor.call(first)).toContainText('Agent');
  await expect(floor.call(first)).toContainText(/\d+:\d{2}/);

  // A call that ends leaves the floor for "recently ended".
  const endedLabel = (await floor.call(second).locator('bdi').first().textContent()) ?? '';
  await server.api.deleteSession(second);
  await expect(floor.call(second)).toHaveCount(0);
  await expect(floor.ended.locator(`[data-session-id="${second}"]`)).toContainText(endedLabel);
  await expect(floor.options()).toHaveCount(5);

  // Search by a name on the call narrows the floor to it.
  const agentName = (await floor.call(first).locator('.people bdi').first().textContent()) ?? '';
  await floor.search.fill(agentName.split(' ')[0] ?? '');
  await expect(floor.call(first)).toBeVisible();
  await floor.search.fill('');

  // The keyboard: one tab stop, arrows move, Enter opens the call in the session page.
  await floor.call(first).focus();
  await app.page.keyboard.press('End');
  const last = (await floor.sessionIds()).at(-1) ?? '';
  await expect(floor.call(last)).toBeFocused();
  await expect(floor.call(last)).toHaveAttribute('aria-selected', 'true');
  await app.page.keyboard.press('Home');
  await expect(floor.call(first)).toBeFocused();
  await app.page.keyboard.press('Enter');
  // The demo's seeded calls are watched already, under their tags (names are section 1's part).
  await expect(new SessionPage(app.page).region).toContainText(first);
});

test('a profile without a directory says so and leads to watch-by-id', async ({ console: app }) => {
  const profiles = new ProfilesPage(app.page);
  await profiles.open();
  await profiles.addAccount({ name: 'Staging', ...app.localApi });
  await profiles.use('Staging');
  await expect(profiles.activeProfile).toHaveText('Staging');
  const floor = new FloorPage(app.page);
  await floor.open();
  await expect(floor.noDirectory).toContainText('“Staging” has no call directory');
  await expect(floor.calls).toHaveCount(0);
  await floor.noDirectory.getByRole('button', { name: 'Watch a call by id' }).click();
  await expect(new SessionsPage(app.page).title).toBeVisible();
});

test.describe('with the simulated contact center', () => {
  test.use({ simulate: true });

  test('a call the contact center starts appears; a click opens it', async ({ console: app }) => {
    // The wait below is bounded at 90 s: the test's own limit must not cut it short at 30 s.
    test.setTimeout(150_000);
    const floor = new FloorPage(app.page);
    await expect(floor.options().first()).toBeVisible();
    const before = new Set(await floor.sessionIds());
    // A bound for the simulation (a new call every few ticks), not a speed check.
    await expect
      .poll(async () => (await floor.sessionIds()).find((id) => !before.has(id)), {
        timeout: 90_000,
      })
      .toBeTruthy();
    const fresh = (await floor.sessionIds()).find((id) => !before.has(id)) ?? '';
    const label = (await floor.call(fresh).locator('bdi').first().textContent()) ?? '';
    await floor.call(fresh).click();
    // Not watched before: watched now, under the directory's label.
    const page = new SessionPage(app.page);
    await expect(page.title).toHaveText(label);
    await expect(page.region).toContainText(fresh);
  });
});
