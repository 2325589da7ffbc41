/**
 * Issue 14, section 4: alerts are computed in main for every watched call, so one raised while
 * another call is open is still there when the supervisor returns (and, in the web host, shown in
 * the page at once); outside changes and the supervisor's decision about them are audited.
 */
import { expect, test } from './support/supervised-call';
import { demoCalls } from './pages/matrix-page';

test.use({ viewport: { width: 1360, height: 1000 } });

test('a privacy leak raised while another call is open is still there on return, and audited', async ({
  console: app,
  supervised: { server, m, sessionId, label, labels, customerId: c, agentId: a, supervisorId: s },
}) => {
  const name = (id: string): string => labels.get(id) ?? id;
  const other = (await demoCalls(server.api, app.directory)).find(
    (call) => call.sessionId !== sessionId,
  );
  if (!other) throw new Error('the demo seed has only one call');
  await m.sessions.select(other.label);
  await expect(m.page.getByRole('heading', { name: other.label, level: 2 })).toBeVisible();

  // Someone outside Patchbay lets the customer of the first call hear its supervisor.
  await server.api.add(sessionId, c, {
    sessionId,
    participants: [{ participantId: a }, { participantId: s }],
  });
  // The web host has no OS notifications: the critical alert shows in the page.
  await expect(m.page.getByRole('alert').filter({ hasText: 'privacy leak' })).toContainText(label, {
    timeout: 20_000,
  });

  await m.open(label, 3);
  const alerts = m.page.getByTestId('session-alerts');
  const leak = alerts.locator('[data-alert-rule="customer-hears-supervisor"]');
  await expect(leak).toContainText(`${name(c)} can hear ${name(s)}`);
  await expect(leak).toHaveAttribute('data-severity', 'critical');
  await expect(alerts.locator('[data-alert-rule="outside-change"]')).toContainText(
    `Someone outside Patchbay changed what ${name(c)} hears`,
  );

  await m.audit.getByRole('button', { name: 'Refresh' }).click();
  const observed = m.audit.locator('tbody tr[data-outcome="observed"]').first();
  await expect(observed).toContainText(`Someone outside Patchbay changed what ${name(c)} hears`);
  await expect(observed).toContainText('Changed outside Patchbay');

  // Acknowledged, it goes (and is not raised again while the leak lasts).
  await leak.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(leak).toBeHidden();

  // The outside change, seen while away, is accepted from the alert: audited as the decision.
  const outside = alerts.locator('[data-alert-rule="outside-change"]');
  await outside.getByRole('button', { name: 'Accept' }).click();
  await expect(outside).toBeHidden();
  await m.audit.getByRole('button', { name: 'Refresh' }).click();
  await expect(m.audit.locator('tbody tr[data-outcome="accepted"]').first()).toContainText(
    `Someone outside Patchbay changed what ${name(c)} hears`,
  );
});

test('the supervisor’s decision about an outside change is audited in their words', async ({
  supervised: { server, m, sessionId, labels, customerId: c, agentId: a, supervisorId: s },
}) => {
  const name = (id: string): string => labels.get(id) ?? id;
  await server.api.add(sessionId, a, {
    sessionId,
    participants: [{ participantId: c }, { participantId: s }],
  });
  const row = m.drift.locator(`[data-drift-receiver="${a}"]`);
  await expect(row).toContainText(`${name(a)} now also hears ${name(s)}`);
  await row.getByRole('button', { name: 'Accept' }).click();
  await expect(m.drift).toBeHidden();

  await m.audit.getByRole('button', { name: 'Refresh' }).click();
  await expect(m.audit.locator('tbody tr[data-outcome="accepted"]').first()).toContainText(
    `Someone outside Patchbay changed what ${name(a)} hears`,
  );
  await expect(m.audit.locator('tbody tr[data-outcome="observed"]').first()).toBeVisible();
  await expect(
    m.page.getByTestId('session-alerts').locator('[data-alert-rule="outside-change"]'),
  ).toBeHidden();
});

test('a broken leg, a silenced customer and a supervisor removed from outside each raise their alert', async ({
  supervised: { server, m, sessionId, label, labels, customerId: c, agentId: a, supervisorId: s },
}) => {
  const name = (id: string): string => labels.get(id) ?? id;
  const alerts = m.page.getByTestId('session-alerts');
  const rule = (id: string) => alerts.locator(`[data-alert-rule="${id}"]`);

  // The agent stops hearing the customer, and the customer hears nobody: both from outside.
  await server.api.add(sessionId, a, { sessionId, participants: [{ participantId: s }] });
  await server.api.add(sessionId, c, {});
  await expect(rule('agent-cannot-hear-customer')).toContainText(
    `${name(a)} cannot hear ${name(c)}`,
  );
  await expect(rule('customer-hears-nobody')).toContainText(`${name(c)} hears nobody`);

  // Put right (from outside too), the state alerts resolve by themselves.
  await server.api.add(sessionId, a, { sessionId, participants: [{ participantId: c }] });
  await server.api.add(sessionId, c, { sessionId, participants: [{ participantId: a }] });
  await expect(rule('agent-cannot-hear-customer')).toBeHidden();
  await expect(rule('customer-hears-nobody')).toBeHidden();

  // The backend removes the supervisor while it listens in.
  await server.api.remove(sessionId, s);
  await expect(rule('supervisor-removed')).toContainText(
    `${name(s)} was removed from the call from outside Patchbay while supervising`,
  );
  await expect(alerts.locator('[data-activity="left"]').first()).toContainText(
    `${name(s)} left (outside Patchbay)`,
  );
  await expect(m.page.getByRole('heading', { name: label, level: 2 })).toBeVisible();
});
