/**
 * Issue 15: presets need no focused participant when the call leaves one choice (one supervisor,
 * one agent), the active mode shows on its chip (aria-pressed), and Undo / Redo name what they
 * will do — disabled, with the reason, when there is nothing to undo or redo.
 */
import { escapeRegExp } from './helpers/text';
import { expect, test } from './support/supervised-call';

test.use({ viewport: { width: 1360, height: 1000 } });

test('a preset with nobody focused goes to the only supervisor and agent; its chip is pressed; Undo and Redo say what', async ({
  supervised: { server, m, sessionId, customerId: c, agentId: a, supervisorId: s, labels },
}) => {
  const sup = labels.get(s) ?? '?';
  const agent = labels.get(a) ?? '?';
  // Nothing focused yet: the bar names the one supervisor it acts for.
  await expect(m.presets).toContainText(`Presets for ${sup} (the only supervisor)`);
  await expect(m.preset('monitor')).toHaveAttribute('aria-pressed', 'true');
  await expect(m.preset('whisper')).toHaveAttribute('aria-pressed', 'false');
  await expect(m.undoButton).toBeDisabled();
  await expect(m.undoButton).toHaveAccessibleDescription('Nothing to undo');
  await expect(m.redoButton).toBeDisabled();

  await m.preset('whisper').click();
  const whisper = `${sup} whispers to ${agent}`;
  // Whether it asks first is the confirmation rule's business; when it does, it names the two.
  const asked = await m.preview
    .waitFor({ state: 'visible', timeout: 3_000 })
    .then(() => true)
    .catch(() => false);
  if (asked) {
    await expect(m.preview).toContainText(whisper);
    await m.send();
  }
  await server.expect(
    sessionId,
    (d) => d.get(a)?.has(s) === true && d.get(c)?.has(s) !== true,
    'the supervisor whispers to the agent only',
  );
  await expect(m.preset('whisper')).toHaveAttribute('aria-pressed', 'true');
  await expect(m.preset('monitor')).toHaveAttribute('aria-pressed', 'false');
  await expect(m.undoButton).toHaveAccessibleName(`Undo: ${whisper}`);
  await expect(m.undoButton).toBeEnabled();
  await expect(m.redoButton).toBeDisabled();
  await expect(m.redoButton).toHaveAccessibleDescription('Nothing to redo');

  await m.undoButton.click();
  await expect(m.preset('monitor')).toHaveAttribute('aria-pressed', 'true');
  await expect(m.redoButton).toHaveAccessibleName(new RegExp(`^Redo: ${escapeRegExp(whisper)}`));
  await expect(m.redoButton).toBeEnabled();

  // A preset about one participant asks whom, by name.
  await m.preset('hold').click();
  await expect(m.banner).toContainText('Hold: choose whom');
  await expect(m.banner).toContainText(`which participant — `);
  await expect(m.banner).toContainText(agent);
});
