/**
 * Suite 2 — network loss. A composed console watches the Local demo's calls (the local API persists
 * to a data folder). The API is stopped: every watched session turns "unreachable", the watchers
 * back off (growing gaps between failed polls instead of polling at the normal rate), and a routing
 * change tried meanwhile writes nothing and says why. The API is restarted on the same port from
 * its data folder, and someone else changes a call before the console notices: without restarting
 * the console, every session turns live again, resynchronises to exactly what the server holds
 * (the outside change shown as external), and no write is ever sent twice — the server counts no
 * PUT from the console after the restart other than the next change the supervisor makes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBandwidthClient } from '../../../src-main/bandwidth';
import { subscriptionsKey } from '../../../src-main/live';
import { createLocalApi, type LocalApi } from '../../../src-main/local-api';
import type { ApplyResult } from '../../../src-main/routing';
import { LOCAL_DEMO_PROFILE_ID } from '../../../src-main/settings';
import type { SessionView } from '../../../src-main/shared/dto/session-view';
import { startConsole, type TestConsole } from '../../support/reliability/console';
import { report, since, until } from '../../support/reliability/report';

const OUTAGE_MS = 3_500;

let console_: TestConsole | undefined;
let restarted: LocalApi | undefined;
let apiDir: string | undefined;

afterAll(async () => {
  await console_?.close();
  await restarted?.close();
  if (apiDir) await rm(apiDir, { recursive: true, force: true });
});

const isListOf = (url: string, sessionId: string): boolean =>
  url.endsWith(`/sessions/${sessionId}/participants`);
const isWrite = (method: string): boolean => method === 'PUT' || method === 'DELETE';

describe('reliability: the API goes away and comes back', () => {
  it(
    'shows unreachable, backs off, recovers and resyncs without a restart or a duplicated write',
    { timeout: 60_000 },
    async () => {
      const started = performance.now();
      apiDir = await mkdtemp(join(tmpdir(), 'patchbay-netloss-api-'));
      const c = await startConsole({
        localApi: { seed: 'demo', dataDir: apiDir, port: 0 },
        // The watchers own the backoff; the client under them does not retry (requests countable).
        client: { retryLimit: 0, timeoutMs: 1_000 },
      });
      console_ = c;
      const api = c.composed.localApi;
      const port = Number(new URL(api.url).port);
      await c.call('settings:update', { preferences: { pollFastMs: 500, pollSlowMs: 1_000 } });
      const listed = await c.call<SessionView[]>('sessions:list', {});
      const ids = listed.map((s) => s.id);
      const views = await Promise.all(
        ids.map((sessionId) => c.call<SessionView>('sessions:refresh', { sessionId })),
      );
      const supervised = views.find((v) => v.participants.some((p) => p.role === 'supervisor'));
      const focused = views.find((v) => v !== supervised);
      if (!supervised || !focused) throw new Error('the demo seed has no supervised call');
      const supervisor = supervised.participants.find((p) => p.role === 'supervisor');
      if (!supervisor) throw new Error('no supervisor');
      const profileId = LOCAL_DEMO_PROFILE_ID;
      await c.call('sessions:focus', { profileId, sessionId: focused.id });

      // A change before the outage: its PUTs are the only writes the console has made so far.
      const plannedWrites: number[] = [];
      const whisper = await c.call<ApplyResult>('routing:apply', {
        profileId,
        sessionId: supervised.id,
        intent: { type: 'whisper', supervisorId: supervisor.id },
        // The demo's roles are suggested by its tags: the whisper is confirmed as the user would.
        confirmedViolations: true,
      });
      expect(whisper).toMatchObject({ ok: true });
      if (whisper.ok) plannedWrites.push(whisper.plan.writes.length);

      // The outage.
      const updatesBefore = c.updates.length;
      const outageStart = performance.now();
      await api.close();
      await until(
        () =>
          ids.every((id) =>
            c.updates
              .slice(updatesBefore)
              .some((u) => u.event.session.id === id && u.event.session.state === 'unreachable'),
          ),
        'every watched session to be shown unreachable',
        // Within a few slow intervals (1 s, set above): the new poll intervals apply to sessions
        // already watched, not only to those watched after the change.
        5_000,
      );
      const unreachableAfter = (performance.now() - outageStart) / 1000;
      const during = await c.call<ApplyResult>('routing:apply', {
        profileId,
        sessionId: supervised.id,
        intent: { type: 'endSupervision', supervisorId: supervisor.id },
      });
      expect(during).toMatchObject({ ok: false, code: 'read-failed' });
      if (!during.ok) expect(during.message).toMatch(/nothing was changed/i);
      const remaining = OUTAGE_MS - (performance.now() - outageStart);
      if (remaining > 0) await new Promise((resolve) => setTimeout(resolve, remaining));

      // Back on the same port, from the data folder; someone else changes a call at once.
      restarted = await createLocalApi({ dataDir: apiDir, port, password: api.password });
      const restartAt = performance.now();
      const outageSeconds = (restartAt - outageStart) / 1000;
      const outsider = createBandwidthClient({
        baseUrl: restarted.baseUrl,
        accountId: restarted.accountId,
        credentials: () => ({ username: api.username, password: api.password }),
      });
      const [receiver, publisher] = focused.participants;
      if (!receiver || !publisher) throw new Error('the focused call has fewer than two members');
      const held = restarted.control.state().participants.find((p) => p.id === receiver.id);
      const outsideSubs =
        subscriptionsKey(held?.subscriptions) === 'none' ? { sessionId: focused.id } : {};
      await outsider.updateParticipantSubscriptions({
        sessionId: focused.id,
        participantId: receiver.id,
        subscriptions: outsideSubs,
      });
      restarted.control.resetStats();
      const updatesAtRestart = c.updates.length;
      await until(
        () =>
          ids.every((id) =>
            c.updates
              .slice(updatesAtRestart)
              .some((u) => u.event.session.id === id && u.event.session.state === 'live'),
          ),
        'every watched session to be live again',
        20_000,
      );
      const recoveredAfter = (performance.now() - restartAt) / 1000;

      // Resynchronised: every session shows exactly what the server holds.
      const server = restarted.control.state();
      let resynced = 0;
      for (const id of ids) {
        const view = await c.call<SessionView>('sessions:refresh', { sessionId: id });
        const members = server.sessions.find((s) => s.id === id)?.participantIds ?? [];
        const shown = view.participants.map((p) => `${p.id}=${subscriptionsKey(p.subscriptions)}`);
        const held = members.map((pid) => {
          const subs = server.participants.find((p) => p.id === pid)?.subscriptions;
          return `${pid}=${subscriptionsKey(subs)}`;
        });
        if (JSON.stringify(shown.sort()) === JSON.stringify(held.sort())) resynced += 1;
      }
      const outsideSeen = c.updates
        .slice(updatesAtRestart)
        .flatMap((u) => u.event.changes)
        .find((change) => change.participantId === receiver.id);
      const consoleWritesAfterRestart =
        restarted.control.stats().updateParticipantSubscriptions +
        restarted.control.stats().addParticipantToSession +
        restarted.control.stats().removeParticipantFromSession;

      // The supervisor's next change goes through once, exactly its plan.
      const after = await c.call<ApplyResult>('routing:apply', {
        profileId,
        sessionId: supervised.id,
        intent: { type: 'endSupervision', supervisorId: supervisor.id },
      });
      expect(after).toMatchObject({ ok: true });
      if (after.ok) plannedWrites.push(after.plan.writes.length);
      const serverPuts = restarted.control.stats().updateParticipantSubscriptions;
      const sentWrites = c.requests.filter((r) => isWrite(r.method)).length;
      const expectedWrites = plannedWrites.reduce((a, b) => a + b, 0);

      // Backoff on the focused (fast-polled) session: failed polls and the gaps between them.
      const failed = c.requests.filter(
        (r) =>
          r.method === 'GET' &&
          isListOf(r.url, focused.id) &&
          r.sentAt >= outageStart &&
          r.sentAt < restartAt,
      );
      const gaps = failed.slice(1).map((r, i) => (r.sentAt - (failed[i]?.sentAt ?? 0)) / 1000);
      const withoutBackoff = Math.floor((restartAt - outageStart) / 500);

      report(
        'network loss',
        `outage ${outageSeconds.toFixed(1)} s over ${ids.length} watched sessions; unreachable ` +
          `after ${unreachableAfter.toFixed(2)} s; focused session: ${failed.length} failed polls ` +
          `(${withoutBackoff} without backoff), gaps ${gaps.map((g) => g.toFixed(2)).join('/')} s; ` +
          `recovered ${recoveredAfter.toFixed(2)} s after the restart, ${resynced}/${ids.length} ` +
          `sessions resynced, outside change seen as ${outsideSeen?.origin ?? 'nothing'}; console ` +
          `writes replayed after the restart ${consoleWritesAfterRestart}, duplicated writes ` +
          `${sentWrites - expectedWrites} (${sentWrites} sent, ${expectedWrites} planned)`,
        since(started),
      );
      expect(resynced).toBe(ids.length);
      expect(outsideSeen).toMatchObject({ kind: 'subscriptions', origin: 'external' });
      expect(consoleWritesAfterRestart).toBe(0);
      expect(sentWrites).toBe(expectedWrites);
      expect(serverPuts).toBe(after.ok ? after.plan.writes.length : 0);
      expect(failed.length).toBeLessThan(withoutBackoff);
      for (let i = 1; i < gaps.length; i += 1) {
        expect(gaps[i]).toBeGreaterThanOrEqual((gaps[i - 1] ?? 0) * 0.9);
      }
    },
  );
});
