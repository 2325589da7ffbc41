/**
 * The Sessions sidebar against the real console and local API (demo seed, simulation off): the
 * watched sessions with live state, create / watch / find / stop watching / delete, their error
 * paths, the progress indication, keyboard use and the theme.
 */
import { expectNoSeriousViolations } from './helpers/axe';
import { LocalApiClient } from '../support/local-api-client';
import { SessionPage } from './pages/session-page';
import { SessionsPage } from './pages/sessions-page';
import { expect, test } from './support/fixtures';

test('lists the watched demo sessions with state and participant count', async ({
  console: app,
}) => {
  const api = new LocalApiClient(app.localApi);
  const sessions = new SessionsPage(app.page);
  const state = await api.state();
  await expect(sessions.items()).toHaveCount(state.sessions.length);
  for (const session of state.sessions) {
    const count = session.participantIds.length;
    await expect(sessions.session(await app.directory.label(session.id))).toContainText(
      `Live · ${count} participants`,
    );
  }
  // The first session is selected and shown.
  const first = state.sessions[0];
  if (!first) throw new Error('demo seed changed');
  const firstLabel = await app.directory.label(first.id);
  await expect(sessions.session(firstLabel)).toHaveAttribute('aria-current', 'true');
  await expect(new SessionPage(app.page).title).toHaveText(firstLabel);
  await expectNoSeriousViolations(app.page, 'sessions screen (light)');
  await app.page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousViolations(app.page, 'sessions screen (dark)');
});

test('follows the selected session live: joins, unreachable with the reason, ended', async ({
  console: app,
}) => {
  const api = new LocalApiClient(app.localApi);
  const sessions = new SessionsPage(app.page);
  const page = new SessionPage(app.page);
  const first = (await api.state()).sessions[0];
  if (!first) throw new Error('demo seed changed');
  const item = sessions.session(await app.directory.label(first.id));
  const before = first.participantIds.length;
  await expect(item).toContainText(`Live · ${before} participants`);

  const { participant } = await api.createParticipant({ tag: 'agent-0000aaaa' });
  await api.add(first.id, participant.id);
  await expect(item).toContainText(`Live · ${before + 1} participants`);
  await page.showParticipants();
  await expect(page.participants.getByRole('row')).toHaveCount(before + 2); // + header row

  await api.fail({ kind: 'status', status: 500, operation: 'listSessionParticipants' });
  try {
    await expect(item).toContainText('Unreachable', { timeout: 20_000 });
    await expect(item).toContainText('[500]');
    await expect(page.region).toContainText('Patchbay keeps trying');
  } finally {
    await api.clearFaults();
  }
  await expect(item).toContainText('Live', { timeout: 20_000 });

  await api.deleteSession(first.id);
  // An ended call leaves the directory (a snapshot lists only live calls): it is shown by its tag.
  const ended = sessions.session(first.tag ?? first.id);
  await expect(ended).toContainText('Ended: The session no longer exists (ended or deleted).', {
    timeout: 20_000,
  });
  await expect(page.region).toContainText('Stop watching it to remove it from the list.');
});

test('creates a session, with the tag limit and the personal-data warning', async ({
  console: app,
}) => {
  const api = new LocalApiClient(app.localApi);
  const sessions = new SessionsPage(app.page);
  const count = (await api.state()).sessions.length;

  await sessions.typeNewSessionTag('q'.repeat(51));
  await expect(sessions.createTag).toHaveAttribute('aria-invalid', 'true');
  await expect(sessions.createTag).toHaveAccessibleDescription(
    /A tag is at most 50 characters; this one has 51\. Shorten it by 1\./,
  );
  await sessions.createForm.getByRole('button', { name: 'Create session' }).click();
  await expect(sessions.createTag).toBeFocused();
  expect((await api.state()).sessions).toHaveLength(count);

  await sessions.typeNewSessionTag('jane.doe@example.com');
  await expect(sessions.createForm).toContainText(
    'This tag looks like it contains an e-mail address.',
  );
  await sessions.typeNewSessionTag('queue-7f3a9c2e-1b4d-4e5f-8a9b-0c1d2e3f4a5b');
  await expect(sessions.createForm.getByText(/looks like it contains/)).toHaveCount(0);
  await sessions.createForm.getByRole('button', { name: 'Create session' }).click();

  const item = sessions.session('queue-7f3a9c2e');
  await expect(item).toHaveAttribute('aria-current', 'true');
  await expect(new SessionPage(app.page).title).toHaveText(
    'queue-7f3a9c2e-1b4d-4e5f-8a9b-0c1d2e3f4a5b',
  );
  await expect(sessions.notifications).toContainText('Created session “queue-7f3a9c2e');
  await expect(sessions.createTag).toHaveValue('');
  const created = (await api.state()).sessions.find((s) => s.tag?.startsWith('queue-7f3a9c2e'));
  expect(created).toBeDefined();
});

test('a network failure while creating says what to do', async ({ console: app }) => {
  const api = new LocalApiClient(app.localApi);
  const sessions = new SessionsPage(app.page);
  await api.fail({ kind: 'reset', operation: 'createSession' });
  try {
    await sessions.createSession('queue-1');
    await expect(sessions.createForm.getByRole('alert')).toContainText(
      'Check your network connection, then try again.',
    );
  } finally {
    await api.clearFaults();
  }
});

test('shows a progress indication for slow work', async ({ console: app }) => {
  const api = new LocalApiClient(app.localApi);
  const sessions = new SessionsPage(app.page);
  await api.latency({ ms: 1500, operation: 'createSession' });
  try {
    await sessions.createSession('queue-slow');
    await expect(
      sessions.page.getByRole('progressbar', { name: 'Creating session…' }),
    ).toBeVisible();
    await expect(
      sessions.createForm.getByRole('button', { name: 'Create session' }),
    ).toBeDisabled();
    await expect(sessions.session('queue-slow')).toBeVisible();
    await expect(sessions.progress).toHaveCount(0);
  } finally {
    await api.clearFaults();
  }
});

test('watches a session by id, and explains an unknown id', async ({ console: app }) => {
  const api = new LocalApiClient(app.localApi);
  const sessions = new SessionsPage(app.page);

  await sessions.watch('');
  await expect(sessions.watchForm).toContainText('Enter the session id.');
  await sessions.watch('no-such-session');
  await expect(sessions.watchForm.getByLabel('Session id')).toHaveAccessibleDescription(
    /There is no session no-such-session in account \d+ \(it may have ended\)\./,
  );

  const outside = await api.createSession('backend-5d2c');
  await sessions.watch(outside.id);
  await expect(sessions.session('backend-5d2c')).toHaveAttribute('aria-current', 'true');
  await expect(sessions.notifications).toContainText('Now watching “backend-5d2c”.');
  await sessions.watch(outside.id);
  await expect(sessions.notifications).toContainText('Already watching “backend-5d2c”');
  await expect(sessions.session('backend-5d2c')).toHaveCount(1);
});

test("finds a participant's session, and explains when it is in none", async ({ console: app }) => {
  const api = new LocalApiClient(app.localApi);
  const sessions = new SessionsPage(app.page);
  const { session, ids } = await api.sessionWith(1, 'backend-9e01');
  await sessions.discover(ids[0] ?? '');
  await expect(sessions.session('backend-9e01')).toHaveAttribute('aria-current', 'true');
  await expect(new SessionPage(app.page).region).toContainText(session.id);

  const { participant } = await api.createParticipant();
  await sessions.discover(participant.id);
  await expect(sessions.discoverForm).toContainText(
    `Participant ${participant.id} is not in any session. Add the participant to a session first`,
  );
  await sessions.discover('unknown-participant');
  await expect(sessions.discoverForm).toContainText(
    'There is no participant unknown-participant in this account.',
  );
});

test('stops watching a session without ending it', async ({ console: app }) => {
  const api = new LocalApiClient(app.localApi);
  const sessions = new SessionsPage(app.page);
  const page = new SessionPage(app.page);
  const first = (await api.state()).sessions[0];
  const label = first ? await app.directory.label(first.id) : '';
  await expect(page.title).toHaveText(label);
  await page.stopWatching();
  await expect(sessions.session(label)).toHaveCount(0);
  await expect(sessions.notifications).toContainText(`watch it again with its id ${first?.id}`);
  expect((await api.state()).sessions.some((s) => s.id === first?.id)).toBe(true);
});

test('deletes a session after a confirmation naming who is cut off', async ({ console: app }) => {
  const api = new LocalApiClient(app.localApi);
  const sessions = new SessionsPage(app.page);
  const page = new SessionPage(app.page);
  const first = (await api.state()).sessions[0];
  const label = first ? await app.directory.label(first.id) : '';
  await expect(page.title).toHaveText(label);
  await page.showParticipants();
  const names = await page.participants
    .getByRole('rowheader')
    .evaluateAll((cells) => cells.map((c) => c.querySelector('.name')?.textContent ?? ''));
  const listed =
    names.length === 2
      ? names.join(' and ')
      : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

  await page.askToDelete();
  await expect(page.confirm.dialog).toHaveAccessibleName(`Delete the session “${label}”?`);
  await expect(page.confirm.dialog).toContainText(
    `This ends the call for ${names.length} participants: ${listed}.`,
  );
  await expect(page.confirm.cancelButton).toBeFocused();
  await expectNoSeriousViolations(app.page, 'delete-session confirmation');
  await app.page.keyboard.press('Escape');
  await expect(page.confirm.dialog).toHaveCount(0);
  await expect(app.page.getByRole('button', { name: 'Delete session…' })).toBeFocused();

  await page.askToDelete();
  await page.confirm.confirmButton('Delete session').click();
  await expect(sessions.session(label)).toHaveCount(0);
  await expect(sessions.notifications).toContainText(
    `Deleted session “${label}”: the call ended for ${names.length} participants.`,
  );
  expect((await api.state()).sessions.some((s) => s.id === first?.id)).toBe(false);
});

test('works from the keyboard, with a visible focus ring', async ({ console: app }) => {
  const sessions = new SessionsPage(app.page);
  const summary = app.page.getByText('New session', { exact: true });
  await summary.focus();
  await app.page.keyboard.press('Enter');
  await app.page.keyboard.press('Tab');
  await expect(sessions.createTag).toBeFocused();
  const outline = await sessions.createTag.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
  await app.page.keyboard.type('queue-keyboard');
  await app.page.keyboard.press('Enter');
  await expect(sessions.session('queue-keyboard')).toHaveAttribute('aria-current', 'true');

  // The sidebar's calls are one tab stop: the arrow up reaches the one above, Enter opens it.
  const buttons = sessions.list.getByRole('button');
  const last = (await buttons.count()) - 1;
  await buttons.nth(last).focus();
  await app.page.keyboard.press('ArrowUp');
  await app.page.keyboard.press('Enter');
  await expect(buttons.nth(last - 1)).toHaveAttribute('aria-current', 'true');
  await expect(buttons.nth(last)).not.toHaveAttribute('aria-current', 'true');
});

test('follows the theme preference and remembers it', async ({ console: app }) => {
  const sessions = new SessionsPage(app.page);
  const background = (): Promise<string> =>
    app.page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  await app.page.emulateMedia({ colorScheme: 'light' });
  const light = await background();
  await app.page.emulateMedia({ colorScheme: 'dark' });
  const dark = await background();
  expect(dark).not.toBe(light);

  await sessions.themeSelect.selectOption('light');
  await expect(app.page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await background()).toBe(light);
  await app.page.reload();
  await expect(app.page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(sessions.themeSelect).toHaveValue('light');
  expect(await background()).toBe(light);
  await sessions.themeSelect.selectOption('system');
  expect(await background()).toBe(dark);
  // A chosen dark wins over a light system too.
  await app.page.emulateMedia({ colorScheme: 'light' });
  await sessions.themeSelect.selectOption('dark');
  await expect(app.page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background()).toBe(dark);
  await sessions.themeSelect.selectOption('system');
  expect(await background()).toBe(light);
});

test('a lost connection to the console host says how to recover', async ({
  console: app,
  host,
}) => {
  const sessions = new SessionsPage(app.page);
  await expect(sessions.items().first()).toBeVisible();
  await host.stop();
  await sessions.createSession('queue-offline');
  await expect(sessions.createForm.getByRole('alert')).toContainText(
    'Reload the window (or restart Patchbay) to reconnect.',
  );
});
