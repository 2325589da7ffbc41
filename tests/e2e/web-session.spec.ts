/**
 * The web sign-in from the supervisor's seat: a second window gets its own one-time link from
 * inside the console, "Sign out" ends the sign-in in every window and says so, a lost connection
 * says until when the sign-in waits, and the time limit is announced politely before it ends the
 * sign-in, saying why — never a silent drop. Each window keeps its own token in its own tab.
 */
import type WebSocket from 'ws';
import { WS_PATH } from '../../src-main/shared/ws-protocol';
import { openSocket } from '../support/reliability/web-host';
import { handshake } from './helpers/socket';
import { startClockedHost } from './support/clocked-host';
import { expect, signIn, tabToken, test } from './support/fixtures';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

test('a second window signs in with its own one-time link, minted inside the console', async ({
  console: app,
  host,
  browser,
}) => {
  const page = app.page;
  await page.getByRole('button', { name: 'New window' }).click();
  const link = page.getByRole('link', { name: 'Open in a new window' });
  await expect(link).toBeFocused();
  await expect(page.getByRole('group', { name: 'Link for a new window' })).toContainText(
    'the link works once',
  );
  const href = (await link.getAttribute('href')) ?? '';
  expect(href).toMatch(new RegExp(`^${host.origin}/#secret=[\\w-]{43}$`));
  const [second] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
  await expect(second.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(second).toHaveURL(`${host.origin}/`);
  await expect(link).toHaveCount(0);
  expect(await tabToken(second)).toMatch(/^[\w-]{43}$/);
  expect(await tabToken(second)).not.toBe(await tabToken(page));
  await expect(second.getByTestId('active-profile')).toHaveText('Local demo');

  // The same link, opened anywhere else afterwards, is spent.
  const elsewhere = await browser.newContext();
  const replay = await elsewhere.newPage();
  await replay.goto(href);
  await expect(
    replay.getByRole('heading', { name: 'This sign-in link does not work any more' }),
  ).toBeVisible();
  await elsewhere.close();
  await second.close();
});

test('"Sign out" ends the sign-in in every window, says so, and the next printed link works', async ({
  console: app,
  host,
}) => {
  const page = app.page;
  await page.getByRole('button', { name: 'New window' }).click();
  const [second] = await Promise.all([
    page.context().waitForEvent('page'),
    page.getByRole('link', { name: 'Open in a new window' }).click(),
  ]);
  await expect(second.getByRole('button', { name: 'Sign out' })).toBeVisible();
  const tokens = [await tabToken(page), await tabToken(second)];

  await page.getByRole('button', { name: 'Sign out' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign out of Patchbay?' });
  await expect(dialog).toContainText('Every window of this sign-in disconnects now');
  await dialog.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Signed out', exact: true })).toBeVisible();
  await expect(
    second.getByRole('heading', { name: 'Signed out from another window' }),
  ).toBeVisible();
  await expect(page.getByText('Calls and their routing keep running')).toBeVisible();
  expect(await tabToken(page)).toBe('');
  expect(await tabToken(second)).toBe('');
  // Neither token opens the bridge any more, from anywhere.
  const ws = `${host.origin.replace('http', 'ws')}${WS_PATH}`;
  for (const token of tokens) {
    const attempt = await handshake(ws, { Origin: host.origin }, { type: 'resume', token });
    expect(attempt.answer).toMatchObject({ type: 'refused', ended: 'signed-out' });
  }
  // A reload does not bring the console back; the link the host printed next does, once.
  await page.reload();
  await expect(
    page.getByRole('heading', { name: 'Open Patchbay from its sign-in link' }),
  ).toBeVisible();
  await expect.poll(() => host.links.length).toBe(1);
  await signIn(page, host.links[0] ?? '', host.origin);
  await second.close();
});

test('a lost connection says it is reconnecting and until when the sign-in waits', async ({
  console: app,
  host,
}) => {
  await host.stop();
  const notice = app.page.getByRole('status', { name: 'Sign-in' });
  await expect(notice).toContainText('Lost the connection to the console host; reconnecting…');
  await expect(notice).toContainText(/stays valid until \d{1,2}:\d{2}/);
});

test('the time limit is announced politely beforehand, then ends the sign-in saying why', async ({
  page,
}) => {
  const host = await startClockedHost({ absoluteMs: 12 * HOUR, warnBeforeMs: 30 * MINUTE });
  try {
    await signIn(page, host.loginUrl, host.origin);
    await page.getByRole('button', { name: 'Sessions' }).focus();
    host.clock.advance(11 * HOUR + 30 * MINUTE);
    const notice = page.getByRole('status', { name: 'Sign-in' });
    await expect(notice).toContainText(
      /This sign-in ends at \d{1,2}:\d{2}(\s?[AP]M)? \(in (29|30) minutes\)/,
    );
    await expect(notice).toContainText(
      'open the new sign-in link printed in the web host’s terminal',
    );
    await expect(page.getByRole('button', { name: 'Sessions' })).toBeFocused();
    expect(host.links).toHaveLength(1);
    // It can shrink out of the way, and comes back in full on request.
    await notice.getByRole('button', { name: 'Hide this notice' }).click();
    await notice.getByRole('button', { name: 'Sign-in ends soon (show the details)' }).click();
    await expect(notice).toContainText('its time limit');
    // The console keeps working through the warning.
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

    host.clock.advance(30 * MINUTE);
    await expect(
      page.getByRole('heading', { name: 'This sign-in reached its time limit' }),
    ).toBeVisible();
    // The link printed at the warning starts a fresh sign-in.
    await signIn(page, host.links[0] ?? '', host.origin);
  } finally {
    await host.stop();
  }
});

test('each sign-in holds at most four sockets; a fifth is refused and the console keeps its own', async ({
  console: app,
}) => {
  const token = await tabToken(app.page);
  const ws = `${app.url.replace('http', 'ws')}${WS_PATH}`;
  const held: WebSocket[] = [];
  for (let i = 0; i < 3; i += 1) {
    held.push((await openSocket(app.url, { type: 'resume', token })).socket);
  }
  const fifth = await handshake(ws, { Origin: app.url }, { type: 'resume', token });
  expect(fifth.answer).toMatchObject({ type: 'refused', reason: 'too-many-sockets' });
  await expect(app.page.getByTestId('active-profile')).toHaveText('Local demo');
  for (const socket of held) socket.close();
});
