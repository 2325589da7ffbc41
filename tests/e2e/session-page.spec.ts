/**
 * The session page against the real console and local API: participants with tag, role and
 * permissions, who hears whom, creating a participant (the one-time token dialog), adding to and
 * removing from the session with the 20-participant limit and the 409 conflict, and deleting.
 */
import type { LocalApiState } from '../../src-main/local-api';
import type { DirectoryCall } from '../../src-main/shared/dto/directory';
import { SESSION_STORAGE_KEY } from '../../src-main/shared/ws-protocol';
import { expectNoSeriousViolations } from './helpers/axe';
import { invoke } from './helpers/bridge';
import { LocalApiClient } from '../support/local-api-client';
import { SessionPage } from './pages/session-page';
import { newCall } from './pages/matrix-page';
import { SessionsPage } from './pages/sessions-page';
import { shownLabels } from './support/directory';
import { expect, test, type ConsoleFixture } from './support/fixtures';

type StoredSession = LocalApiState['sessions'][number];

/**
 * The labels the console shows for a session's members: the directory's names for a demo call
 * (`call`), else the roles their tags suggest.
 */
function labelsOf(
  state: LocalApiState,
  session: StoredSession,
  call?: DirectoryCall,
): ReadonlyMap<string, string> {
  const members = session.participantIds.map((id) => {
    const p = state.participants.find((x) => x.id === id);
    if (!p) throw new Error(`participant ${id} missing`);
    return p;
  });
  return shownLabels(session.id, members, call);
}

/** Opens a demo call by the label its directory entry gives it (what the sidebar shows). */
async function openSession(app: ConsoleFixture, sessionId: string): Promise<SessionPage> {
  const { label } = await app.directory.call(sessionId);
  await new SessionsPage(app.page).select(label);
  const page = new SessionPage(app.page);
  await expect(page.title).toHaveText(label);
  await page.showParticipants();
  return page;
}

/** A new call outside the directory (roles only suggested by the tags), watched and opened. */
async function openNewCall(
  app: ConsoleFixture,
  api: LocalApiClient,
): Promise<{ page: SessionPage; state: LocalApiState; session: StoredSession }> {
  const { sessionId, label } = await newCall(api);
  await new SessionsPage(app.page).watch(sessionId);
  const page = new SessionPage(app.page);
  await expect(page.title).toHaveText(label);
  await page.showParticipants();
  const state = await api.state();
  const session = state.sessions.find((s) => s.id === sessionId);
  if (!session) throw new Error(`session ${sessionId} missing`);
  return { page, state, session };
}

test('shows participants with tag, suggested role and permissions, and who hears whom', async ({
  console: app,
}) => {
  const api = new LocalApiClient(app.localApi);
  const { page, state, session: supervised } = await openNewCall(app, api);
  const labels = labelsOf(state, supervised);
  const [customer, agent, supervisor] = supervised.participantIds.map((id) => labels.get(id) ?? '');

  await expect(page.participants.getByRole('row')).toHaveCount(4);
  for (const id of supervised.participantIds) {
    const stored = state.participants.find((p) => p.id === id);
    const row = page.row(id);
    await expect(row).toContainText(labels.get(id) ?? '');
    await expect(row).toContainText(stored?.tag ?? '');
    await expect(row).toContainText('Suggested by the tag');
    const words = stored?.publishPermissions.length === 2 ? 'Audio and video' : 'Audio';
    await expect(row).toContainText(words);
  }
  await expect(page.roleSelect(customer ?? '')).toHaveValue('customer');
  await expect(page.roleSelect(supervisor ?? '')).toHaveAccessibleDescription(
    'Suggested by the tag',
  );

  await expect(page.hears(`${customer} hears ${agent}:`)).toBeVisible();
  await expect(page.hears(`${customer} does not hear ${supervisor}`)).toBeVisible();
  await expect(page.hears(`${agent} hears ${customer}:`)).toBeVisible();
  await expect(page.hears(`${supervisor} hears ${customer}:`)).toBeVisible();
  await expect(page.hears(`${supervisor} hears ${agent}:`)).toBeVisible();
  await expectNoSeriousViolations(app.page, 'session page (light)');
  await app.page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousViolations(app.page, 'session page (dark)');
});

test("a demo call's participants carry the directory's names and roles, which count as assigned", async ({
  console: app,
}) => {
  const api = new LocalApiClient(app.localApi);
  const state = await api.state();
  const session = state.sessions.find((s) => s.participantIds.length === 3);
  if (!session) throw new Error('the demo seed has no supervised call');
  const call = await app.directory.call(session.id);
  const labels = labelsOf(state, session, call);
  const page = await openSession(app, session.id);

  await expect(page.participants.getByRole('row')).toHaveCount(4);
  for (const person of call.participants) {
    const row = page.row(person.participantId);
    await expect(row).toContainText(person.displayName);
    await expect(row).not.toContainText('Suggested by the tag');
    const select = page.roleSelect(labels.get(person.participantId) ?? '');
    await expect(select).toHaveValue(person.role);
  }

  // A role set here comes first; cleared, the directory's role is back (not the tag's guess).
  const customer = call.participants.find((p) => p.role === 'customer');
  if (!customer) throw new Error('the demo directory names no customer');
  const name = labels.get(customer.participantId) ?? '';
  await page.roleSelect(name).selectOption('supervisor');
  await expect(page.roleSelect(name)).toHaveValue('supervisor');
  await page.roleSelect(name).selectOption('');
  await expect(page.roleSelect(name)).toHaveValue('customer');
  await expect(page.row(customer.participantId)).not.toContainText('Suggested by the tag');
});

test('says "everyone" for session-level subscriptions', async ({ console: app }) => {
  const api = new LocalApiClient(app.localApi);
  const state = await api.state();
  const sessionLevel = state.sessions.find((s) =>
    s.participantIds.every((id) => {
      const subs = state.participants.find((p) => p.id === id)?.subscriptions;
      return subs?.sessionId === s.id && !subs.participants;
    }),
  );
  if (!sessionLevel) throw new Error('the demo seed has no session-level call');
  const page = await openSession(app, sessionLevel.id);
  const rows = page.hearing.getByRole('rowheader');
  await expect(rows).toHaveCount(sessionLevel.participantIds.length);
  for (const row of await rows.all()) {
    await expect(row).toContainText('hears everyone, including future participants');
  }
});

test('assigns a role, remembers it, and falls back to the suggestion', async ({ console: app }) => {
  const api = new LocalApiClient(app.localApi);
  const { page, state, session } = await openNewCall(app, api);
  const customerId = session.participantIds.find((id) =>
    state.participants.find((p) => p.id === id)?.tag?.startsWith('customer-'),
  );
  if (!customerId) throw new Error('the new call has no customer');
  const customer = labelsOf(state, session).get(customerId) ?? '';
  const suffix = customer.split(' ')[1] ?? '';

  await page.roleSelect(customer).selectOption('supervisor');
  const promoted = `Supervisor ${suffix}`;
  await expect(page.roleSelect(promoted)).toHaveValue('supervisor');
  await expect(page.row(customerId)).not.toContainText('Suggested by the tag');
  await expect(page.hearing.getByRole('rowheader', { name: promoted })).toBeVisible();

  await app.page.reload();
  await new SessionsPage(app.page).select(session.tag ?? '');
  const again = new SessionPage(app.page);
  await again.showParticipants();
  await expect(again.roleSelect(promoted)).toHaveValue('supervisor');
  await expect(again.row(customerId)).not.toContainText('Suggested by the tag');

  await again.roleSelect(promoted).selectOption('');
  await expect(again.roleSelect(customer)).toHaveValue('customer');
  await expect(again.row(customerId)).toContainText('Suggested by the tag');
});

test.describe('creating a participant', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('shows the token once, with copy buttons and the phone-transfer BXML', async ({
    console: app,
  }) => {
    const api = new LocalApiClient(app.localApi);
    const session = (await api.state()).sessions[0];
    const page = await openSession(app, session?.id ?? '');
    const rowsBefore = await page.participants.getByRole('row').count();

    await page.createParticipant({ audio: true, video: true, tag: 'agent-0c1d2e3f' });
    const dialog = page.tokenDialog;
    await expect(dialog.dialog).toBeVisible();
    await expect(dialog.dialog).toHaveAccessibleDescription(
      /This token is shown only now\. Bandwidth cannot show it again and Patchbay does not keep it/,
    );
    await expect(dialog.copyToken).toBeFocused();
    const token = await dialog.token.inputValue();
    expect(token.split('.')).toHaveLength(3);
    await expect(dialog.bxml).toHaveValue(
      `<Response><Transfer><SipUri uui="CALL_ID;encoding=base64,${token};encoding=jwt">sip:sipx.webrtc.bandwidth.com:5060</SipUri></Transfer></Response>`,
    );
    await dialog.callId.fill('c-15ac29a2-1331029c-2cb0-4a07-b215-b22865662d85');
    await expect(dialog.bxml).toHaveValue(
      `<Response><Transfer><SipUri uui="15ac29a21331029c2cb04a07b215b22865662d85;encoding=base64,${token};encoding=jwt">sip:sipx.webrtc.bandwidth.com:5060</SipUri></Transfer></Response>`,
    );
    await expectNoSeriousViolations(app.page, 'token dialog');

    await dialog.copyToken.click();
    await expect(page.notifications).toContainText('Token copied to the clipboard.');
    expect(await app.page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await dialog.copyBxml.click();
    await expect(page.notifications).toContainText('BXML copied to the clipboard.');
    expect(await app.page.evaluate(() => navigator.clipboard.readText())).toContain(
      `15ac29a21331029c2cb04a07b215b22865662d85;encoding=base64,${token};encoding=jwt`,
    );

    await app.page.keyboard.press('Escape');
    await expect(dialog.dialog).toHaveCount(0);
    // Gone for good: not in the page, not in storage (which holds only this tab's web sign-in).
    expect(await app.page.content()).not.toContain(token);
    const stored = await app.page.evaluate(() => ({
      local: localStorage.length,
      session: Object.keys(sessionStorage),
      values: JSON.stringify({ ...localStorage, ...sessionStorage }),
    }));
    expect(stored.local).toBe(0);
    expect(stored.session).toEqual([SESSION_STORAGE_KEY]);
    expect(stored.values).not.toContain(token);

    await expect(page.participants.getByRole('row')).toHaveCount(rowsBefore + 1);
    await expect(page.row('agent-0c1d2e3f')).toContainText('Audio and video');
    const state = await api.state();
    const created = state.participants.find((p) => p.tag === 'agent-0c1d2e3f');
    expect(created?.publishPermissions).toEqual(['AUDIO', 'VIDEO']);
    expect(state.sessions.find((s) => s.id === session?.id)?.participantIds).toContain(created?.id);
  });
});

test('checks the tag and the callback URL before creating', async ({ console: app }) => {
  const api = new LocalApiClient(app.localApi);
  const page = new SessionPage(app.page);
  const before = (await api.state()).participants.length;
  const tag = page.createForm.getByLabel('Tag');
  const url = page.createForm.getByLabel('Callback URL');

  await page.fillNewParticipant({ tag: 'caller +1 (555) 123-4567' });
  await expect(tag).toHaveAccessibleDescription(/looks like it contains a phone number/);
  await page.fillNewParticipant({ tag: 'x'.repeat(60) });
  await page.createForm.getByRole('button', { name: 'Create participant' }).click();
  await expect(tag).toBeFocused();
  await expect(tag).toHaveAccessibleDescription(/A tag is at most 50 characters; this one has 60/);

  await page.fillNewParticipant({ tag: 'agent-1', callbackUrl: 'ftp://example.com/events' });
  await page.createForm.getByRole('button', { name: 'Create participant' }).click();
  await expect(url).toBeFocused();
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  await expect(url).toHaveAccessibleDescription(
    /The callback URL must start with https:\/\/ or http:\/\/, not ftp:\/\//,
  );
  expect((await api.state()).participants).toHaveLength(before);

  await page.fillNewParticipant({
    audio: false,
    tag: 'monitor-1',
    callbackUrl: 'https://example.com/events',
    addToSession: false,
  });
  await expect(page.createForm).toContainText('Neither: the participant can only receive');
  await page.createForm.getByRole('button', { name: 'Create participant' }).click();
  await expect(page.tokenDialog.dialog).toBeVisible();
  await page.tokenDialog.close.click();
  const created = (await api.state()).participants.find((p) => p.tag === 'monitor-1');
  expect(created?.publishPermissions).toEqual([]);
  expect(created?.callbackUrl).toBe('https://example.com/events');
  // Not added: offered for adding instead.
  await expect(
    page.region.getByRole('button', { name: `Add participant ${created?.id}` }),
  ).toBeVisible();
});

test('removes a participant from the session and adds it again', async ({ console: app }) => {
  const api = new LocalApiClient(app.localApi);
  const state = await api.state();
  const session = state.sessions[0];
  const id = session?.participantIds[0] ?? '';
  if (!session) throw new Error('the demo seed has no call');
  const label = labelsOf(state, session, await app.directory.call(session.id)).get(id) ?? '';
  const page = await openSession(app, session.id);

  await page.askToRemove(label);
  await expect(page.confirm.dialog).toContainText(`${label} is cut off from everyone`);
  await page.confirm.confirmButton('Remove from session').click();
  await expect(page.row(id)).toHaveCount(0);
  await expect(page.notifications).toContainText(`Removed ${label} from the session.`);
  expect((await api.participant(id)).sessions ?? []).toEqual([]);

  await page.region.getByRole('button', { name: `Add participant ${id}` }).click();
  await expect(page.row(id)).toBeVisible();
  expect((await api.participant(id)).sessions).toEqual([session?.id]);

  await page.addById('');
  await expect(page.addForm).toContainText('Enter the id of the participant to add.');
  const { participant } = await api.createParticipant({ tag: 'agent-77aa0000' });
  await page.addById(participant.id);
  await expect(page.row(participant.id)).toBeVisible();
  await expect(page.addId).toHaveValue('');
});

test('explains a participant that is already in another session (409)', async ({
  console: app,
}) => {
  const api = new LocalApiClient(app.localApi);
  const [first, second] = (await api.state()).sessions;
  const elsewhere = second?.participantIds[0] ?? '';
  const page = await openSession(app, first?.id ?? '');
  await page.addById(elsewhere);
  await expect(page.addId).toHaveAccessibleDescription(/\[409\]/);
  await expect(page.addForm).toContainText(`is already in session ${second?.id}`);
  await expect(page.addForm).toContainText(
    'A participant can be in only one session at a time: remove it from its current session first',
  );
  await expect(page.addId).toBeFocused();
});

test('explains the 20-participant limit before the API refuses', async ({ console: app }) => {
  const api = new LocalApiClient(app.localApi);
  const { session } = await api.sessionWith(20, 'full-0020');
  const sessions = new SessionsPage(app.page);
  await sessions.watch(session.id);
  const page = new SessionPage(app.page);
  await expect(page.title).toHaveText('full-0020');
  await page.showParticipants();
  await expect(page.participants.getByRole('row')).toHaveCount(21);
  const reason =
    'This session has 20 participants, the most Bandwidth allows in one session. Remove someone before adding another.';
  await expect(page.addButton).toBeDisabled();
  await expect(page.region).toContainText(reason);
  await expect(page.addId).toHaveAccessibleDescription(new RegExp(reason.replace(/\./g, '\\.')));
  const addBox = page.createForm.getByRole('checkbox', { name: 'Add it to this session' });
  await expect(addBox).toBeDisabled();
  await expect(addBox).toHaveAccessibleDescription(/Not possible now: This session has 20/);
  await expectNoSeriousViolations(app.page, 'full session page');
});

test('shows the refusal when the session filled up since the last look', async ({
  console: app,
}) => {
  const api = new LocalApiClient(app.localApi);
  const slow = await invoke(app.page, 'settings:update', {
    preferences: { pollFastMs: 10_000, pollSlowMs: 300_000 },
  });
  expect(slow.ok).toBe(true);
  const { session } = await api.sessionWith(19, 'almost-0019');
  await new SessionsPage(app.page).watch(session.id);
  const page = new SessionPage(app.page);
  await page.showParticipants();
  await expect(page.participants.getByRole('row')).toHaveCount(20);
  const { participant: twentieth } = await api.createParticipant();
  await api.add(session.id, twentieth.id);
  const { participant } = await api.createParticipant();
  await page.addById(participant.id);
  await expect(page.addForm).toContainText(
    'This session already has 20 participants, the most Bandwidth allows. Remove someone first.',
  );
  expect((await api.participant(participant.id)).sessions ?? []).toEqual([]);
});

test('deletes a participant after a confirmation', async ({ console: app }) => {
  const api = new LocalApiClient(app.localApi);
  const state = await api.state();
  const session = state.sessions[0];
  const id = session?.participantIds[1] ?? '';
  if (!session) throw new Error('the demo seed has no call');
  const label = labelsOf(state, session, await app.directory.call(session.id)).get(id) ?? '';
  const page = await openSession(app, session.id);
  await page.askToDeleteParticipant(label);
  await expect(page.confirm.dialog).toContainText(
    `This deletes participant ${id} from Bandwidth for good.`,
  );
  await page.confirm.confirmButton('Delete participant').click();
  await expect(page.row(id)).toHaveCount(0);
  await expect(page.notifications).toContainText(`Deleted participant ${label}.`);
  expect((await api.state()).participants.some((p) => p.id === id)).toBe(false);
});
