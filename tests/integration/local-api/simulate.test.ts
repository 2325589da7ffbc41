import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  Store,
  buildLocalApiApp,
  createLocalApi,
  startSimulation,
} from '../../../src-main/local-api';
import type { LocalApiState } from '../../../src-main/local-api';
import { stateProblems } from '../../../src-main/local-api/state';

/** The C0/C1 control characters (and DEL) in `text`. */
const controls = (text: string): string[] =>
  [...text].filter(
    (c) => c.charCodeAt(0) <= 0x1f || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f),
  );

/** True when no member of a session that has a supervisor holds a session-level subscription. */
function noWhisperLeak(state: LocalApiState): boolean {
  return state.sessions.every((session) => {
    const members = state.participants.filter((p) => session.participantIds.includes(p.id));
    if (!members.some((p) => p.tag?.startsWith('supervisor-'))) return true;
    return members.every(
      (p) => p.subscriptions.participants !== undefined || p.subscriptions.sessionId === undefined,
    );
  });
}

describe('the live simulation', () => {
  it('changes the demo through the public HTTP API and stops on close', async () => {
    const errors: unknown[] = [];
    const api = await createLocalApi({
      seed: 'demo',
      simulate: { pace: 'fast', tickMs: 5, seed: 11, onError: (error) => errors.push(error) },
      voices: false,
    });
    const before = api.control.state();
    try {
      await expect
        .poll(
          () => {
            const counts = api.control.stats();
            return (
              counts.createSession > 0 &&
              counts.updateParticipantSubscriptions > 1 &&
              counts.deleteSession > 0
            );
          },
          { timeout: 8000, interval: 20 },
        )
        .toBe(true);
      const counts = api.control.stats();
      expect(counts.listSessionParticipants).toBeGreaterThan(0);
      expect(counts.createParticipant).toBeGreaterThan(0);
      expect(counts.addParticipantToSession).toBeGreaterThan(0);
      const state = api.control.state();
      expect(state).not.toEqual(before);
      expect(stateProblems(state)).toEqual([]);
      expect(noWhisperLeak(state)).toBe(true);
      expect(state.sessions.length).toBeGreaterThanOrEqual(3);
      expect(state.sessions.length).toBeLessThanOrEqual(9);
    } finally {
      // Closes with the simulation running (a close that waited on it would time the test out).
      await api.close();
    }
    expect(errors).toEqual([]);
  });

  it('stop() ends all activity', async () => {
    const api = await createLocalApi({ seed: 'demo' });
    try {
      const simulation = startSimulation(
        {
          baseUrl: api.baseUrl,
          accountId: api.accountId,
          username: api.username,
          password: api.password,
          sessionIds: [],
        },
        { pace: 'fast', tickMs: 5, seed: 3, minCalls: 2, maxCalls: 3 },
      );
      await expect
        .poll(() => api.control.stats().createSession, { timeout: 3000, interval: 10 })
        .toBeGreaterThanOrEqual(2);
      await simulation.stop();
      // A request already on the wire when stop() aborted it may still land; then nothing more.
      await new Promise((resolve) => setTimeout(resolve, 30));
      const after = api.control.stats();
      const ticks = simulation.ticks;
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(api.control.stats()).toEqual(after);
      expect(simulation.ticks).toBe(ticks);
    } finally {
      await api.close();
    }
  });

  it('reports failed actions and carries on', async () => {
    const api = await createLocalApi({ seed: 'demo' });
    const errors: unknown[] = [];
    api.control.addFailure({ kind: 'status', status: 500, count: 3 });
    const simulation = startSimulation(
      {
        baseUrl: api.baseUrl,
        accountId: api.accountId,
        username: api.username,
        password: api.password,
        sessionIds: [],
      },
      { pace: 'fast', tickMs: 5, seed: 5, onError: (error) => errors.push(error) },
    );
    try {
      await expect.poll(() => errors.length, { timeout: 3000, interval: 10 }).toBeGreaterThan(0);
      await expect
        .poll(() => api.control.stats().createSession, { timeout: 3000, interval: 10 })
        .toBeGreaterThan(2);
    } finally {
      await simulation.stop();
      await api.close();
    }
  });

  it('escapes control characters of tags it did not choose in every log line', async () => {
    // A state written before tags were checked, or by another tool: tags with terminal escapes.
    const evil = (role: string): string => `${role}-\u001b]0;owned\u0007\u001b[2J\u009b31m`;
    const participant = (id: string, role: string): LocalApiState['participants'][number] => ({
      id,
      tag: evil(role),
      callbackUrl: null,
      publishPermissions: ['AUDIO'],
      deviceApiVersion: 'V3',
      subscriptions: { sessionId: 's1' },
    });
    const state: LocalApiState = {
      sessions: [{ id: 's1', tag: 'call-x', participantIds: ['c', 'a'] }],
      participants: [participant('c', 'customer'), participant('a', 'agent')],
    };
    const credentials = { accountId: '9900000', username: 'u', password: 'p' };
    const { app } = buildLocalApiApp({
      store: new Store({ state }),
      credentials,
      tokenSecret: new Uint8Array(32),
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const lines: string[] = [];
    const simulation = startSimulation(
      {
        baseUrl: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/v1`,
        ...credentials,
        sessionIds: ['s1'],
      },
      { tickMs: 5, seed: 3, minCalls: 1, maxCalls: 1, log: (line) => lines.push(line) },
    );
    try {
      await expect
        .poll(() => lines.filter((l) => l.includes('customer-') || l.includes('agent-')).length, {
          timeout: 8000,
          interval: 20,
        })
        .toBeGreaterThan(2);
      const tagged = lines.filter((l) => l.includes('customer-') || l.includes('agent-'));
      for (const line of tagged) {
        expect(controls(line)).toEqual([]);
        expect(line).toMatch(/-\\x1b\]0;owned\\x07\\x1b\[2J\\x9b31m/);
      }
    } finally {
      await simulation.stop();
      await app.close();
    }
  });
});
