/**
 * Issue 6, trust: a failure injected half-way (rolled back, said, audited), changes made outside the
 * console (drift, resolved both ways), undo and redo (and their refusals), stream aliases, the
 * 20-participant limit, the audit view and its exports, the grid's keyboard model and axe-core.
 * Every routing step is checked on the server.
 */
import { readFile } from 'node:fs/promises';
import { escapeRegExp } from './helpers/text';
import { expect, test } from './support/supervised-call';
import { expectNoSeriousViolations } from './helpers/axe';
import { ConfirmDialog } from './pages/confirm-dialog';
import { MatrixPage, ServerState, look, type Delivery } from './pages/matrix-page';

test.use({ viewport: { width: 1360, height: 1000 } });

const hears = (d: Delivery, r: string, p: string): boolean => d.get(r)?.has(p) === true;

test('a write that fails half-way is rolled back, named, shown on the cells and audited', async ({
  supervised: { server, m, sessionId, customerId: c, agentId: a, supervisorId: s },
}) => {
  const before = await server.delivery(sessionId);

  await server.api.fail({
    kind: 'status',
    status: 500,
    operation: 'updateParticipantSubscriptions',
    count: 1,
  });
  await m.pick(m.rowHeader(s), 'Barge');
  // A barge asks: the customer would hear the supervisor. The API calls are in the details.
  await expect(m.preview.getByTestId('risk-sentence')).toContainText(' will hear ');
  await m.preview.getByText('Details', { exact: true }).click();
  await expect(m.preview.getByTestId('api-calls')).toContainText('3 API calls');
  await m.send({ confirm: true, reason: 'escalation' });

  await expect(m.banner).toContainText('The change failed and was rolled back');
  // Which API step failed is technical detail: behind the banner's Details.
  await expect(m.banner.getByTestId('failed-step')).toBeHidden();
  await m.banner.getByText('Details', { exact: true }).click();
  await expect(m.banner.getByTestId('failed-step')).toContainText(
    /Step \d of 2 failed: Could not update \w+ \w+'s subscriptions/,
  );
  await expect(m.banner).toContainText('500');
  await expect(m.cell(c, s)).toHaveAttribute('data-look', look('failed'));
  await expect(m.cell(c, s)).toHaveAttribute('data-look', look('off'));
  await expect(m.announcer).toContainText('rolled back');
  expect(await server.delivery(sessionId)).toEqual(before);

  await m.audit.getByRole('button', { name: 'Refresh' }).click();
  const row = m.audit.locator('tbody tr').first();
  await expect(row).toHaveAttribute('data-outcome', 'rolled-back');
  await expect(row).toContainText('barges in');
  await expect(row).toContainText('escalation');
  await expect(row).toContainText('Failed, rolled back');
  void a;
});

test('a change made outside the console shows as drift; keep the console’s or take the server’s', async ({
  supervised: { server, m, sessionId, customerId: c, agentId: a, supervisorId: s, labels },
}) => {
  // Someone else lets the agent hear the supervisor.
  await server.api.add(sessionId, a, {
    sessionId,
    participants: [{ participantId: c }, { participantId: s }],
  });
  await expect(m.cell(a, s)).toHaveAttribute('data-look', look('drift'));
  await expect(m.cell(a, s)).toHaveAttribute('data-look', look('all'));
  const row = m.drift.locator(`[data-drift-receiver="${a}"]`);
  await expect(row).toContainText(`${labels.get(a)} now also hears ${labels.get(s)}`);
  await row.getByRole('button', { name: 'Undo their change' }).click();
  await server.expect(
    sessionId,
    (d) => !hears(d, a, s) && hears(d, a, c),
    'the console’s version is back',
  );
  await expect(m.drift).toBeHidden();
  await expect(m.cell(a, s)).toHaveAttribute('data-look', look('off'));

  // Someone else mutes the agent for the customer; this time the server's version is taken.
  await server.api.add(sessionId, c, {});
  await expect(m.cell(c, a)).toHaveAttribute('data-look', look('drift'));
  await m.pick(m.cell(c, a), /^Accept their change/);
  await expect(m.drift).toBeHidden();
  await expect(m.cell(c, a)).toHaveAttribute('data-look', look('applied'));
  await expect(m.cell(c, a)).toHaveAttribute('data-look', look('off'));
  expect(await server.hears(sessionId, c)).toEqual([]);
});

test('undo and redo by keys and buttons, and why they are refused', async ({
  console: app,
  supervised: { server, m, sessionId, customerId: c, agentId: a, labels },
}) => {
  // Nothing to undo or redo yet: both say so and are disabled.
  await expect(m.undoButton).toBeDisabled();
  await expect(m.undoButton).toHaveAccessibleDescription('Nothing to undo');
  await expect(m.redoButton).toBeDisabled();
  await expect(m.redoButton).toHaveAccessibleDescription('Nothing to redo');

  await m.cell(c, a).click();
  await server.expect(sessionId, (d) => !hears(d, c, a), 'customer muted for itself');
  await m.settled();
  await m.focusCell(a, c);
  await app.page.keyboard.press('Control+z');
  await server.expect(sessionId, (d) => hears(d, c, a), 'undo (Ctrl+Z)');
  await m.settled();
  await app.page.keyboard.press('Control+Shift+z');
  await server.expect(sessionId, (d) => !hears(d, c, a), 'redo (Ctrl+Shift+Z)');
  await m.settled();
  await expect(m.undoButton).toHaveAttribute(
    'title',
    new RegExp(`^Undo: ${escapeRegExp(`${labels.get(c)} stops hearing ${labels.get(a)}`)}`),
  );
  await m.undoButton.click();
  await server.expect(sessionId, (d) => hears(d, c, a), 'undo (button)');
  await m.settled();
  await m.redoButton.click();
  await server.expect(sessionId, (d) => !hears(d, c, a), 'redo (button)');
  await m.settled();

  // Someone else changes the same cell: undoing now would overwrite them, so it is refused.
  await server.api.add(sessionId, c, { sessionId, participants: [{ participantId: a }] });
  await expect(m.cell(c, a)).toHaveAttribute('data-look', look('drift'));
  await m.undoButton.click();
  await expect(m.banner).toContainText('Undo refused: the call changed since');
  expect(await server.hears(sessionId, c)).toEqual([a]);
});

test('stream aliases: Enter opens the editor, the menu too; only some streams reach the server', async ({
  console: app,
  supervised: { server, m, sessionId, customerId: c, agentId: a, labels },
}) => {
  await m.focusCell(c, a);
  await app.page.keyboard.press('Enter');
  await expect(m.aliasEditor).toBeVisible();
  await m.aliasEditor.getByRole('checkbox', { name: 'microphone' }).check();
  await m.aliasEditor.getByLabel('Other aliases').fill('screenShare');
  await expect(m.aliasEditor.getByTestId('alias-preview')).toContainText(
    `${labels.get(c)} will hear only microphone and screenShare of ${labels.get(a)}`,
  );
  await m.aliasEditor.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => server.streams(sessionId, c, a)).toEqual(['microphone', 'screenShare']);
  await expect(m.cell(c, a)).toHaveAttribute('data-look', look('some'));
  await expect(m.cell(c, a)).toContainText('microphone +1');
  await m.settled();

  await m.pick(m.cell(c, a), 'Choose streams…');
  await m.aliasEditor.getByRole('radio', { name: 'All streams' }).check();
  await m.aliasEditor.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => server.streams(sessionId, c, a)).toBe('all');
  await expect(m.cell(c, a)).toHaveAttribute('data-look', look('all'));
});

test('a 20-participant session: the full matrix works, and a 21st is refused before any call', async ({
  console: app,
}) => {
  test.setTimeout(60_000);
  const server = new ServerState(app.localApi);
  const { session, ids } = await server.api.sessionWith(20, 'call-twenty');
  const m = new MatrixPage(app.page);
  await m.sessions.watch(session.id);
  await expect(m.grid.locator('tbody tr')).toHaveCount(20);
  await expect(m.grid.locator('[data-cell]')).toHaveCount(380);
  const [p1 = '', p2 = '', p20 = ''] = [ids[0], ids[1], ids[19]];

  await m.cell(p1, p2).click();
  await server.expect(session.id, (d) => hears(d, p1, p2), 'p1 hears p2');

  // Remove the last one (keyboard), fill the seat from outside, then try to add it back.
  await m.rowHeader(p20).focus();
  await app.page.keyboard.press('Delete');
  await new ConfirmDialog(app.page).confirmButton('Remove from session').click();
  await expect(m.grid.locator('tbody tr')).toHaveCount(19);
  const { participant } = await server.api.createParticipant({ publishPermissions: ['AUDIO'] });
  await server.api.add(session.id, participant.id);
  await expect(m.grid.locator('tbody tr')).toHaveCount(20);
  await m.drag(m.trayItem(p20), m.grid);
  await expect(m.banner).toContainText('The session is full');
  await expect(m.banner).toContainText('20 participants, the most Bandwidth allows');
  await expect(m.preview).toBeHidden();
  const members = await server.members(session.id);
  expect(members).toHaveLength(20);
  expect(members.some((p) => p.id === p20)).toBe(false);
});

test('the audit view filters this console’s changes and exports them as CSV and JSON', async ({
  console: app,
  supervised: { server, m, sessionId, customerId: c, agentId: a, labels },
}) => {
  await m.pick(m.columnHeader(c), 'Mute for everyone');
  await m.send({ confirm: true, reason: 'background noise' });
  await server.expect(sessionId, (d) => !hears(d, a, c), 'muted');
  await m.settled();
  await server.api.fail({
    kind: 'status',
    status: 500,
    operation: 'updateParticipantSubscriptions',
    count: 1,
  });
  await m.cell(c, a).click();
  await expect(m.banner).toContainText('rolled back');

  const rows = m.audit.locator('tbody tr');
  await m.audit.getByRole('button', { name: 'Refresh' }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(`Mute ${labels.get(c)}`);
  await expect(rows.nth(1)).toContainText('background noise');
  await expect(rows.nth(1)).toContainText(
    `${labels.get(a)}: hears ${labels.get(c)} → hears nobody`,
  );
  await m.audit.getByLabel('Outcome').selectOption('rolled-back');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('stops hearing');
  await m.audit.getByLabel('Outcome').selectOption('any');
  await m.audit.getByRole('radio', { name: 'Whole account' }).check();
  await expect(rows).toHaveCount(2);

  const csvDownload = app.page.waitForEvent('download');
  await m.audit.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(/^patchbay-audit-account-.*\.csv$/);
  const csvText = await readFile(await csv.path(), 'utf8');
  expect(csvText.split('\r\n')[0]).toMatch(
    /^seq,time,call,who,what,people,outcome,reason,error,profileId,accountId,sessionId,/,
  );
  expect(csvText).toContain('background noise');

  await m.audit.getByRole('radio', { name: 'This session' }).check();
  const jsonDownload = app.page.waitForEvent('download');
  await m.audit.getByRole('button', { name: 'Export JSON' }).click();
  const json = await jsonDownload;
  const entries = JSON.parse(await readFile(await json.path(), 'utf8')) as {
    sessionId: string;
    outcome: string;
  }[];
  expect(entries.map((e) => e.outcome).sort()).toEqual(['applied', 'rolled-back']);
  expect(entries.every((e) => e.sessionId === sessionId)).toBe(true);
});

test('the grid: one tab stop, arrows skip the diagonal, Home/End, highlighting, no axe violations', async ({
  console: app,
  supervised: { m, customerId: c, agentId: a, supervisorId: s },
}) => {
  await expect(m.grid.locator('[tabindex="0"]')).toHaveCount(1);
  await m.focusCell(c, a);
  await app.page.keyboard.press('ArrowRight');
  await expect(m.cell(c, s)).toBeFocused();
  await app.page.keyboard.press('ArrowDown');
  await expect(m.cell(a, s)).toBeFocused();
  await app.page.keyboard.press('ArrowDown');
  await expect(m.cell(a, s)).toBeFocused(); // the diagonal (supervisor, supervisor) is not a cell
  await app.page.keyboard.press('Home');
  await expect(m.rowHeader(a)).toBeFocused();
  await app.page.keyboard.press('End');
  await expect(m.cell(a, s)).toBeFocused();
  await app.page.keyboard.press('Control+Home');
  await expect(m.columnHeader(c)).toBeFocused();
  await expect(m.grid.locator('[tabindex="0"]')).toHaveCount(1);

  // Focusing the supervisor's column header lights who hears it and whom it hears.
  await app.page.keyboard.press('End');
  await expect(m.columnHeader(s)).toBeFocused();
  await expect(m.rowHeader(c)).toHaveClass(/rel-it-hears/);
  await expect(m.rowHeader(a)).toHaveClass(/rel-it-hears/);
  await m.rowHeader(c).hover();
  await expect(m.columnHeader(a)).toHaveClass(/rel-both/);

  await expectNoSeriousViolations(app.page, 'the session page with the matrix');
  await m.columnHeader(s).click({ button: 'right' });
  await expect(m.menu).toBeVisible();
  await expectNoSeriousViolations(app.page, 'the matrix with a menu open');
  await app.page.keyboard.press('Escape');
  await m.rowHeader(s).focus();
  await app.page.keyboard.press('b');
  await expect(m.preview).toBeVisible();
  await expectNoSeriousViolations(app.page, 'the change preview');
});
