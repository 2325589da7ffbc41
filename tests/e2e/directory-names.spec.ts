/**
 * Issue 14, names: a demo call's matrix names its people as the Local demo's call directory does,
 * and the audit entry of a change (and its JSON export) keeps those names.
 */
import { readFile } from 'node:fs/promises';
import type { DirectoryCall, DirectorySnapshot } from '../../src-main/shared/dto/directory';
import { expect, test } from './support/fixtures';
import { MatrixPage, ServerState, supervisedCall, type Delivery } from './pages/matrix-page';

test.use({ viewport: { width: 1360, height: 1000 } });

const hears = (d: Delivery, r: string, p: string): boolean => d.get(r)?.has(p) === true;

async function directoryCall(
  directory: { url: string; token: string },
  sessionId: string,
): Promise<DirectoryCall> {
  const response = await fetch(directory.url, {
    headers: { authorization: `Bearer ${directory.token}` },
  });
  expect(response.status).toBe(200);
  const snapshot = (await response.json()) as DirectorySnapshot;
  const call = snapshot.calls.find((c) => c.sessionId === sessionId);
  if (call === undefined) throw new Error(`the demo directory does not list ${sessionId}`);
  return call;
}

test("a demo call's matrix shows the directory's names, and the audit export keeps them", async ({
  console: app,
  host,
}) => {
  const server = new ServerState(app.localApi);
  const { sessionId, customerId: c, agentId: a } = await supervisedCall(server.api);
  const call = await directoryCall(host.directory, sessionId);
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
  await m.send({ reason: 'names check' });
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
