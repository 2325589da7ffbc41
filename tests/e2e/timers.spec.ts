/**
 * Issue 15, timers: the timer choice is for the next change only (a timed whisper, then a Monitor
 * that is not timed); a timed route's end is told in a notice naming the call and what ended, even
 * when another call is open; running timed routes count down on the floor, call by call.
 */
import type { Page } from '@playwright/test';
import type { TimedRouteView } from '../../src-main/shared/dto/timers';
import { invoke } from './helpers/bridge';
import { LocalApiClient } from '../support/local-api-client';
import { FloorPage } from './pages/floor-page';
import { demoCalls, type DemoCall, type MatrixPage } from './pages/matrix-page';
import { expect, test } from './support/supervised-call';

test.use({ viewport: { width: 1360, height: 1000 } });

const PROFILE = 'local-demo';

/** Sends the change under review when the console asks first (whether it asks is not ours here). */
async function sendIfAsked(m: MatrixPage): Promise<void> {
  const asked = await m.preview
    .waitFor({ state: 'visible', timeout: 3_000 })
    .then(() => true)
    .catch(() => false);
  if (asked) await m.send();
}

async function timers(page: Page): Promise<TimedRouteView[]> {
  const result = await invoke(page, 'routing:timers', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value as TimedRouteView[];
}

/** A timed mute on another call of the floor (as another window of the console would start one). */
async function timedMuteElsewhere(page: Page, call: DemoCall, durationMs: number): Promise<void> {
  const result = await invoke(page, 'routing:apply', {
    profileId: PROFILE,
    sessionId: call.sessionId,
    intent: { type: 'mute', publisherId: call.customerId, receiverId: call.agentId },
    durationMs,
    // The agent stops hearing the customer: a risky result, confirmed like the review would.
    confirmedViolations: true,
  });
  expect(result).toMatchObject({ ok: true, value: { ok: true } });
}

test('the timer is for the next change only: a timed whisper, then a Monitor that is not timed', async ({
  console: app,
  supervised: { m, sessionId, supervisorId: s },
}) => {
  await m.timerChoice.selectOption('30s');
  await expect(m.preset('whisper')).toContainText('30 s');
  await m.rowHeader(s).focus();
  await app.page.keyboard.press('w');
  await sendIfAsked(m);
  await expect(m.timers).toContainText(/ends in 0:[0-3]\d/);
  // The choice went with the whisper: the bar is back to no timer, the chip says no duration.
  await expect(m.timerChoice).toHaveValue('none');
  await expect(m.preset('monitor')).not.toContainText('30 s');

  await m.rowHeader(s).focus();
  await app.page.keyboard.press('m');
  await sendIfAsked(m);
  await expect(m.supervision).toContainText('is monitoring');
  await m.settled();
  // Only the whisper is timed, in main as on the screen.
  const running = (await timers(app.page)).filter((t) => t.sessionId === sessionId);
  expect(running.map((t) => t.intent.type)).toEqual(['whisper']);
  await expect(m.timers.getByRole('listitem')).toHaveCount(1);
});

test('a timed route that ends on another call is told, naming the call and what ended', async ({
  console: app,
  supervised: { sessionId, label },
}) => {
  const calls = await demoCalls(new LocalApiClient(app.localApi), app.directory);
  const other = calls.find((c) => c.sessionId !== sessionId && c.customerId && c.agentId);
  if (!other) throw new Error('the demo has no second call with a customer and an agent');
  await timedMuteElsewhere(app.page, other, 2_000);
  const notice = new FloorPage(app.page).notifications;
  await expect(notice).toContainText(`Time is up on “${other.label}”: “`, { timeout: 15_000 });
  await expect(notice).toContainText('ended after 2 s. The routing is back as it was.');
  // The open call is still the one on screen.
  await expect(app.page.getByRole('heading', { level: 2, name: label })).toBeVisible();
});

test.describe('on the floor', () => {
  test.use({ startOnFloor: true });

  test('each call shows its running timed routes with a countdown', async ({ console: app }) => {
    const floor = new FloorPage(app.page);
    const calls = await demoCalls(new LocalApiClient(app.localApi), app.directory);
    const call = calls.find((c) => c.customerId && c.agentId);
    if (!call) throw new Error('the demo has no call with a customer and an agent');
    await expect(floor.call(call.sessionId)).toBeVisible();
    await timedMuteElsewhere(app.page, call, 120_000);
    const timer = floor.call(call.sessionId).getByTestId('floor-timer');
    await expect(timer).toContainText(/^Mute .+ for .+/);
    await expect(timer).toContainText(/[01]:\d\d left/);
    // It counts down while the floor is on screen.
    const first = await timer.textContent();
    await expect.poll(() => timer.textContent(), { timeout: 5_000 }).not.toBe(first);
    // Other calls show none.
    const others = calls.filter((c) => c.sessionId !== call.sessionId);
    for (const c of others)
      await expect(floor.call(c.sessionId).getByTestId('floor-timer')).toHaveCount(0);
  });
});
