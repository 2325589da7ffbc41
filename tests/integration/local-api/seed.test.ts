import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveredPublishers, demoSeed, DEMO_CALL_COUNT } from '../../../src-main/local-api';
import { stateProblems } from '../../../src-main/local-api/state';
import { startTestApi, UUID } from '../../support/local-api';
import type { TestApi } from '../../support/local-api';

const seed = demoSeed();
const uuid = UUID.source.slice(1, -1);

describe('the demo seed', () => {
  it('is deterministic for a given PRNG seed, and differs between seeds', () => {
    expect(demoSeed()).toEqual(seed);
    expect(demoSeed(42)).toEqual(demoSeed(42));
    expect(demoSeed(42).state.sessions[0]?.id).not.toBe(seed.state.sessions[0]?.id);
  });

  it('is a small contact center: six calls of customer + agent, half with a supervisor', () => {
    expect(seed.calls).toHaveLength(DEMO_CALL_COUNT);
    expect(seed.state.sessions).toHaveLength(6);
    expect(seed.calls.filter((c) => c.supervisorId !== undefined)).toHaveLength(3);
    expect(seed.calls.filter((c) => c.wiring === 'session-level')).toHaveLength(1);
    for (const call of seed.calls) {
      const members = seed.state.sessions.find((s) => s.id === call.sessionId)?.participantIds;
      expect(members).toEqual([
        call.customerId,
        call.agentId,
        ...(call.supervisorId ? [call.supervisorId] : []),
      ]);
    }
    expect(stateProblems(seed.state)).toEqual([]);
  });

  it('uses opaque UUID tags with no personal data', () => {
    const tags = [...seed.state.sessions, ...seed.state.participants].map((x) => x.tag ?? '');
    expect(tags).toHaveLength(6 + 6 * 2 + 3);
    for (const tag of tags) {
      expect(tag).toMatch(new RegExp(`^(call|customer|agent|supervisor)-${uuid}$`));
      expect(tag.length).toBeLessThanOrEqual(50);
      expect(tag).not.toContain('@');
      expect(tag.replace(/[-\s().]/g, '')).not.toMatch(/\d{7,}/);
    }
    for (const s of seed.state.sessions) expect(s.tag).toMatch(/^call-/);
    for (const call of seed.calls) {
      const tagOf = (id?: string): string | undefined =>
        seed.state.participants.find((p) => p.id === id)?.tag;
      expect(tagOf(call.customerId)).toMatch(/^customer-/);
      expect(tagOf(call.agentId)).toMatch(/^agent-/);
      if (call.supervisorId) expect(tagOf(call.supervisorId)).toMatch(/^supervisor-/);
    }
    // Across many PRNG seeds too: never a phone-like digit run.
    for (let s = 0; s < 50; s += 1) {
      for (const p of demoSeed(s).state.participants)
        expect(p.tag?.replace(/-/g, '')).not.toMatch(/\d{7,}/);
    }
  });

  it('is wired like the fact sheet: customer hears agent, agent hears customer, supervisors monitor', () => {
    for (const call of seed.calls) {
      const hears = (id: string): string[] =>
        deliveredPublishers(seed.state, call.sessionId, id).map((d) => d.participantId);
      expect(hears(call.customerId)).toEqual([call.agentId]);
      expect(hears(call.agentId)).toEqual([call.customerId]);
      if (call.supervisorId !== undefined) {
        expect(hears(call.supervisorId)).toEqual([call.customerId, call.agentId]);
        expect(call.wiring).toBe('participant-level');
      }
      const subs = seed.state.participants.find((p) => p.id === call.customerId)?.subscriptions;
      expect(subs).toEqual(
        call.wiring === 'session-level'
          ? { sessionId: call.sessionId }
          : { sessionId: call.sessionId, participants: [{ participantId: call.agentId }] },
      );
    }
  });
});

describe('a server started with the demo seed', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi({ seed: 'demo' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves every seeded call over HTTP, valid against the spec', async () => {
    expect(t.api.control.state()).toEqual(seed.state);
    for (const call of seed.calls) {
      expect((await t.bw('GET', `/sessions/${call.sessionId}`)).status).toBe(200);
      const members = await t.members(call.sessionId);
      expect(members.map((m) => m.id)).toContain(call.agentId);
      for (const m of members) {
        expect(m.sessions).toEqual([call.sessionId]);
        const subs = await t.subscriptions(call.sessionId, m.id);
        expect(subs).toEqual(m.subscriptions);
      }
    }
  });
});
