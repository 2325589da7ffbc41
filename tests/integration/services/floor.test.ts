/**
 * The floor against the Local demo's own directory feed: the composed console lists the demo's
 * calls with their names, follows the feed as calls start and end, and watches every floor call.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FloorState } from '../../../src-main/shared/dto/floor';
import type { SettingsView } from '../../../src-main/shared/dto/settings';
import { LOCAL_DEMO_PROFILE_ID } from '../../../src-main/settings';
import { assertKeyring, keyringGate } from '../../support/keyring';
import { addCloudProfile, startConsole, type TestConsole } from '../../support/reliability/console';

const gate = await keyringGate();

let c: TestConsole | undefined;
afterEach(async () => {
  await c?.close();
  c = undefined;
});

const floorOf = (console: TestConsole): Promise<FloorState> => console.call('floor:get', {});

describe('the floor', () => {
  it("lists the demo's calls with names, queues and who supervises how", async () => {
    c = await startConsole({ localApi: { seed: 'demo' } });
    const console = c;
    await expect.poll(async () => (await floorOf(console)).calls.length).toBe(6);
    const floor = await floorOf(console);
    expect(floor.source).toMatchObject({ kind: 'directory', status: { health: 'ok' } });
    for (const call of floor.calls) {
      expect(call.label).not.toBe('');
      expect(['Billing', 'Technical support', 'Sales', 'Retention']).toContain(call.queue);
      expect(call.people.some((p) => p.role === 'customer')).toBe(true);
      expect(call.people.some((p) => p.role === 'agent')).toBe(true);
    }
    // Every floor call is read, and the supervised one says who supervises, by name.
    await expect
      .poll(async () => (await floorOf(console)).calls.every((call) => call.state === 'live'))
      .toBe(true);
    const supervised = (await floorOf(console)).calls.find((call) => call.supervisors.length > 0);
    const supervisor = supervised?.supervisors[0];
    const listed = supervised?.people.find((p) => p.participantId === supervisor?.participantId);
    expect(supervisor?.name).toBe(listed?.displayName);
    expect(['monitor', 'whisper', 'barge', 'idle']).toContain(supervisor?.mode);
    // The demo's first calls are in the register of watched sessions: read at the slow interval.
    expect(floor.calls.map((call) => call.cadence)).toEqual(Array(6).fill('watched'));
    expect(floor.budget).toMatchObject({ openMs: 1_000, alertMs: 10_000, floorMs: 30_000 });
    expect(floor.budget.requestsPerSecond).toBe(0.6);
  });

  it('an ended call leaves at once into "recently ended", kept for the configured while', async () => {
    c = await startConsole({ localApi: { seed: 'demo' }, recentlyEndedMs: 1_500 });
    const console = c;
    const updates: FloorState[] = [];
    c.composed.events.on('floor:update', (state) => updates.push(state));
    await expect.poll(async () => (await floorOf(console)).calls.length).toBe(6);
    const [ending] = (await floorOf(console)).calls;
    if (!ending) throw new Error('no call on the floor');
    await c.composed.active.current.client.deleteSession({ sessionId: ending.sessionId });
    await expect
      .poll(async () => (await floorOf(console)).recentlyEnded.map((e) => e.sessionId))
      .toEqual([ending.sessionId]);
    const after = await floorOf(console);
    expect(after.calls.map((call) => call.sessionId)).not.toContain(ending.sessionId);
    expect(after.recentlyEnded[0]).toMatchObject({ label: ending.label, queue: ending.queue });
    expect(updates.some((u) => u.recentlyEnded.length === 1)).toBe(true);
    // Opening a call on screen: the floor says at once that it is read fast.
    const [open] = after.calls;
    if (!open) throw new Error('no call left on the floor');
    c.composed.services.sessions.focus(LOCAL_DEMO_PROFILE_ID, open.sessionId);
    expect(updates.at(-1)?.calls.find((x) => x.sessionId === open.sessionId)?.cadence).toBe('open');
    // After the configured while it is gone from the list too, and the floor said so.
    await expect.poll(() => updates.at(-1)?.recentlyEnded.length, { timeout: 10_000 }).toBe(0);
    expect((await floorOf(console)).recentlyEnded).toEqual([]);
  });

  it('a call the simulated contact center starts appears on the floor', async () => {
    c = await startConsole({
      localApi: { seed: 'demo', simulate: { pace: 'fast', tickMs: 200, seed: 5 } },
    });
    const console = c;
    await expect
      .poll(async () => (await floorOf(console)).calls.length, { timeout: 10_000 })
      .toBeGreaterThan(0);
    const first = new Set((await floorOf(console)).calls.map((call) => call.sessionId));
    // A bound for the simulation on a loaded machine, not a speed check.
    await expect
      .poll(async () => (await floorOf(console)).calls.some((call) => !first.has(call.sessionId)), {
        timeout: 30_000,
      })
      .toBe(true);
  });

  it('a call unwatched on the Sessions screen is still read for the floor', async () => {
    c = await startConsole({ localApi: { seed: 'demo' } });
    const console = c;
    await expect.poll(async () => (await floorOf(console)).calls.length).toBe(6);
    const [kept, ending] = (await floorOf(console)).calls;
    if (!kept || !ending) throw new Error('too few calls on the floor');
    const { services, active } = c.composed;
    services.sessions.unwatch(LOCAL_DEMO_PROFILE_ID, kept.sessionId);
    expect(active.current.live.isWatched(kept.sessionId)).toBe(false);
    // The next directory change (another call ends) finds it unwatched and watches it again.
    await active.current.client.deleteSession({ sessionId: ending.sessionId });
    await expect.poll(() => active.current.live.isWatched(kept.sessionId)).toBe(true);
    await expect
      .poll(async () => (await floorOf(console)).calls.find((x) => x.sessionId === kept.sessionId))
      .toMatchObject({ cadence: 'floor', state: 'live' });
  });

  it('a floor call out of the register gets its alerts from the health rules, named by the directory, and is read at the alert cadence until they close', async () => {
    c = await startConsole({ localApi: { seed: 'demo' } });
    const console = c;
    await expect.poll(async () => (await floorOf(console)).calls.length).toBe(6);
    const [call, ending] = (await floorOf(console)).calls;
    if (!call || !ending) throw new Error('too few calls on the floor');
    const { services, active } = c.composed;
    // Out of the register: from now on only the floor watches it (from the next directory change).
    services.sessions.unwatch(LOCAL_DEMO_PROFILE_ID, call.sessionId);
    await active.current.client.deleteSession({ sessionId: ending.sessionId });
    await expect.poll(() => active.current.live.isWatched(call.sessionId)).toBe(true);
    await expect
      .poll(async () => (await floorOf(console)).calls.find((x) => x.sessionId === call.sessionId))
      .toMatchObject({ cadence: 'floor', alerts: [] });

    // Someone outside Patchbay leaves the agent hearing nobody: a broken leg.
    const agent = call.people.find((p) => p.role === 'agent');
    const customer = call.people.find((p) => p.role === 'customer');
    if (!agent || !customer) throw new Error('the demo call has no agent or customer');
    const ref = { sessionId: call.sessionId, participantId: agent.participantId };
    const before = await active.current.client.getParticipantSubscriptions(ref);
    await active.current.client.updateParticipantSubscriptions({
      ...ref,
      subscriptions: { participants: [] },
    });
    // The floor reads this call every 30 s: a refresh stands in for its next read.
    await active.current.live.refresh(call.sessionId);
    await expect
      .poll(async () => (await floorOf(console)).calls.find((x) => x.sessionId === call.sessionId))
      .toMatchObject({ cadence: 'alert' });
    const shown = (await floorOf(console)).calls.find((x) => x.sessionId === call.sessionId);
    expect(shown?.alerts.map((a) => a.text)).toContain(
      `${agent.displayName} cannot hear ${customer.displayName}.`,
    );
    expect(services.alerts.list().alerts.map((a) => a.sessionId)).toContain(call.sessionId);

    // Healed, the state alert closes and the call goes back to the floor's cadence.
    await active.current.client.updateParticipantSubscriptions({ ...ref, subscriptions: before });
    await active.current.live.refresh(call.sessionId);
    await expect
      .poll(async () => {
        const now = (await floorOf(console)).calls.find((x) => x.sessionId === call.sessionId);
        return now?.alerts.some((a) => a.id.startsWith('agent-cannot-hear-customer'));
      })
      .toBe(false);
  });

  it('the supervisor sets how long ended calls stay listed; out of bounds is refused, changing nothing', async () => {
    c = await startConsole({ localApi: { seed: 'demo' } });
    expect((await floorOf(c)).recentlyEndedMs).toBe(10 * 60_000);
    await c.call('settings:update', { preferences: { recentlyEndedMinutes: 30 } });
    expect((await floorOf(c)).recentlyEndedMs).toBe(30 * 60_000);
    for (const recentlyEndedMinutes of [0, 241, 2.5]) {
      await expect(
        c.call('settings:update', { preferences: { recentlyEndedMinutes } }),
      ).rejects.toThrow(/Recently ended/);
    }
    expect((await floorOf(c)).recentlyEndedMs).toBe(30 * 60_000);
    const view = await c.call<SettingsView>('settings:get', {});
    expect(view.preferences.recentlyEndedMinutes).toBe(30);
  });
});

describe.runIf(gate.run)('the floor without a directory', () => {
  it('says so for a profile without one, and lists no calls', async () => {
    assertKeyring(gate);
    c = await startConsole({ localApi: { seed: 'demo' }, verify: async () => ({ ok: true }) });
    const { services } = c.composed;
    const profile = await addCloudProfile(c.composed);
    services.profiles.select(profile.id);
    const floor = await floorOf(c);
    expect(floor).toMatchObject({
      profileId: profile.id,
      source: { kind: 'none', profileName: 'Cloud' },
      calls: [],
      recentlyEnded: [],
    });
  });
});
