/**
 * Regression for what suite 3 (concurrent-supervisors.test.ts) found: a console write that someone
 * else overwrote before the console looked again left its expectation pending; when someone later
 * set that same value again, the console took the outside change for its own and showed no drift.
 * Now an expectation whose write was answered is used up by the next poll sent after that. That
 * poll also shows the overwrite itself as drift (from what the console wrote), although the agent
 * is back as the console last saw it: the same hole let an outside change after an undo and a redo
 * go unseen (matrix-trust.spec.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../src-main/audit';
import { createBandwidthClient } from '../../../src-main/bandwidth';
import { LiveSync, type ObservedChange } from '../../../src-main/live';
import { createLocalApi } from '../../../src-main/local-api';
import { RoutingApplier } from '../../../src-main/routing';
import type { Subscriptions } from '../../../src-main/shared/bandwidth-api';
import { CONTACT_CENTER_CALL, buildCall } from '../../support/reliability/calls';

describe('reliability: drift after a console write someone else overwrote', () => {
  it('shows the later outside change as external, not as the console’s own', async () => {
    const api = await createLocalApi({ port: 0 });
    const dir = await mkdtemp(join(tmpdir(), 'patchbay-drift-'));
    try {
      const client = createBandwidthClient({
        baseUrl: api.baseUrl,
        accountId: api.accountId,
        credentials: () => ({ username: api.username, password: api.password }),
      });
      const call = await buildCall(client, CONTACT_CENTER_CALL, 'call-drift');
      const [customer = '', agent = ''] = Object.keys(call.roles);
      const held = (): Subscriptions =>
        api.control.state().participants.find((p) => p.id === agent)?.subscriptions ?? {};
      const original = held();
      const live = new LiveSync(client, { fastMs: 60_000, slowMs: 60_000, maxBackoffMs: 60_000 });
      const audit = await AuditLog.open({ dir });
      let mine: Subscriptions | undefined;
      const applier = new RoutingApplier({
        client: {
          ...client,
          // Someone else puts the agent back right after this console's write lands.
          async updateParticipantSubscriptions(r, o) {
            await client.updateParticipantSubscriptions(r, o);
            mine = held();
            await client.updateParticipantSubscriptions({ ...r, subscriptions: original });
          },
        },
        audit,
        live,
        profileId: 'profile-drift',
        accountId: api.accountId,
        roles: () => call.roles,
      });
      const changes: ObservedChange[] = [];
      live.onUpdate((u) => changes.push(...u.changes));
      live.watch(call.sessionId);
      await live.refresh(call.sessionId);

      // Cutting the agent off from the customer asks first: confirmed here.
      const muted = await applier.apply(
        call.sessionId,
        { type: 'mute', publisherId: customer, receiverId: agent },
        { confirmedViolations: true },
      );
      expect(muted).toMatchObject({ ok: true });
      // The agent is as it was, but not as this console left it: someone undid the mute.
      await live.refresh(call.sessionId);
      const forAgent = (): ObservedChange[] => changes.filter((c) => c.participantId === agent);
      expect(forAgent()).toEqual([
        expect.objectContaining({ origin: 'external', before: mine, after: original }),
      ]);
      // Later someone else mutes the customer for the agent: the value this console once wrote.
      await client.updateParticipantSubscriptions({
        sessionId: call.sessionId,
        participantId: agent,
        subscriptions: mine ?? {},
      });
      await live.refresh(call.sessionId);
      expect(forAgent().map((c) => c.origin)).toEqual(['external', 'external']);
      live.close();
      await audit.close();
    } finally {
      await api.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
