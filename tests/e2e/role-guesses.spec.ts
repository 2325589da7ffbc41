/**
 * Issue 12, item 2: a role only suggested by a tag (a caller tagged `agent-…`) never decides who
 * hears a supervisor without the supervisor seeing it. A whisper relying on it asks, naming the
 * guess in one sentence — from the preset bar and again on redo; assigned roles ask nothing.
 */
import { expect, test } from './support/supervised-call';
import { ConfirmDialog } from './pages/confirm-dialog';
import type { Delivery } from './pages/matrix-page';

// A call outside the call directory: its roles are only what the tags suggest (the demo's calls
// get theirs from the directory, which count as assigned: tests/e2e/directory-names.spec.ts).
test.use({ viewport: { width: 1360, height: 1000 }, outsideDirectory: true });

test('a whisper to a guessed agent asks first, on apply and on redo', async ({
  console: app,
  supervised: { server, m, sessionId, customerId: c, agentId: a, supervisorId: s },
}) => {
  const whispering = (d: Delivery): boolean =>
    d.get(a)?.has(s) === true && d.get(c)?.has(s) === false;

  // Click: the preset bar with the agent focused. Nothing is sent until the guess is confirmed.
  await m.rowHeader(a).focus();
  await m.preset('whisper').click();
  const guess =
    /^Patchbay guessed from the tags that Participant \w+ is the supervisor and that Participant \w+ is the agent; whisper anyway\?$/;
  await expect(m.preview.getByTestId('role-guess')).toHaveText(guess);
  await expect(m.preview.getByRole('button', { name: 'Confirm and send' })).toBeDisabled();
  expect(await server.hears(sessionId, a)).toEqual([c]);
  await m.send({ confirm: true });
  await server.expect(sessionId, whispering, 'whispering after the confirmation');
  await m.settled();

  // Undo, then redo: the redo applies the whisper again, so it asks again.
  await m.undoButton.click();
  await server.expect(sessionId, (d) => d.get(a)?.has(s) === false, 'undone');
  await m.settled();
  await m.redoButton.click();
  const dialog = new ConfirmDialog(app.page);
  // The guess is the dialog's title: the sentence comes first.
  await expect(dialog.dialog.getByRole('heading')).toHaveText(guess);
  expect(await server.hears(sessionId, a)).toEqual([c]);
  await dialog.confirmButton('Redo anyway').click();
  await server.expect(sessionId, whispering, 'whispering again after the redo');
});

test('once the roles are assigned, a whisper asks nothing about them', async ({
  supervised: { server, m, sessionId, agentId: a, supervisorId: s },
}) => {
  // Assigning the role the tag suggested (shown checked) makes it the console's own.
  await m.pick(m.rowHeader(s), /^(✓ )?Supervisor$/);
  await m.pick(m.rowHeader(a), /^(✓ )?Agent$/);
  await m.rowHeader(a).focus();
  await m.preset('whisper').click();
  // Nothing to ask: a whisper to an assigned agent is harmless, so it goes at once.
  await expect(m.preview).toBeHidden();
  await server.expect(sessionId, (d) => d.get(a)?.has(s) === true, 'whispering');
});
