/**
 * Issue 14, names: a demo call's matrix names its people as the Local demo's call directory does,
 * and the audit entry of a change (and its JSON export) keeps those names.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from './support/fixtures';
import { MatrixPage, ServerState, supervisedCall, type Delivery } from './pages/matrix-page';

test.use({ viewport: { width: 1360, height: 1000 } });

const hears = (d: Delivery, r: string, p: string): boolean => d.get(r)?.has(p) === true;

test("a demo call's matrix shows the directory's names, and the audit export keeps them", async ({
  console: app,
}) => {
  const server = new ServerState(app.localApi);
  const { sessionId, customerId: c, agentId: a } = await supervisedCall(server.api, app.directory);
  const call = await app.directory.call(sessionId);
  const nameOf = (id: string): string =>
    call.participants.find((p) => p.participantId === id)?.displayName ?? '';
  expect(nameOf(c)).not.toBe('');
  expect(nameOf(a)).not.toBe('');

  const m = new MatrixPage(app.page);
  await m.open(call.label, 3);
  for (const person of call.participants) {
    await expect(m.columnHeader(person.participantId)).toContainText(person.displayName);
    await expect(m.rowHeader(person.participantId)).toContainText(person.displayName);
  }

  await m.pick(m.columnHeader(c), 'Mute for everyone');
  await m.send({ confirm: true, reason: 'names check' });
  await server.expect(sessionId, (d) => !hears(d, a, c), 'muted');
  await m.settled();

  const rows = m.audit.locator('tbody tr');
  await m.audit.getByRole('button', { name: 'Refresh' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`${nameOf(a)}: hears`);

  const download = app.page.waitForEvent('download');
  await m.audit.getByRole('button', { name: 'Export JSON' }).click();
  const file = await download;
  const entries = JSON.parse(await readFile(await file.path(), 'utf8')) as {
    names?: Record<string, string>;
  }[];
  expect(entries).toHaveLength(1);
  expect(entries[0]?.names).toEqual(
    Object.fromEntries(call.participants.map((p) => [p.participantId, p.displayName])),
  );
});

test("the directory's roles count as assigned: a whisper and its redo on a demo call ask nothing", async ({
  console: app,
}) => {
  const server = new ServerState(app.localApi);
  const {
    sessionId,
    label,
    customerId: c,
    agentId: a,
    supervisorId: s,
  } = await supervisedCall(server.api, app.directory);
  const m = new MatrixPage(app.page);
  await m.open(label, 3);
  const whispering = (d: Delivery): boolean => hears(d, a, s) && !hears(d, c, s);

  await m.rowHeader(a).focus();
  await m.preset('whisper').click();
  await expect(m.preview).toBeHidden();
  await server.expect(sessionId, whispering, 'whispering, nothing asked');
  await m.settled();

  await m.undoButton.click();
  await server.expect(sessionId, (d) => !hears(d, a, s), 'undone');
  await m.settled();
  await m.redoButton.click();
  await server.expect(sessionId, whispering, 'whispering again, the redo asked nothing');
  await expect(app.page.getByRole('dialog')).toHaveCount(0);
});
