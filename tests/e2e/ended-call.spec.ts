/**
 * Issue 15: an ended call is read-only and says why. Its matrix stays as it was last seen; every
 * action on the call page is disabled with "This call has ended"; a click that would change the
 * routing is answered with the reason; main refuses a change on it before any API call.
 */
import { invoke } from './helpers/bridge';
import { expect, test } from './support/supervised-call';
import { look } from './pages/matrix-page';

test.use({ viewport: { width: 1360, height: 1000 }, outsideDirectory: true });

const ENDED = 'This call has ended';

test('an ended call is read-only and says why', async ({
  console: app,
  supervised: { server, m, sessionId, customerId: c, agentId: a, supervisorId: s },
}) => {
  const page = app.page;
  // Something to undo first: Undo is offered while the call is live.
  await m.cell(c, a).click();
  // Whether this asks first is the confirmation rule's business: send it when asked.
  const asked = await m.preview
    .waitFor({ state: 'visible', timeout: 3_000 })
    .then(() => true)
    .catch(() => false);
  if (asked) await m.send();
  await m.settled();
  await expect(m.undoButton).toBeEnabled();

  // The backend hangs up: the session is gone.
  await server.api.deleteSession(sessionId);
  await expect(page.getByTestId('call-ended')).toContainText(`${ENDED}.`, { timeout: 15_000 });
  await expect(page.getByTestId('call-ended')).toContainText('Nothing on it can be changed');

  // The matrix as last seen, read-only.
  await expect(m.grid.locator('tbody tr')).toHaveCount(3);
  await expect(m.grid).toHaveAttribute('aria-readonly', 'true');
  await expect(m.cell(c, a)).toHaveAttribute('data-look', look('off'));
  await expect(m.inlinePreview).toContainText(`${ENDED}: the matrix shows it as it was last seen.`);

  // Every action says why it is disabled.
  for (const button of [m.undoButton, m.redoButton]) {
    await expect(button).toBeDisabled();
    await expect(button).toHaveAccessibleDescription(ENDED);
  }
  for (const preset of ['monitor', 'whisper', 'barge', 'hold']) {
    await expect(m.preset(preset)).toHaveAttribute('aria-disabled', 'true');
    await expect(m.preset(preset)).toHaveAttribute('title', ENDED);
  }
  await expect(m.timerChoice).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Delete session…' })).toBeDisabled();
  const table = page.getByRole('table', { name: /^Participants/ });
  for (const button of await table.getByRole('button').all()) {
    await expect(button).toBeDisabled();
    await expect(button).toHaveAttribute('title', ENDED);
  }
  const me = page.getByTestId('me-controls');
  for (const name of ['Monitor', 'Coach', 'Barge']) {
    await expect(me.getByRole('button', { name, exact: true })).toBeDisabled();
  }
  await expect(page.getByRole('button', { name: 'Add to session' })).toBeDisabled();
  // Watching can still stop: that is not an action on the call.
  await expect(page.getByRole('button', { name: 'Stop watching' })).toBeEnabled();

  // A click on a cell, a preset key: answered with the reason, nothing sent.
  await m.cell(a, c).click();
  await expect(m.banner).toContainText(ENDED);
  await expect(m.preview).toBeHidden();
  await m.rowHeader(s).focus();
  await page.keyboard.press('b');
  await expect(m.preview).toBeHidden();
  await expect(m.banner).toContainText('the matrix shows it as it was last seen');

  // A menu offers its actions disabled, with the reason.
  await m.banner.getByRole('button', { name: 'Dismiss' }).click();
  await m.cell(a, c).click({ button: 'right' });
  const connect = m.menuItem(/^(Connect|Disconnect): /);
  await expect(connect).toHaveAttribute('aria-disabled', 'true');
  await expect(connect).toHaveAttribute('title', ENDED);
  await page.keyboard.press('Escape');

  // main refuses it too, in words, before any API call.
  const refused = await invoke(page, 'routing:apply', {
    profileId: 'local-demo',
    sessionId,
    intent: { type: 'barge', supervisorId: s },
  });
  expect(refused).toMatchObject({
    ok: true,
    value: {
      ok: false,
      code: 'read-failed',
      ended: true,
      message: 'This call has ended: its routing can no longer be changed. Nothing was sent.',
    },
  });
});
