/**
 * Issue 15, keyboard: focus comes back to where it was after every dialog, menu and notice; skip
 * links and G-shortcuts reach the floor, the call list and the matrix; the call list is one tab
 * stop; the open call survives a reload; a whisper from a freshly loaded page takes at most ten
 * keys. All on the demo's supervised call (customer C, agent A, supervisor S).
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/supervised-call';
import { FloorPage } from './pages/floor-page';
import { SessionsPage } from './pages/sessions-page';
import { SessionPage } from './pages/session-page';
import type { MatrixPage } from './pages/matrix-page';

/** The element that has focus, as its outer HTML's first 120 characters (for failure messages). */
function focusedHtml(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120) ?? 'nothing');
}

/** Asks for Barge on the focused supervisor; the preview opens (a customer would hear them). */
async function askBarge(m: MatrixPage, supervisorHeader: Locator): Promise<void> {
  await supervisorHeader.focus();
  await m.page.keyboard.press('b');
  await expect(m.preview).toBeVisible();
}

test('focus returns to where it was after Send, Cancel and Escape on the change preview', async ({
  supervised: { m, server, sessionId, customerId: c, supervisorId: s },
}) => {
  const header = m.rowHeader(s);

  await askBarge(m, header);
  await m.page.keyboard.press('Escape');
  await expect(m.preview).toBeHidden();
  await expect(header, await focusedHtml(m.page)).toBeFocused();

  await askBarge(m, header);
  await m.preview.getByRole('button', { name: 'Cancel' }).click();
  await expect(m.preview).toBeHidden();
  await expect(header).toBeFocused();

  await askBarge(m, header);
  const ack = m.preview.getByRole('checkbox');
  await m.send({ confirm: (await ack.count()) > 0 });
  await server.expect(sessionId, (d) => d.get(c)?.has(s) === true, 'customer hears supervisor');
  await expect(header).toBeFocused();
});

test('focus returns after a menu, a dialog opened from a menu, the tray and a notice', async ({
  supervised: { m, agentId: a, customerId: c },
}) => {
  const page = m.page;
  // A cell's menu (Shift+F10), closed with Escape: back on the cell.
  const cell = m.cell(c, a);
  await cell.focus();
  await page.keyboard.press('Shift+F10');
  await expect(m.menu).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(m.menu).toBeHidden();
  await expect(cell).toBeFocused();

  // The cell's stream editor (Enter), closed with Escape: back on the cell.
  await cell.focus();
  await page.keyboard.press('Enter');
  await expect(m.aliasEditor).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(m.aliasEditor).toBeHidden();
  await expect(cell).toBeFocused();

  // The agent's menu → "Remove from session…" → the confirmation, cancelled: back on the header
  // that opened the menu (the menu itself is gone by then).
  const agent = m.rowHeader(a);
  await agent.focus();
  await page.keyboard.press('Shift+F10');
  await m.menuItem('Remove from session…').click();
  const confirm = page.getByRole('dialog', { name: /^Remove .* from the session\?$/ });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  await expect(agent, await focusedHtml(page)).toBeFocused();

  // Removed for real (Delete on the header), the agent waits in the tray; added back from there
  // with Enter, its tray chip is gone: focus goes to the matrix, not to the page.
  await agent.focus();
  await page.keyboard.press('Delete');
  await confirm.getByRole('button', { name: 'Remove from session' }).click();
  await expect(confirm).toBeHidden();
  await expect(m.grid.locator('tbody tr')).toHaveCount(2);
  await expect(page.locator(':focus')).toHaveCount(1);
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
  const chip = m.trayItem(a);
  await chip.focus();
  await page.keyboard.press('Enter');
  // Adding back is harmless, so it goes at once (no review); the chip that had focus is gone.
  await expect(m.grid.locator('tbody tr')).toHaveCount(3);
  await expect(m.grid.locator(':focus')).toHaveCount(1);

  // The shortcuts' list (?) is a dialog too: closed with Escape, focus is back in the grid.
  const focused = m.grid.locator('[tabindex="0"]');
  await focused.focus();
  await page.keyboard.press('?');
  const help = page.getByTestId('keyboard-help');
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(focused).toBeFocused();
});

test('focus survives a notice and a page that is replaced under it', async ({
  supervised: { m },
}) => {
  const page = m.page;
  const session = new SessionPage(page);
  const first = await session.title.textContent();
  // Stop watching: the page of the next call replaces this one, with its own button in the place.
  const stop = page.getByRole('button', { name: 'Stop watching' });
  await stop.focus();
  await page.keyboard.press('Enter');
  await expect(session.title).not.toHaveText(first ?? '');
  await expect(stop).toBeFocused();
  // The notice that says so: its Dismiss gives focus back to where it was before.
  const dismiss = m.sessions.notifications.getByRole('button', { name: 'Dismiss notification' });
  await dismiss.first().focus();
  await page.keyboard.press('Enter');
  await expect(stop).toBeFocused();

  // Deleted, the call gives way to the next one; focus goes to its matrix, never to the next
  // call's own "Delete session…" (one more Enter must not aim at another call).
  const second = await session.title.textContent();
  await page.getByRole('button', { name: 'Delete session…' }).focus();
  await page.keyboard.press('Enter');
  await session.confirm.confirmButton('Delete session').click();
  await expect(session.title).not.toHaveText(second ?? '');
  await expect(m.grid.locator('[tabindex="0"]'), await focusedHtml(page)).toBeFocused();
});

test('focus returns to the form after the one-time token dialog', async ({ supervised: { m } }) => {
  const session = new SessionPage(m.page);
  await session.fillNewParticipant({ tag: 'agent-keyboard', addToSession: false });
  const create = session.createForm.getByRole('button', { name: 'Create participant' });
  await create.focus();
  await m.page.keyboard.press('Enter');
  await expect(session.tokenDialog.dialog).toBeVisible();
  await session.tokenDialog.close.click();
  await expect(session.tokenDialog.dialog).toBeHidden();
  await expect(create, await focusedHtml(m.page)).toBeFocused();
});

test('skip links show on focus and lead to the floor, the call list and the matrix', async ({
  supervised: { m, label },
}) => {
  const page = m.page;
  await page.reload();
  await expect(m.sessions.title).toBeVisible();
  await page.keyboard.press('Tab');
  const floorLink = page.getByRole('link', { name: /^Skip to the floor/ });
  await expect(floorLink).toBeFocused();
  expect((await floorLink.boundingBox())?.width ?? 0).toBeGreaterThan(40);
  await expect(floorLink).toContainText('G then F');

  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const matrixLink = page.getByRole('link', { name: /^Skip to the matrix/ });
  await expect(matrixLink).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(m.grid.locator('[tabindex="0"]')).toBeFocused();
  await expect(new SessionPage(page).title).toHaveText(label);

  // The shortcuts: G then F (the floor's call list), G then C (the call list), G then M.
  await page.keyboard.press('g');
  await page.keyboard.press('f');
  const floor = new FloorPage(page);
  await expect(floor.title).toBeVisible();
  await expect(floor.calls.locator('[tabindex="0"]')).toBeFocused();
  await page.keyboard.press('g');
  await page.keyboard.press('c');
  await expect(
    m.sessions.list.getByRole('button', { name: new RegExp(`^${label}`) }),
  ).toBeFocused();
  await page.keyboard.press('g');
  await page.keyboard.press('m');
  await expect(m.grid.locator('[tabindex="0"]')).toBeFocused();
  // Typed into a text field, the same letters are only text.
  const field = new SessionPage(page).addId;
  await field.focus();
  await page.keyboard.type('gf');
  await expect(field).toHaveValue('gf');
  await expect(floor.title).toBeHidden();
});

test('the call list is one tab stop: arrows, Home and End move, Enter opens', async ({
  console: app,
}) => {
  const sessions = new SessionsPage(app.page);
  const page = app.page;
  const buttons = sessions.list.getByRole('button');
  await expect(buttons.nth(2)).toBeVisible();
  const count = await buttons.count();
  await expect(sessions.list.locator('[tabindex="0"]')).toHaveCount(1);
  await expect(sessions.list.locator('[tabindex="-1"]')).toHaveCount(count - 1);

  const first = buttons.first();
  await expect(first).toHaveAttribute('aria-current', 'true');
  await first.focus();
  await page.keyboard.press('ArrowDown');
  await expect(buttons.nth(1)).toBeFocused();
  await expect(first).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('End');
  await expect(buttons.last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(first).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(buttons.nth(1)).toHaveAttribute('aria-current', 'true');
  await expect(buttons.nth(1)).toBeFocused();
  const label = await buttons.nth(1).locator('bdi[title]').getAttribute('title');
  await expect(new SessionPage(page).title).toHaveText(label ?? '');

  // One Tab leaves the list, one Shift+Tab comes back to the call that had focus.
  await page.keyboard.press('Tab');
  await expect(sessions.list.locator(':focus')).toHaveCount(0);
  await page.keyboard.press('Shift+Tab');
  await expect(buttons.nth(1)).toBeFocused();
});

test('the open call survives a reload; one that is gone says so and shows the list', async ({
  supervised: { m, label, sessionId },
}) => {
  const page = m.page;
  const title = new SessionPage(page).title;
  await expect(title).toHaveText(label);
  await expect(page).toHaveURL(new RegExp(`#/sessions/${sessionId}$`));
  await page.reload();
  await expect(title).toHaveText(label);
  await expect(m.grid.locator('tbody tr')).toHaveCount(3);

  const gone = crypto.randomUUID();
  await page.evaluate((id) => window.history.replaceState(null, '', `#/sessions/${id}`), gone);
  await page.reload();
  await expect(page.getByTestId('missing-call')).toContainText(gone);
  await expect(page.getByTestId('missing-call')).toContainText('no longer');
  await expect(m.sessions.list.getByRole('button').first()).toBeVisible();
  await expect(title).toBeHidden();
});

test.describe('from a freshly loaded page', () => {
  test.use({ startOnFloor: true });

  test('a whisper to the agent takes at most 10 keys', async ({ console: app, host }) => {
    const { supervisedCall, ServerState, MatrixPage } = await import('./pages/matrix-page');
    const server = new ServerState(app.localApi);
    const call = await supervisedCall(server.api, app.directory);
    const page = app.page;
    await page.goto(host.origin);
    const floor = new FloorPage(page);
    await expect(floor.options().first()).toBeVisible();
    const index = (await floor.sessionIds()).indexOf(call.sessionId);
    expect(index).toBeGreaterThanOrEqual(0);

    let keys = 0;
    const press = async (key: string): Promise<void> => {
      keys += 1;
      await page.keyboard.press(key);
    };
    const m = new MatrixPage(page);
    await press('g');
    await press('f');
    for (let i = 0; i < index; i += 1) await press('ArrowDown');
    await press('Enter');
    await expect(m.grid.locator('tbody tr')).toHaveCount(3);
    // Focus is in the matrix; down its first column to the agent's row.
    const rowOfAgent = await m.rowHeader(call.agentId).getAttribute('data-pos');
    const row = Number(rowOfAgent?.split(':')[0]);
    const start = await m.grid.locator('[tabindex="0"]').getAttribute('data-pos');
    let at = Number(start?.split(':')[0]);
    while (at < row) {
      await press('ArrowDown');
      at += 1;
    }
    while (at > row) {
      await press('ArrowUp');
      at -= 1;
    }
    await press('w');
    if (await m.preview.isVisible()) {
      await expect(m.preview.getByRole('checkbox')).toHaveCount(0);
      await press('Enter');
    }
    await server.expect(
      call.sessionId,
      (d) => d.get(call.agentId)?.has(call.supervisorId) === true,
      'the agent hears the supervisor',
    );
    expect(await server.hears(call.sessionId, call.customerId)).not.toContain(call.supervisorId);
    test.info().annotations.push({ type: 'keys', description: `keyboard whisper: ${keys} keys` });
    console.log(`keyboard whisper from a fresh page: ${keys} keys`);
    expect(keys).toBeLessThanOrEqual(10);
  });
});

test('a notice does not move the grid', async ({
  supervised: { m, server, sessionId, agentId: a, customerId: c, supervisorId: s },
}) => {
  const grid = m.grid;
  await grid.scrollIntoViewIfNeeded();
  // Where the grid starts and how wide it is (its own rows may grow with what they show).
  const box = async (): Promise<{ x: number; y: number; width: number } | null> => {
    const found = await grid.boundingBox();
    return found && { x: found.x, y: found.y, width: found.width };
  };
  const before = await box();
  // A change made outside Patchbay (the agent also hears the supervisor) raises the "changed
  // outside" notice over the matrix; what the supervisor is doing reads differently, in its space.
  await server.api.add(sessionId, a, {
    sessionId,
    participants: [{ participantId: c }, { participantId: s }],
  });
  await expect(m.drift).toBeVisible();
  expect(await box()).toEqual(before);
  await m.drift.getByRole('button', { name: 'Accept' }).first().click();
  await expect(m.drift).toBeHidden();
  expect(await box()).toEqual(before);

  // A refusal's banner (a whisper never reaches a customer): the same, shown and dismissed.
  await m.rowHeader(c).focus();
  await m.page.keyboard.press('w');
  await expect(m.banner).toBeVisible();
  expect(await box()).toEqual(before);
  await m.page.screenshot({ path: test.info().outputPath('notice-over-grid.png') });
  await m.banner.getByRole('button', { name: 'Dismiss' }).click();
  await expect(m.banner).toBeHidden();
  expect(await box()).toEqual(before);
});

test('the call page: the matrix first, the participants in a disclosure below, destructive last', async ({
  supervised: { m, agentId: a, labels },
}) => {
  const session = new SessionPage(m.page);
  await expect(session.participants).toBeHidden();
  const matrixTop = (await m.region.boundingBox())?.y ?? Infinity;
  const disclosureTop = (await session.participantsDisclosure.boundingBox())?.y ?? -Infinity;
  expect(matrixTop).toBeLessThan(disclosureTop);
  // At 1280 × 720 the matrix starts in the first screen.
  expect((await m.grid.boundingBox())?.y ?? Infinity).toBeLessThan(720);

  await session.showParticipants();
  const buttons = session.row(a).getByRole('button');
  await expect(buttons.last()).toHaveAccessibleName(new RegExp(`^Delete ${labels.get(a) ?? ''}`));
  // The page's own actions: "Delete session…" last.
  const actions = session.region.locator('header').getByRole('button');
  await expect(actions.last()).toHaveText('Delete session…');
});
