/**
 * Issue 12, item 8: labels and tags with bidirectional or control characters are shown safely.
 * `agent-\u202Eexe.txt` used to display as "agent-txt.exe"; now the override is written out.
 */
import { expect, test } from './support/fixtures';
import { LocalApiClient } from '../support/local-api-client';
import { SessionPage } from './pages/session-page';
import { SessionsPage } from './pages/sessions-page';

const OVERRIDE = '\u202e';

test('a session label and a participant tag with a right-to-left override read as stored', async ({
  console: app,
}) => {
  const api = new LocalApiClient(app.localApi);
  const session = await api.createSession(`agent-${OVERRIDE}exe.txt`);
  const { participant } = await api.createParticipant({
    // The local API refuses C0/C1 controls in tags (issue 12, item 4): the bidi override is what an
    // API that takes any text could still hand the console. (Control characters on screen are
    // covered by tests/unit/renderer/safe-display.test.ts.)
    tag: `customer-${OVERRIDE}fdp.exe`,
    publishPermissions: ['AUDIO'],
  });
  await api.add(session.id, participant.id);

  const sessions = new SessionsPage(app.page);
  await sessions.watch(session.id);
  const item = sessions.session('agent-\\u202eexe.txt');
  await expect(item).toBeVisible();
  expect(await item.textContent()).not.toContain(OVERRIDE);

  const heading = app.page.getByRole('heading', { level: 2, name: /^agent-/ });
  await expect(heading).toHaveText('agent-\\u202eexe.txt');
  await new SessionPage(app.page).showParticipants();
  await expect(app.page.getByRole('cell', { name: /^customer-/ })).toHaveText(
    'customer-\\u202efdp.exe',
  );
  // Nothing on the page carries the raw characters (if something does, the failure shows where).
  const body = await app.page.locator('body').innerText();
  for (const raw of [OVERRIDE, '\u0007']) {
    const at = body.indexOf(raw);
    expect(at === -1 ? null : body.slice(Math.max(0, at - 80), at + 20)).toBeNull();
  }
});
