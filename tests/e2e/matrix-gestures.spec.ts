/**
 * Issue 6, gestures: each one by drag (`dragTo`), by keyboard and by menu, on a supervised call
 * (customer C hears A, agent A hears C, supervisor S hears both, nobody hears S): the demo's,
 * named by the call directory, or a new one outside it where a gesture's role guess is the point.
 * After every gesture the server's own state is read over HTTP.
 */
import { expect, test } from './support/supervised-call';
import { ConfirmDialog } from './pages/confirm-dialog';
import { MatrixPage, ServerState, demoCalls } from './pages/matrix-page';

test.use({ viewport: { width: 1360, height: 1000 } });

test.describe('on a call outside the directory, whose roles only the tags suggest', () => {
  test.use({ outsideDirectory: true });
  test('connect a receiver to a publisher: drag a column header onto a row, Space, the menu', async ({
    console: app,
    supervised: { server, m, sessionId, customerId: c, agentId: a, supervisorId: s },
  }) => {
    // Drag: the supervisor's column header onto the agent's row → the agent hears the supervisor.
    // The agent's role is only what its tag suggests (a caller can be tagged agent-…): it asks first.
    await m.drag(m.columnHeader(s), m.rowHeader(a));
    await expect(m.preview.getByTestId('risk-sentence')).toHaveText(
      /^Patchbay only guessed Participant \w+'s role from a tag: if Participant \w+ is really a customer, they will hear Supervisor \w+\.$/,
    );
    await m.send({ confirm: true });
    await m.expectCell(a, s, 'all');
    await server.expect(sessionId, (d) => d.get(a)?.has(s) === true, 'agent hears supervisor');
    await m.settled();

    // Keyboard: Space on the same cell disconnects it again (the inline preview said so first).
    await m.focusCell(a, s);
    await expect(m.inlinePreview).toContainText('will no longer hear');
    await app.page.keyboard.press('Space');
    await server.expect(
      sessionId,
      (d) => d.get(a)?.has(s) === false,
      'agent no longer hears supervisor',
    );
    await m.settled();
    await m.expectCell(a, s, 'off');

    // Menu: the supervisor's column menu offers "Agent … hears Supervisor …".
    await m.columnHeader(s).click({ button: 'right' });
    await m.menuItem(/^Agent \w+ hears Supervisor/).click();
    await m.send({ confirm: true });
    await server.expect(
      sessionId,
      (d) => d.get(a)?.has(s) === true,
      'agent hears supervisor (menu)',
    );

    // The customer would hear the supervisor: the drop asks, in one sentence, before anything is sent.
    await m.drag(m.columnHeader(s), m.rowHeader(c));
    await expect(m.preview.getByTestId('risk-sentence')).toHaveText(
      /^Customer \w+ will hear Supervisor \w+\.$/,
    );
    await expect(m.preview.getByRole('button', { name: 'Confirm and send' })).toBeDisabled();
    expect(await server.hears(sessionId, c)).toEqual([a]);
    await m.send({ confirm: true });
    await server.expect(sessionId, (d) => d.get(c)?.has(s) === true, 'customer hears supervisor');
    await expect(m.announcer).toContainText('Done');
  });
  test('presets on a participant: dropped on it, by its shortcut key, from its menu', async ({
    console: app,
    supervised: { server, m, sessionId, customerId: c, agentId: a, supervisorId: s },
  }) => {
    // Drag "Whisper" onto the supervisor: only the agent hears the supervisor. The demo's roles are
    // only suggested by the tags, so the preview names that guess and asks for a confirmation.
    await m.drag(m.preset('whisper'), m.columnHeader(s));
    await expect(m.preview).toContainText('whispers to');
    await expect(m.preview.getByTestId('role-guess')).toHaveText(
      /^Patchbay guessed from the tags that Participant \w+ is the supervisor and that Participant \w+ is the agent; whisper anyway\?$/,
    );
    await m.send({ confirm: true });
    await server.expect(
      sessionId,
      (d) => d.get(a)?.has(s) === true && d.get(c)?.has(s) === false,
      'whisper: agent hears supervisor, customer does not',
    );
    await expect(m.supervision).toContainText('is whispering');

    // Keyboard: B on the focused supervisor barges in (customer hears the supervisor too).
    await m.rowHeader(s).focus();
    await app.page.keyboard.press('b');
    await expect(m.preview).toContainText('barges in');
    await expect(m.preview.getByTestId('role-guess')).toContainText('is the supervisor');
    await m.send({ confirm: true });
    await server.expect(
      sessionId,
      (d) => d.get(c)?.has(s) === true,
      'barge: customer hears supervisor',
    );
    await expect(m.supervision).toContainText('has barged in');

    // Menu: "Monitor" from the supervisor's menu: nobody hears the supervisor again.
    await m.pick(m.rowHeader(s), 'Monitor');
    await m.send({ confirm: true });
    await server.expect(
      sessionId,
      (d) => d.get(a)?.has(s) === false && d.get(c)?.has(s) === false && d.get(s)?.size === 2,
      'monitor: nobody hears the supervisor, who hears both',
    );
    await expect(m.supervision).toContainText('is monitoring');

    // The preset bar with the supervisor focused: End supervision (harmless: it goes at once).
    await m.rowHeader(s).focus();
    await expect(m.presets.getByTestId('preset-target')).toHaveText(/^Supervisor/);
    await m.preset('endSupervision').click();
    await expect(m.preview).toBeHidden();
    await server.expect(sessionId, (d) => d.get(s)?.size === 0, 'the supervisor hears nobody');
  });
});

test('add from the tray and remove to it: by drag, by keyboard and by menu', async ({
  console: app,
  supervised: { server, m, sessionId, customerId: c, agentId: a, supervisorId: s },
}) => {
  const confirm = new ConfirmDialog(app.page);
  const member = async (): Promise<boolean> =>
    (await server.members(sessionId)).some((p) => p.id === a);
  const normal = (d: Map<string, Map<string, unknown>>): boolean =>
    d.get(a)?.has(c) === true &&
    d.get(a)?.has(s) === false &&
    d.get(c)?.has(a) === true &&
    d.get(s)?.has(a) === true;

  const name = (await app.directory.call(sessionId)).participants.find(
    (p) => p.participantId === a,
  )?.displayName;
  if (!name) throw new Error('the demo directory does not name the agent');

  // Drag the agent's header out to the tray: confirm, then it leaves the session.
  await m.drag(m.rowHeader(a), m.tray);
  await confirm.confirmButton('Remove from session').click();
  await expect.poll(member).toBe(false);
  // In the tray it keeps the directory's name.
  await expect(m.trayItem(a)).toContainText(name);
  // Drag it back into the matrix: it joins with an agent's usual routing (harmless: no question).
  await m.drag(m.trayItem(a), m.grid);
  await expect(m.preview).toBeHidden();
  await expect.poll(member).toBe(true);
  await server.expect(sessionId, normal, 'the agent is back in the call, heard by the supervisor');
  await expect(m.grid.locator('tbody tr')).toHaveCount(3);
  await m.settled();

  // Keyboard: Delete on the agent's header, then Enter on its tray chip.
  await m.rowHeader(a).focus();
  await app.page.keyboard.press('Delete');
  await confirm.confirmButton('Remove from session').click();
  await expect.poll(member).toBe(false);
  await m.trayItem(a).focus();
  await app.page.keyboard.press('Enter');
  await expect.poll(member).toBe(true);
  await server.expect(sessionId, normal, 'the agent is back (keyboard)');
  await m.settled();

  // Menu: "Remove from session…" on the header, "Add to this session" on the tray chip.
  await m.pick(m.columnHeader(a), 'Remove from session…');
  await confirm.confirmButton('Remove from session').click();
  await expect.poll(member).toBe(false);
  await m.trayMenuButton(a).click();
  await m.menuItem('Add to this session').click();
  await expect.poll(member).toBe(true);
  await server.expect(sessionId, normal, 'the agent is back (menu)');
});

test('click toggles; several cells, rows or columns change as one change (click, keys, menu)', async ({
  console: app,
  supervised: { server, m, sessionId, customerId: c, agentId: a, supervisorId: s },
}) => {
  // A click toggles one cell at once: no dialog for a single cell without a guardrail.
  await m.cell(c, a).click();
  await expect(m.preview).toBeHidden();
  await server.expect(sessionId, (d) => d.get(c)?.size === 0, 'customer hears nobody');
  await m.settled();
  await m.cell(c, a).click();
  await server.expect(
    sessionId,
    (d) => d.get(c)?.has(a) === true,
    'customer hears the agent again',
  );
  await m.settled();

  // Keyboard: Shift+Right selects the supervisor's two cells, Space disconnects both at once.
  await m.focusCell(s, c);
  await app.page.keyboard.press('Shift+ArrowRight');
  await expect(m.cell(s, a)).toHaveAttribute('aria-selected', 'true');
  await app.page.keyboard.press('Space');
  await expect(m.announcer).toContainText('Disconnect 2 cells');
  await expect(m.preview).toBeHidden();
  await server.expect(sessionId, (d) => d.get(s)?.size === 0, 'supervisor hears nobody');
  await m.settled();

  // One change: a single undo brings both back.
  await app.page.keyboard.press('Control+z');
  await server.expect(sessionId, (d) => d.get(s)?.size === 2, 'undo restored both cells');
  await m.settled();

  // Pointer + menu: Ctrl+click selects the supervisor's row header line, the menu disconnects it.
  await m.rowHeader(s).click({ modifiers: ['Control'] });
  await expect(m.page.getByTestId('selection-bar')).toContainText('2 selected');
  await m.pick(m.cell(s, a), 'Disconnect all 2 selected');
  await server.expect(sessionId, (d) => d.get(s)?.size === 0, 'supervisor row cleared');
  await m.settled();

  // A whole column, from the selection bar: everyone hears the agent again after the customer's cell.
  await m.columnHeader(s).click({ modifiers: ['Shift'] });
  await m.page
    .getByTestId('selection-bar')
    .getByRole('button', { name: 'Connect all', exact: true })
    .click();
  await m.send({ confirm: true });
  await server.expect(
    sessionId,
    (d) => d.get(c)?.has(s) === true && d.get(a)?.has(s) === true,
    'the supervisor column is connected',
  );
});

test('a role assigned from the header menu is what presets and guardrails go by', async ({
  console: app,
}) => {
  const server = new ServerState(app.localApi);
  const call = (await demoCalls(server.api, app.directory)).find(
    (c) => !c.supervisorId && !c.sessionLevel,
  );
  if (!call) throw new Error('the demo seed has no unsupervised participant-level call');
  const { sessionId, label, customerId: c, agentId: a } = call;
  const m = new MatrixPage(app.page);
  await m.open(label, 2);

  // No supervisor yet: a supervisor preset says why it cannot apply, and nothing is sent.
  await m.rowHeader(a).focus();
  await app.page.keyboard.press('m');
  await expect(m.banner).toContainText('nobody in this session has that role');
  await expect(m.preview).toBeHidden();

  // Make the agent the supervisor from its menu; now Monitor applies to it.
  // The directory made it the agent; a role assigned in the console comes first.
  await expect(m.rowHeader(a).locator('.role')).toHaveText('Agent');
  await m.pick(m.rowHeader(a), 'Supervisor');
  await expect(m.rowHeader(a).locator('.role')).toHaveText('Supervisor');
  await expect(m.announcer).toContainText('is now supervisor');
  await m.rowHeader(a).focus();
  await app.page.keyboard.press('m');
  await expect(m.preview).toBeHidden();
  await server.expect(
    sessionId,
    (d) => d.get(a)?.has(c) === true && d.get(c)?.has(a) === false,
    'the new supervisor listens silently',
  );
  // Now it counts as a supervisor: letting the customer hear it asks first.
  await m.cell(c, a).click();
  await expect(m.preview.getByTestId('risk-sentence')).toContainText(' will hear ');
});
