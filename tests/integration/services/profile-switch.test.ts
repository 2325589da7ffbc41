/**
 * The active profile switch through the composed services (no dispatcher): what a profile holds
 * (client, watchers, routing, timed routes) stays correct when the supervisor switches accounts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TimedRouteEvent } from '../../../src-main/routing';
import { LOCAL_DEMO_PROFILE_ID } from '../../../src-main/settings';
import type { SessionView } from '../../../src-main/shared/dto/session-view';
import { assertKeyring, keyringGate } from '../../support/keyring';
import { addCloudProfile, startConsole, type TestConsole } from '../../support/reliability/console';

const gate = await keyringGate();
const DEMO = LOCAL_DEMO_PROFILE_ID;

let c: TestConsole | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

describe.runIf(gate.run)('the active profile switch', () => {
  it('a timed whisper started on one profile reverts after switching to another', async () => {
    assertKeyring(gate);
    c = await startConsole({ localApi: { seed: 'demo' }, verify: async () => ({ ok: true }) });
    const { services, events, localApi } = c.composed;
    const timerEvents: TimedRouteEvent[] = [];
    events.on('routing:timer', (e) => timerEvents.push(e));
    const subscriptions = (): unknown =>
      localApi.control.state().participants.map((p) => [p.id, p.subscriptions]);

    const views: SessionView[] = await Promise.all(
      services.sessions.list().map((s) => services.sessions.refresh(s.id)),
    );
    const call = views.find((v) => v.participants.some((p) => p.role === 'supervisor'));
    const supervisor = call?.participants.find((p) => p.role === 'supervisor');
    if (!call || !supervisor) throw new Error('the demo has no supervised call');
    const before = subscriptions();

    const applied = await services.routing.apply(
      DEMO,
      call.id,
      { type: 'whisper', supervisorId: supervisor.id },
      { durationMs: 1_000, confirmedViolations: true },
    );
    expect(applied).toMatchObject({ ok: true });
    expect(subscriptions()).not.toEqual(before);

    const other = await addCloudProfile(c.composed);
    expect(services.profiles.select(other.id).activeId).toBe(other.id);
    expect(await services.routing.timers()).toEqual([]);

    await expect
      .poll(() => timerEvents.find((e) => e.type !== 'added'), { timeout: 10_000 })
      .toMatchObject({ type: 'reverted', how: 'undone' });
    expect(subscriptions()).toEqual(before);
    // What the Local demo's screen would still ask is refused, naming the switch.
    await expect(services.routing.undo(DEMO, call.id)).rejects.toMatchObject({
      code: 'profile-changed',
    });
    expect(() => services.sessions.unwatch(DEMO, call.id)).toThrow(/is the active profile now/);
  });
});
