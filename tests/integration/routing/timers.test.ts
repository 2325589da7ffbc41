/**
 * Timed routes against the real local API: a timed whisper that reverts, its revert persisted
 * before the first write, a restart that re-schedules or reverts overdue routes, "until I stop",
 * and the conservative fallback when the routing moved on.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { RoutingApplier, TimedRoutes } from '../../../src-main/routing';
import type { RoutingClient, TimedRouteEvent } from '../../../src-main/routing';
import type { Call, Fixture, Harness } from './support';
import { hears, listOf, matrix, perTestWithFixture, set, sorted } from './support';

let h: Harness;
let f: Fixture;
let call: Call;
const open: TimedRoutes[] = [];
perTestWithFixture((scene) => ({ h, call, f } = scene));
// Registered after the fixture's hooks, so it runs first: the routes close before the fixture goes.
afterEach(() => {
  for (const t of open.splice(0)) t.close();
});

function timed(applier: RoutingApplier = f.applier): TimedRoutes {
  const routes = new TimedRoutes({ applier, dir: f.dir, retryDelayMs: 50 });
  open.push(routes);
  return routes;
}

function next(routes: TimedRoutes, type: TimedRouteEvent['type']): Promise<TimedRouteEvent> {
  return new Promise((resolve) => {
    const off = routes.on((event) => {
      if (event.type !== type) return;
      off();
      resolve(event);
    });
  });
}

async function pending(): Promise<unknown[]> {
  const text = await readFile(join(f.dir, 'timed-routes.json'), 'utf8');
  return (JSON.parse(text) as { routes: unknown[] }).routes;
}

const whisper = (): { type: 'whisper'; supervisorId: string } => ({
  type: 'whisper',
  supervisorId: call.s,
});

describe('timed routes', () => {
  it('a timed whisper reverts by itself', async () => {
    const routes = timed();
    const start = matrix(h, call.sessionId);
    const added = next(routes, 'added');
    const t0 = Date.now();
    const result = await routes.applyTimed(call.sessionId, whisper(), { durationMs: 300 });
    expect(result).toMatchObject({ ok: true });
    if (!result.ok) return;
    expect(await added).toMatchObject({ route: { id: result.timer.id } });
    expect(hears(h, call.sessionId, call.a)).toEqual(sorted(call.c, call.s));
    expect(hears(h, call.sessionId, call.c)).toEqual([call.a]);
    expect(routes.list()).toEqual([
      expect.objectContaining({ id: result.timer.id, sessionId: call.sessionId }),
    ]);
    expect(result.timer.endsAt).toBeGreaterThanOrEqual(t0 + 300);
    expect(result.timer.label).toMatch(/whispers to the agents$/);
    expect(await pending()).toHaveLength(1);

    const reverted = await next(routes, 'reverted');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
    expect(reverted).toMatchObject({ how: 'undone', route: { id: result.timer.id } });
    // Its time was up: nobody stopped it (the renderer tells this end, not a stop).
    expect(reverted).not.toHaveProperty('stopped');
    expect(matrix(h, call.sessionId)).toEqual(start);
    expect(routes.list()).toEqual([]);
    expect(await pending()).toEqual([]);
    expect(f.applier.history(call.sessionId).canUndo).toBe(false);
    const last = (await f.entries()).at(-1);
    expect(last).toMatchObject({ outcome: 'applied', intent: { type: 'revert' } });
  });

  it('persists the revert before the first write is sent', async () => {
    const seenOnDisk: number[] = [];
    const client: RoutingClient = {
      ...h.client,
      listSessionParticipants: (r) => h.client.listSessionParticipants(r),
      async updateParticipantSubscriptions(r) {
        seenOnDisk.push((await pending()).length);
        await h.client.updateParticipantSubscriptions(r);
      },
    };
    const applier = new RoutingApplier({
      client,
      audit: f.audit,
      profileId: 'p',
      accountId: h.api.accountId,
      roles: (id) => h.roles.get(id) ?? {},
    });
    const result = await timed(applier).applyTimed(call.sessionId, whisper(), {
      untilStopped: true,
    });
    expect(result).toMatchObject({ ok: true });
    expect(seenOnDisk).toEqual([1, 1]);
  });

  it('a restarted console re-schedules a pending revert and carries it out', async () => {
    const start = matrix(h, call.sessionId);
    const first = timed();
    const result = await first.applyTimed(call.sessionId, whisper(), { durationMs: 300 });
    expect(result.ok).toBe(true);
    first.close(); // the crash: discarded without reverting

    const applier = new RoutingApplier({
      client: h.client,
      audit: f.audit,
      profileId: 'p',
      accountId: h.api.accountId,
      roles: (id) => h.roles.get(id) ?? {},
    });
    const second = timed(applier);
    const reverted = next(second, 'reverted');
    expect(await second.restore()).toEqual({ scheduled: 1, reverted: 0, failed: 0, warnings: [] });
    expect(second.list()).toHaveLength(1);
    expect(hears(h, call.sessionId, call.a)).toEqual(sorted(call.c, call.s));
    expect(await reverted).toMatchObject({ how: 'undone' });
    expect(matrix(h, call.sessionId)).toEqual(start);
    expect(await pending()).toEqual([]);
  });

  it('a restarted console reverts an overdue route at once', async () => {
    const start = matrix(h, call.sessionId);
    const first = timed();
    await first.applyTimed(call.sessionId, whisper(), { durationMs: 100 });
    first.close();
    await sleep(150);
    const second = timed();
    expect(await second.restore()).toMatchObject({ scheduled: 0, reverted: 1, failed: 0 });
    expect(matrix(h, call.sessionId)).toEqual(start);
    expect(second.list()).toEqual([]);
  });

  it('"until I stop" waits for stop()', async () => {
    const start = matrix(h, call.sessionId);
    const routes = timed();
    const result = await routes.applyTimed(
      call.sessionId,
      { type: 'monitor', supervisorId: call.s },
      { untilStopped: true },
    );
    if (!result.ok) throw new Error(result.message);
    expect(result.timer.endsAt).toBeNull();
    await sleep(50);
    expect(hears(h, call.sessionId, call.s)).toEqual(sorted(call.a, call.c));
    const reverted = next(routes, 'reverted');
    expect(await routes.stop(result.timer.id)).toEqual({
      ok: true,
      how: 'undone',
      entrySeq: expect.any(Number),
    });
    expect(await reverted).toMatchObject({ how: 'undone', stopped: true });
    expect(matrix(h, call.sessionId)).toEqual(start);
    expect(await routes.stop(result.timer.id)).toMatchObject({ ok: false, code: 'unknown-timer' });
  });

  it('after a conflicting change, ending falls back to ending the supervision', async () => {
    const routes = timed();
    const result = await routes.applyTimed(call.sessionId, whisper(), { untilStopped: true });
    if (!result.ok) throw new Error(result.message);
    // Someone else narrows the supervisor to hearing only the agent: a cell the whisper set.
    await set(h, call.sessionId, call.s, listOf(call.sessionId, call.a));
    expect(await routes.stop(result.timer.id)).toMatchObject({
      ok: true,
      how: 'ended-supervision',
    });
    expect(hears(h, call.sessionId, call.s)).toEqual([]);
    expect(hears(h, call.sessionId, call.a)).toEqual([call.c]);
    expect(hears(h, call.sessionId, call.c)).toEqual([call.a]);
  });

  it('a route already taken back by undo ends without writing', async () => {
    const routes = timed();
    const result = await routes.applyTimed(call.sessionId, whisper(), { untilStopped: true });
    if (!result.ok) throw new Error(result.message);
    await f.applier.undo(call.sessionId);
    h.api.control.resetStats();
    expect(await routes.stop(result.timer.id)).toMatchObject({
      ok: true,
      how: 'already-reverted',
    });
    expect(h.api.control.stats().updateParticipantSubscriptions).toBe(0);
  });

  it('retries a revert that failed for a passing reason', async () => {
    const routes = timed();
    const result = await routes.applyTimed(call.sessionId, whisper(), { durationMs: 100 });
    if (!result.ok) throw new Error(result.message);
    h.api.control.addFailure({ kind: 'status', status: 500, operation: 'listSessionParticipants' });
    const failed = await next(routes, 'failed');
    expect(failed).toMatchObject({ willRetry: true });
    h.api.control.clearFaults();
    expect(await next(routes, 'reverted')).toMatchObject({ how: 'undone' });
    expect(hears(h, call.sessionId, call.a)).toEqual([call.c]);
  });

  it('refuses a bad duration and a timed move, writing nothing', async () => {
    const routes = timed();
    const bad = await routes.applyTimed(call.sessionId, whisper(), { durationMs: -5 });
    expect(bad).toMatchObject({ ok: false, code: 'invalid-duration' });
    const move = await routes.applyTimed(
      call.sessionId,
      { type: 'move', participantId: call.c, toSessionId: 'elsewhere' },
      { durationMs: 1_000 },
    );
    expect(move).toMatchObject({ ok: false, code: 'invalid-intent' });
    expect(routes.list()).toEqual([]);
  });

  it('a refused timed route leaves nothing pending', async () => {
    const routes = timed();
    const result = await routes.applyTimed(
      call.sessionId,
      { type: 'subscribe', receiverId: call.c, publisherId: call.s },
      { durationMs: 1_000 },
    );
    expect(result).toMatchObject({ ok: false, code: 'guardrail' });
    expect(routes.list()).toEqual([]);
  });
});
