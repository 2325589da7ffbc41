/**
 * Issue 14, section 3: Monitor → Coach → Barge → Leave as me on a two-party demo call, one action
 * each from the session page and from the floor, checked on the server's subscriptions after each;
 * Barge asks one sentence first and sends nothing until it is answered.
 */
import { expect, test } from './support/fixtures';
import { FloorPage } from './pages/floor-page';
import { demoCalls, MatrixPage, ServerState, type Delivery } from './pages/matrix-page';

const hears = (d: Delivery, receiver: string, ...publishers: string[]): boolean =>
  [...(d.get(receiver)?.keys() ?? [])].sort().join() === [...publishers].sort().join();

test.use({ viewport: { width: 1360, height: 1000 } });

test('Monitor → Coach → Barge → Leave as me, one click each', async ({ console: app }) => {
  const server = new ServerState(app.localApi);
  const call = (await demoCalls(server.api, app.directory)).find(
    (c) => !c.supervisorId && !c.sessionLevel,
  );
  if (!call) throw new Error('the demo seed has no unsupervised two-party call');
  const { sessionId, customerId: c, agentId: a } = call;
  const m = new MatrixPage(app.page);
  await m.open(call.label, 2);
  const controls = app.page.getByTestId('me-controls');
  const button = (name: string) => controls.getByRole('button', { name, exact: true });
  const meId = async (): Promise<string | undefined> =>
    (await server.members(sessionId)).find((p) => p.tag?.startsWith('supervisor-me-'))?.id;

  await button('Monitor').click();
  await expect(controls.getByTestId('me-mode')).toHaveText('Monitor');
  const me = await meId();
  if (!me) throw new Error('no participant of mine joined the call');
  await server.expect(
    sessionId,
    (d) => hears(d, me, c, a) && hears(d, a, c) && hears(d, c, a),
    'I hear both; nobody hears me',
  );

  await button('Coach').click();
  await expect(controls.getByTestId('me-mode')).toHaveText('Coach');
  await server.expect(
    sessionId,
    (d) => hears(d, me, c, a) && hears(d, a, c, me) && hears(d, c, a),
    'only the agent hears me',
  );

  await button('Barge').click();
  const question = app.page.getByTestId('me-question');
  await expect(question).toContainText('the customer too, will hear you');
  expect(await server.hears(sessionId, c)).toEqual([a]);
  await question.getByRole('button', { name: 'Barge' }).click();
  await expect(controls.getByTestId('me-mode')).toHaveText('Barge');
  await server.expect(
    sessionId,
    (d) => hears(d, c, a, me) && hears(d, a, c, me),
    'everyone hears me',
  );

  await button('Leave').click();
  await expect(controls.getByTestId('me-mode')).toHaveCount(0);
  await expect.poll(meId).toBeUndefined();
  await server.expect(sessionId, (d) => hears(d, c, a) && hears(d, a, c), 'the call as before');
  expect((await server.api.state()).participants.some((p) => p.id === me)).toBe(false);
});

test.describe('from the floor', () => {
  test.use({ startOnFloor: true });

  test('Monitor → Coach → Barge → Leave as me beside the call’s row, one click each', async ({
    console: app,
  }) => {
    const server = new ServerState(app.localApi);
    const call = (await demoCalls(server.api, app.directory)).find(
      (c) => !c.supervisorId && !c.sessionLevel,
    );
    if (!call) throw new Error('the demo seed has no unsupervised two-party call');
    const { sessionId, customerId: c, agentId: a } = call;
    const floor = new FloorPage(app.page);
    const controls = floor.me(sessionId);
    await expect(controls).toBeVisible();
    const button = (mode: string) => controls.locator(`button[data-me="${mode}"]`);
    const meId = async (): Promise<string | undefined> =>
      (await server.members(sessionId)).find((p) => p.tag?.startsWith('supervisor-me-'))?.id;

    await button('monitor').click();
    await expect(controls.getByTestId('me-mode')).toHaveText('Monitor');
    const me = await meId();
    if (!me) throw new Error('no participant of mine joined the call');
    await server.expect(sessionId, (d) => hears(d, me, c, a) && hears(d, c, a), 'I hear both');
    // The floor stays: the call was not opened, and its row says who supervises it now.
    await expect(floor.title).toBeVisible();
    await expect(floor.call(sessionId)).toContainText('You are monitoring');
    // The join is in the floor's activity feed, on this call.
    await expect(
      app.page.getByTestId('floor-activity').locator(`[data-session-ref="${sessionId}"]`).first(),
    ).toContainText(`Demo supervisor joined ${call.label}`);
    // Another call's actions wait until I leave this one.
    const other = (await floor.sessionIds()).find((id) => id !== sessionId) ?? '';
    await expect(floor.me(other).locator('button[data-me="monitor"]')).toBeDisabled();

    await button('coach').click();
    await expect(controls.getByTestId('me-mode')).toHaveText('Coach');
    await server.expect(sessionId, (d) => hears(d, a, c, me) && hears(d, c, a), 'only the agent');

    await button('barge').click();
    const question = app.page.getByTestId('me-question');
    await expect(question).toContainText('the customer too, will hear you');
    expect(await server.hears(sessionId, c)).toEqual([a]);
    await question.getByRole('button', { name: 'Barge' }).click();
    await expect(controls.getByTestId('me-mode')).toHaveText('Barge');
    await server.expect(sessionId, (d) => hears(d, c, a, me) && hears(d, a, c, me), 'everyone');

    await button('leave').click();
    await expect(controls.getByTestId('me-mode')).toHaveCount(0);
    await expect.poll(meId).toBeUndefined();
    await server.expect(sessionId, (d) => hears(d, c, a) && hears(d, a, c), 'the call as before');
  });
});
