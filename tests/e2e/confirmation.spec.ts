/**
 * Issue 15, risk-based confirmation: one rule on every path — click, drag, menu, preset, undo,
 * redo, a timed route, "me" actions — judged on the resulting state. A change after which the
 * customer would hear a supervisor (a barge too) or the agent would no longer hear the customer
 * asks first, with that sentence as the dialog's title, and sends nothing until confirmed; a
 * harmless one (monitor, whisper, end supervision, un-mute) goes at once. Main refuses the same
 * change over the bridge unless it is confirmed. Every step is checked on the server.
 */
import { expect, test } from './support/supervised-call';
import { invokeAll } from './helpers/bridge';
import { ConfirmDialog } from './pages/confirm-dialog';
import { demoCalls, MatrixPage, ServerState, type Delivery } from './pages/matrix-page';

test.use({ viewport: { width: 1360, height: 1000 } });

const hears = (d: Delivery, r: string, p: string): boolean => d.get(r)?.has(p) === true;
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('click, drag, menu and preset: risky results ask with the sentence first, harmless ones do not', async ({
  console: app,
  supervised: { server, m, sessionId, customerId: c, agentId: a, supervisorId: s, labels },
}) => {
  test.setTimeout(60_000);
  const customer = labels.get(c) ?? '?';
  const agent = labels.get(a) ?? '?';
  const supervisor = labels.get(s) ?? '?';
  const hearsSupervisor = `The customer ${customer} will hear ${supervisor}.`;
  const losesCustomer = `The agent ${agent} will no longer hear the customer ${customer}.`;
  const title = m.preview.getByRole('heading', { level: 2 });
  const before = await server.delivery(sessionId);
  const cancel = async (): Promise<void> => {
    await m.preview.getByRole('button', { name: 'Cancel' }).click();
    await expect(m.preview).toBeHidden();
    expect(await server.delivery(sessionId)).toEqual(before);
  };

  // Click: the customer's cell for the supervisor.
  await m.cell(c, s).click();
  await expect(title).toHaveText(hearsSupervisor);
  await expect(m.preview.getByRole('button', { name: 'Confirm and send' })).toBeDisabled();
  await cancel();

  // Drag: the Barge preset dropped on the supervisor (a barge asks like any change the customer hears).
  await m.drag(m.preset('barge'), m.columnHeader(s));
  await expect(title).toHaveText(hearsSupervisor);
  await expect(m.preview).toContainText('barges in');
  await cancel();

  // Drag: "Mute for everyone" dropped on the customer cuts the agent off.
  await m.drag(m.preset('muteAll'), m.columnHeader(c));
  await expect(title).toHaveText(losesCustomer);
  await cancel();

  // Menu: Hold the customer.
  await m.pick(m.rowHeader(c), 'Hold');
  await expect(title).toHaveText(losesCustomer);
  await cancel();

  // Click: the agent's own cell for the customer — the most damaging change asks too.
  await m.cell(a, c).click();
  await expect(title).toHaveText(losesCustomer);
  // The technical detail is behind "Details", closed by default.
  await expect(m.preview.getByTestId('api-calls')).toBeHidden();
  await m.preview.getByText('Details', { exact: true }).click();
  await expect(m.preview.getByTestId('api-calls')).toContainText('API call');
  await m.send({ confirm: true });
  await server.expect(sessionId, (d) => !hears(d, a, c), 'the agent no longer hears the customer');
  await m.settled();
  // Un-muting (the agent hears the customer again) is harmless: at once.
  await m.cell(a, c).click();
  await expect(m.preview).toBeHidden();
  await server.expect(sessionId, (d) => hears(d, a, c), 'the agent hears the customer again');
  await m.settled();

  // Preset by key: Whisper, End supervision and Monitor are harmless — nothing is asked.
  await m.rowHeader(s).focus();
  await app.page.keyboard.press('w');
  await expect(m.preview).toBeHidden();
  await server.expect(sessionId, (d) => hears(d, a, s) && !hears(d, c, s), 'whispering');
  await m.settled();
  await m.pick(m.columnHeader(s), 'End supervision');
  await expect(m.preview).toBeHidden();
  await server.expect(sessionId, (d) => d.get(s)?.size === 0, 'supervision ended');
  await m.settled();
  await m.rowHeader(s).focus();
  await app.page.keyboard.press('m');
  await expect(m.preview).toBeHidden();
  await server.expect(
    sessionId,
    (d) => hears(d, s, c) && hears(d, s, a) && !hears(d, c, s) && !hears(d, a, s),
    'monitoring again',
  );
});

test('undo and redo are judged the same: a redo of a barge asks like the barge did', async ({
  console: app,
  supervised: { server, m, sessionId, customerId: c, agentId: a, supervisorId: s, labels },
}) => {
  test.setTimeout(60_000);
  const dialog = new ConfirmDialog(app.page);
  const hearsSupervisor = `The customer ${labels.get(c) ?? '?'} will hear ${labels.get(s) ?? '?'}.`;
  const barging = (d: Delivery): boolean => hears(d, c, s) && hears(d, a, s);

  await m.rowHeader(s).focus();
  await app.page.keyboard.press('b');
  await m.send({ confirm: true });
  await server.expect(sessionId, barging, 'barging');
  await m.settled();

  // Undo ends the barge: harmless, no question.
  await m.undoButton.click();
  await server.expect(sessionId, (d) => !hears(d, c, s), 'the barge undone');
  await m.settled();
  await expect(dialog.dialog).toBeHidden();

  // Redo gives the barge back: the same sentence as the barge, nothing sent until confirmed.
  await m.redoButton.click();
  await expect(dialog.dialog.getByRole('heading')).toHaveText(hearsSupervisor);
  expect(hears(await server.delivery(sessionId), c, s)).toBe(false);
  await dialog.cancelButton.click();
  await expect(dialog.dialog).toBeHidden();
  await expect(m.announcer).toContainText('Redo cancelled');
  expect(hears(await server.delivery(sessionId), c, s)).toBe(false);
  await m.redoButton.click();
  await dialog.confirmButton('Redo anyway').click();
  await server.expect(sessionId, barging, 'barging again after the confirmed redo');
  await m.settled();

  // Undo of an un-mute cuts the agent off again: it asks too (Ctrl+Z is the same path).
  await m.undoButton.click();
  await server.expect(sessionId, (d) => !hears(d, c, s), 'the barge undone again');
  await m.settled();
  await m.cell(a, c).click();
  await m.send({ confirm: true });
  await server.expect(sessionId, (d) => !hears(d, a, c), 'cut');
  await m.settled();
  await m.cell(a, c).click();
  await server.expect(sessionId, (d) => hears(d, a, c), 'un-muted, nothing asked');
  await m.settled();
  await m.focusCell(s, c);
  await app.page.keyboard.press('Control+z');
  await expect(dialog.dialog.getByRole('heading')).toHaveText(
    `The agent ${labels.get(a) ?? '?'} will no longer hear the customer ${labels.get(c) ?? '?'}.`,
  );
  expect(hears(await server.delivery(sessionId), a, c)).toBe(true);
  await dialog.confirmButton('Undo anyway').click();
  await server.expect(sessionId, (d) => !hears(d, a, c), 'the un-mute undone');
});

test('a timed route asks at its start when its end would be risky; a harmless one does not', async ({
  console: app,
  supervised: { server, m, sessionId, customerId: c, agentId: a, supervisorId: s, labels },
}) => {
  test.setTimeout(60_000);
  await m.rowHeader(s).focus();
  await app.page.keyboard.press('b');
  await m.send({ confirm: true });
  await server.expect(sessionId, (d) => hears(d, c, s), 'barging');
  await m.settled();

  // A 30 s whisper during the barge: harmless now, but when it ends the customer hears the
  // supervisor again — the end runs unattended, so it asks when it starts.
  await m.timerChoice.selectOption('30s');
  await m.rowHeader(s).focus();
  await app.page.keyboard.press('w');
  await expect(m.preview.getByRole('heading', { level: 2 })).toHaveText(
    `When the timer ends, the customer ${labels.get(c) ?? '?'} will hear ${labels.get(s) ?? '?'}.`,
  );
  expect(hears(await server.delivery(sessionId), c, s)).toBe(true);
  await m.send({ confirm: true });
  await server.expect(sessionId, (d) => hears(d, a, s) && !hears(d, c, s), 'whispering for 30 s');
  await expect(m.timers).toContainText(/ends in 0:[0-3]\d/);
  await m.settled();
  await m.timers
    .getByRole('button', { name: /^Stop now/ })
    .first()
    .click();
  await server.expect(sessionId, (d) => hears(d, c, s), 'the barge is back after the timer');
  await m.settled();

  // End the barge; a timed whisper now starts and ends harmlessly: nothing is asked.
  await m.pick(m.columnHeader(s), 'End supervision');
  await server.expect(sessionId, (d) => d.get(s)?.size === 0, 'supervision ended');
  await m.settled();
  await m.timerChoice.selectOption('30s');
  await m.rowHeader(s).focus();
  await app.page.keyboard.press('w');
  await expect(m.preview).toBeHidden();
  await server.expect(sessionId, (d) => hears(d, a, s) && !hears(d, c, s), 'timed whisper');
});

test('"me" actions: Monitor goes at once, Barge asks its sentence first', async ({
  console: app,
}) => {
  const server = new ServerState(app.localApi);
  const call = (await demoCalls(server.api, app.directory)).find(
    (x) => !x.supervisorId && !x.sessionLevel,
  );
  if (!call) throw new Error('the demo seed has no unsupervised two-party call');
  const { sessionId, customerId: c, agentId: a } = call;
  const m = new MatrixPage(app.page);
  await m.open(call.label, 2);
  const controls = app.page.getByTestId('me-controls');
  const question = app.page.getByTestId('me-question');
  await controls.getByRole('button', { name: 'Monitor', exact: true }).click();
  await expect(controls.getByTestId('me-mode')).toHaveText('Monitor');
  await expect(question).toHaveCount(0);

  await controls.getByRole('button', { name: 'Barge', exact: true }).click();
  await expect(question).toContainText(/will hear you/);
  expect(await server.hears(sessionId, c)).toEqual([a]);
  await question.getByRole('button', { name: 'Cancel' }).click();
  await expect(controls.getByTestId('me-mode')).toHaveText('Monitor');
  expect(await server.hears(sessionId, c)).toEqual([a]);
  await controls.getByRole('button', { name: 'Leave', exact: true }).click();
  await expect(controls.getByTestId('me-mode')).toHaveCount(0);
});

test('main refuses an unconfirmed risky change over the bridge, and applies a harmless one', async ({
  console: app,
  supervised: { server, sessionId, customerId: c, agentId: a, supervisorId: s, labels },
}) => {
  const before = await server.delivery(sessionId);
  const profileId = 'local-demo';
  const [barge, cut, bad] = await invokeAll(app.page, [
    {
      name: 'routing:apply',
      input: { profileId, sessionId, intent: { type: 'barge', supervisorId: s } },
    },
    {
      name: 'routing:apply',
      input: {
        profileId,
        sessionId,
        intent: { type: 'unsubscribe', receiverId: a, publisherId: c },
      },
    },
    {
      name: 'routing:undo',
      input: { profileId, sessionId, confirmedViolations: 'yes' },
    },
  ]);
  const refusal = (sentence: string): Record<string, unknown> => ({
    ok: true,
    value: {
      ok: false,
      code: 'guardrail',
      message: expect.stringMatching(new RegExp(`needs confirmation: ${escape(sentence)}`)),
    },
  });
  expect(barge).toMatchObject(
    refusal(`The customer ${labels.get(c) ?? '?'} will hear ${labels.get(s) ?? '?'}.`),
  );
  expect(cut).toMatchObject(
    refusal(
      `The agent ${labels.get(a) ?? '?'} will no longer hear the customer ${labels.get(c) ?? '?'}.`,
    ),
  );
  // Bad input is a clear error and changes nothing.
  expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  expect(await server.delivery(sessionId)).toEqual(before);

  const [whisper, confirmed] = await invokeAll(app.page, [
    {
      name: 'routing:apply',
      input: { profileId, sessionId, intent: { type: 'whisper', supervisorId: s } },
    },
    {
      name: 'routing:apply',
      input: {
        profileId,
        sessionId,
        intent: { type: 'barge', supervisorId: s },
        confirmedViolations: true,
      },
    },
  ]);
  expect(whisper).toMatchObject({ ok: true, value: { ok: true } });
  expect(confirmed).toMatchObject({ ok: true, value: { ok: true } });
  await server.expect(sessionId, (d) => hears(d, c, s) && hears(d, a, s), 'barging, confirmed');
});

test('the dialog keeps what was typed and ticked when main’s check of the call comes back', async ({
  supervised: { server, m, sessionId, customerId: c, agentId: a, labels },
}) => {
  // Main checks a risky change against the call as it is now (a fresh read) while the dialog is
  // open; a slow read lands after the supervisor has typed a reason and acknowledged the risk.
  await server.api.latency({ ms: 2_500, operation: 'listSessionParticipants' });
  try {
    await m.pick(m.columnHeader(c), 'Mute for everyone');
    await expect(m.preview).toBeVisible();
    const calls = m.preview.getByTestId('api-calls');
    await expect(calls).not.toContainText('checked with the call as it is now');
    const reason = m.preview.getByLabel(/^Reason/);
    await reason.fill('typed before the check');
    await m.preview.getByRole('checkbox').check();
    await expect(calls).toContainText('checked with the call as it is now', { timeout: 10_000 });
    await expect(reason).toHaveValue('typed before the check');
    await expect(m.preview.getByRole('checkbox')).toBeChecked();
  } finally {
    await server.api.clearFaults();
  }
  await m.preview.getByRole('button', { name: 'Confirm and send' }).click();
  await expect(m.preview).toBeHidden();
  await server.expect(sessionId, (d) => d.get(a)?.has(c) !== true, 'the agent no longer hears');
  await m.settled();
  await m.audit.getByRole('button', { name: 'Refresh' }).click();
  const row = m.audit.locator('tbody tr').first();
  await expect(row).toContainText(`Mute ${labels.get(c) ?? '?'}`);
  await expect(row).toContainText('typed before the check');
});
