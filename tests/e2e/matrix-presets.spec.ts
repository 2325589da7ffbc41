/**
 * Issue 6, presets: every preset against the server's state, a timed whisper that reverts by
 * itself (the shortest choice, 30 s), and the same routing on a call while the local API's live
 * simulation moves the rest of the contact center.
 */
import { escapeRegExp } from './helpers/text';
import { expect, test } from './support/supervised-call';
import { MatrixPage, ServerState, newCall, type Delivery } from './pages/matrix-page';

test.use({ viewport: { width: 1360, height: 1000 } });

const hears = (d: Delivery, r: string, p: string): boolean => d.get(r)?.has(p) === true;

test('each preset does what it says on the server; undo takes it back', async ({
  supervised: { server, m, sessionId, customerId: c, agentId: a, supervisorId: s },
}) => {
  // Five presets, each sent, checked on the server and undone.
  test.setTimeout(60_000);
  const normal = (d: Delivery): boolean =>
    hears(d, c, a) &&
    hears(d, a, c) &&
    hears(d, s, c) &&
    hears(d, s, a) &&
    !hears(d, c, s) &&
    !hears(d, a, s);

  // Mute the customer for everyone: the agent would no longer hear them, so it asks first.
  await m.pick(m.columnHeader(c), 'Mute for everyone');
  await expect(m.preview.getByTestId('risk-sentence')).toContainText('will no longer hear');
  await m.send({ confirm: true, reason: 'customer is on speaker' });
  await server.expect(
    sessionId,
    (d) => !hears(d, a, c) && !hears(d, s, c),
    'nobody hears the customer',
  );
  await m.undoButton.click();
  await server.expect(sessionId, normal, 'undo: the normal call again');
  await m.settled();

  // Isolate the agent: cut from the customer both ways, the supervisor still listens.
  await m.pick(m.rowHeader(a), 'Isolate');
  await m.send({ confirm: true });
  await server.expect(
    sessionId,
    (d) => !hears(d, a, c) && !hears(d, c, a) && hears(d, s, a),
    'agent isolated, supervisor still hears it',
  );
  await m.undoButton.click();
  await server.expect(sessionId, normal, 'undo isolate');
  await m.settled();

  // Hold the customer: hears nobody, nobody hears it.
  await m.pick(m.rowHeader(c), 'Hold');
  await m.send({ confirm: true });
  await server.expect(
    sessionId,
    (d) => d.get(c)?.size === 0 && !hears(d, a, c) && !hears(d, s, c),
    'customer on hold',
  );
  await m.undoButton.click();
  await server.expect(sessionId, normal, 'undo hold');
  await m.settled();

  // Fully wire: everyone hears everyone (the customer hears the supervisor: it asks, like a barge).
  await m.pick(m.rowHeader(c), 'Fully wire');
  await m.send({ confirm: true });
  await server.expect(
    sessionId,
    (d) => [...d.values()].every((row) => row.size === 2),
    'everyone hears everyone',
  );
  await expect(m.supervision).toContainText('has barged in');

  // End supervision: the supervisor hears nobody and nobody hears it (harmless: no question).
  await m.pick(m.columnHeader(s), 'End supervision');
  await expect(m.preview).toBeHidden();
  await server.expect(
    sessionId,
    (d) => d.get(s)?.size === 0 && !hears(d, c, s) && !hears(d, a, s) && hears(d, c, a),
    'supervision ended, the call goes on',
  );
  await expect(m.supervision).toContainText('is not supervising');
});

test('a timed whisper counts down and reverts by itself', async ({
  console: app,
  supervised: { server, m, sessionId, customerId: c, agentId: a, supervisorId: s, labels },
}) => {
  test.setTimeout(90_000);

  await m.timerChoice.selectOption('30s');
  await m.rowHeader(s).focus();
  await app.page.keyboard.press('w');
  // The directory made them supervisor and agent, and a whisper is harmless: it goes at once.
  await expect(m.announcer).toContainText('for 30 s');
  await expect(m.preview).toBeHidden();
  await server.expect(sessionId, (d) => hears(d, a, s) && !hears(d, c, s), 'whispering');
  await expect(m.timers).toContainText(/ends in 0:[0-3]\d/);
  await expect(m.columnHeader(s)).toContainText(
    new RegExp(`Whispering → ${escapeRegExp(labels.get(a) ?? '?')}\\s*· 0:[0-3]\\d`),
  );

  // No one touches anything: 30 s later main reverts it.
  await server.expect(
    sessionId,
    (d) => !hears(d, a, s) && hears(d, s, a),
    'the whisper ended',
    45_000,
  );
  await expect(m.timers).toBeHidden({ timeout: 45_000 });
  await expect(app.page.getByRole('status', { name: 'Notifications' })).toContainText(
    /Time is up on “.+”: “.+” ended after 30 s\. The routing is back as it was\./,
  );
  await expect(m.supervision).toContainText('is monitoring');
});

test.describe('with the live simulation running', () => {
  test.use({ simulate: true });

  test('whisper, barge and monitor on a call while the contact center moves around it', async ({
    console: app,
  }) => {
    const server = new ServerState(app.localApi);
    const call = await newCall(server.api);
    const { sessionId, customerId: c, agentId: a, supervisorId: s } = call;
    const m = new MatrixPage(app.page);
    await m.sessions.watch(sessionId);
    await expect(m.grid.locator('tbody tr')).toHaveCount(3);
    await expect(m.supervision).toContainText('is monitoring');

    await m.rowHeader(s).focus();
    await app.page.keyboard.press('w');
    await m.send({ confirm: true });
    await server.expect(sessionId, (d) => hears(d, a, s) && !hears(d, c, s), 'whisper');
    await expect(m.supervision).toContainText('is whispering');
    await expect(m.cell(a, s)).toHaveAttribute('data-tone', 'coach');
    await expect(m.cell(a, s)).toHaveAccessibleName(/supervisor coaching \(whisper\)/);
    await expect(m.cell(c, s)).toHaveAttribute('data-tone', 'private');

    await m.rowHeader(s).focus();
    await app.page.keyboard.press('b');
    await m.send({ confirm: true });
    await server.expect(sessionId, (d) => hears(d, a, s) && hears(d, c, s), 'barge');
    await expect(m.cell(c, s)).toHaveAttribute('data-tone', 'barge');

    await m.rowHeader(s).focus();
    await app.page.keyboard.press('m');
    await m.send({ confirm: true });
    await server.expect(
      sessionId,
      (d) => !hears(d, a, s) && !hears(d, c, s) && hears(d, s, a) && hears(d, s, c),
      'monitor',
    );
    // The simulation kept running in the other calls the whole time.
    const state = await server.api.state();
    expect(state.sessions.length).toBeGreaterThan(1);
  });
});
