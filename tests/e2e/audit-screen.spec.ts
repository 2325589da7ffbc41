/**
 * Issue 15, audit: a top-level audit screen lists the changes of every call with the call's label,
 * who made them (the profile's supervisor and the OS user) and the people by name; it filters by
 * person, action and call, says what is wrong with a bad filter, and its CSV has a human "what"
 * beside the machine columns. A call page's recent changes link to the screen filtered to the call.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from './support/fixtures';
import { expectNoSeriousViolations } from './helpers/axe';
import { invoke } from './helpers/bridge';
import { AuditPage } from './pages/audit-page';
import { demoCalls, MatrixPage, ServerState } from './pages/matrix-page';
import { ProfilesPage } from './pages/profiles-page';

test.use({ viewport: { width: 1360, height: 1000 } });

const SUPERVISOR = 'Morgan Reyes';

test('the audit screen: two calls with their labels and names, filters, and a CSV with "what"', async ({
  console: app,
}) => {
  const server = new ServerState(app.localApi);
  const calls = await demoCalls(server.api, app.directory);
  const supervised = calls.find((c) => c.supervisorId && !c.sessionLevel);
  const other = calls.find((c) => c !== supervised && c.customerId && c.agentId);
  if (!supervised?.supervisorId || !other) throw new Error('the demo seed lacks two calls');
  const first = await app.directory.call(supervised.sessionId);
  const second = await app.directory.call(other.sessionId);
  const nameIn = (call: typeof first, id: string): string =>
    call.participants.find((p) => p.participantId === id)?.displayName ?? '';

  // The profile's supervisor identity, as a supervisor sets it.
  const profiles = new ProfilesPage(app.page);
  await profiles.open();
  const name = app.page.getByTestId('supervisor-name').first();
  await name.fill(SUPERVISOR);
  await app.page.getByRole('button', { name: 'Save your name' }).first().click();
  await expect(name).toHaveValue(SUPERVISOR);

  // A change on each call, through the page's own bridge.
  const apply = async (sessionId: string, intent: unknown, reason: string): Promise<void> => {
    const result = await invoke(app.page, 'routing:apply', {
      profileId: 'local-demo',
      sessionId,
      intent,
      reason,
      confirmedViolations: true,
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);
  };
  await apply(
    supervised.sessionId,
    { type: 'monitor', supervisorId: supervised.supervisorId },
    'quality check',
  );
  await apply(
    other.sessionId,
    { type: 'mute', publisherId: other.customerId, receiverId: other.agentId },
    'line noise',
  );

  const audit = new AuditPage(app.page);
  await audit.open();
  const monitorRow = audit.rowsOf(supervised.sessionId).first();
  const muteRow = audit.rowsOf(other.sessionId).first();
  await expect(monitorRow).toContainText(first.label);
  await expect(monitorRow).toContainText(`${SUPERVISOR} (OS user `);
  await expect(monitorRow).toContainText(
    `${nameIn(first, supervised.supervisorId)} monitors the call.`,
  );
  await expect(muteRow).toContainText(second.label);
  await expect(muteRow).toContainText(
    `Mute ${nameIn(second, other.customerId)} for ${nameIn(second, other.agentId)}.`,
  );
  await expect(muteRow).toContainText('line noise');
  await expectNoSeriousViolations(app.page, 'audit screen');
  // Names, not ids: no participant id is shown anywhere in the table.
  for (const id of [supervised.supervisorId, other.customerId, other.agentId]) {
    await expect(audit.region.locator('table')).not.toContainText(id);
  }

  // By person (a name the directory gave), then by action, then by call.
  await audit.filterPerson(nameIn(second, other.agentId));
  await expect(audit.rows).toHaveCount(1);
  await expect(audit.rows.first()).toHaveAttribute('data-session', other.sessionId);
  await audit.filterPerson('');
  await audit.action.selectOption({ label: 'Monitor' });
  await expect(audit.rows).toHaveCount(1);
  await expect(audit.rows.first()).toHaveAttribute('data-session', supervised.sessionId);
  await audit.action.selectOption({ label: 'Any' });
  await audit.call.selectOption({ label: second.label });
  await expect(audit.rows).toHaveCount(1);
  await expect(audit.rows.first()).toHaveAttribute('data-session', other.sessionId);
  await audit.call.selectOption({ label: 'All calls' });
  await expect(audit.rows).toHaveCount(2);

  // A bad filter is refused in words, and the list stays as it was.
  await audit.filterPerson('x'.repeat(201));
  await expect(audit.error).toContainText('person is longer than 200 characters');
  await expect(audit.rows).toHaveCount(2);
  await audit.filterPerson(SUPERVISOR);
  await expect(audit.error).toHaveText('');
  await expect(audit.rows).toHaveCount(2);

  // The CSV: the human columns first, then the machine ones.
  const download = app.page.waitForEvent('download');
  await audit.button('Export CSV').click();
  const csv = await readFile(await (await download).path(), 'utf8');
  const [header = '', ...lines] = csv.split('\r\n');
  expect(header).toMatch(
    /^seq,time,call,who,what,people,outcome,reason,error,profileId,accountId,sessionId,supervisor,osUser,action,/,
  );
  const muteLine = lines.find((l) => l.includes('line noise')) ?? '';
  expect(muteLine).toContain(`"${second.label}"`);
  expect(muteLine).toContain(`"${SUPERVISOR} (OS user `);
  expect(muteLine).toContain(
    `"Mute ${nameIn(second, other.customerId)} for ${nameIn(second, other.agentId)}."`,
  );
  expect(muteLine).toContain(`"${other.sessionId}"`);
});

test("a call page's recent changes open the audit screen filtered to that call", async ({
  console: app,
}) => {
  const server = new ServerState(app.localApi);
  const calls = await demoCalls(server.api, app.directory);
  const [one, two] = calls.filter((c) => c.customerId && c.agentId);
  if (!one || !two) throw new Error('the demo seed lacks two calls');
  for (const call of [one, two]) {
    const result = await invoke(app.page, 'routing:apply', {
      profileId: 'local-demo',
      sessionId: call.sessionId,
      intent: { type: 'mute', publisherId: call.customerId, receiverId: call.agentId },
      confirmedViolations: true,
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);
  }
  const m = new MatrixPage(app.page);
  await m.sessions.select(one.label);
  await expect(m.audit.locator('tbody tr')).toHaveCount(1);
  await m.audit.getByRole('button', { name: /All changes on this call/ }).click();

  const audit = new AuditPage(app.page);
  await expect(audit.region).toBeVisible();
  await expect(audit.call.locator('option:checked')).toHaveText(one.label);
  await expect(audit.rows).toHaveCount(1);
  await expect(audit.rows.first()).toHaveAttribute('data-session', one.sessionId);
  await audit.call.selectOption({ label: 'All calls' });
  await expect(audit.rows).toHaveCount(2);
});
