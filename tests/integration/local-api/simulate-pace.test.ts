import ky from 'ky';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalApi, startSimulation } from '../../../src-main/local-api';
import type { LocalApi, SimulationPace } from '../../../src-main/local-api';
import type { Prng } from '../../../src-main/local-api/prng';
import { createPrng } from '../../../src-main/local-api/prng';
import { SimulatedBackend } from '../../../src-main/local-api/simulated-backend';

let api: LocalApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const target = (a: LocalApi) => ({
  baseUrl: a.baseUrl,
  accountId: a.accountId,
  username: a.username,
  password: a.password,
  sessionIds: [],
});

/** Runs a pace until `ended` calls it started have ended; returns their lengths and the log. */
async function run(pace: SimulationPace, ended: number) {
  api = await createLocalApi({ seed: 'empty' });
  const lines: { tick: number; line: string }[] = [];
  const simulation = startSimulation(target(api), {
    pace,
    tickMs: 1,
    seed: 42,
    minCalls: 2,
    maxCalls: 8,
    log: (line) => lines.push({ tick: simulation.ticks, line }),
  });
  const lengths = (): number[] => {
    const started = new Map<string, number>();
    const out: number[] = [];
    for (const { tick, line } of lines) {
      const [, what, id = ''] = /^call (started|ended): session (\S+)/.exec(line) ?? [];
      if (what === 'started') started.set(id, tick);
      if (what === 'ended' && started.has(id)) out.push(tick - (started.get(id) ?? 0));
    }
    return out;
  };
  try {
    await expect
      .poll(() => lengths().length, { timeout: 15_000, interval: 20 })
      .toBeGreaterThanOrEqual(ended);
  } finally {
    await simulation.stop();
  }
  return { lengths: lengths(), lines, ticks: simulation.ticks };
}

describe('the simulation pace', () => {
  it('realistic: calls last 36 to 180 ticks (3 to 15 minutes of 5 s) and outside rewiring is rare', async () => {
    const { lengths, lines, ticks } = await run('realistic', 3);
    for (const length of lengths) {
      expect(length).toBeGreaterThanOrEqual(36);
      expect(length).toBeLessThanOrEqual(180);
    }
    const outside = lines.filter(({ line }) =>
      /muted|restored|now subscribed|left session|is monitoring|incident/.test(line),
    );
    expect(outside.length).toBeLessThan(ticks * 0.05);
  });

  it('fast: short calls and a change almost every tick', async () => {
    const { lengths, lines, ticks } = await run('fast', 3);
    for (const length of lengths) {
      expect(length).toBeGreaterThanOrEqual(4);
      expect(length).toBeLessThanOrEqual(30);
    }
    const outside = lines.filter(({ line }) =>
      /muted|restored|now subscribed|left session|is monitoring/.test(line),
    );
    expect(outside.length).toBeGreaterThan(ticks * 0.3);
  });
});

it('minCalls = maxCalls keeps the same calls (the old contract some tests rely on)', async () => {
  api = await createLocalApi({ seed: 'demo' });
  const sessionIds = api.control
    .state()
    .sessions.slice(0, 3)
    .map((s) => s.id);
  const simulation = startSimulation(
    { ...target(api), sessionIds },
    { pace: 'fast', tickMs: 1, seed: 3, minCalls: 3, maxCalls: 3 },
  );
  const a = api;
  try {
    await expect.poll(() => simulation.ticks, { timeout: 10_000 }).toBeGreaterThan(60);
  } finally {
    await simulation.stop();
  }
  expect(a.control.stats().deleteSession).toBe(0);
  expect(a.control.stats().createSession).toBe(0);
});

describe('incidents', () => {
  /** A Prng whose coin always lands one way (pick/int/uuid stay real). */
  const coin = (value: number): Prng => ({ ...createPrng(1), next: () => value });

  async function call(a: LocalApi, prng: Prng) {
    const auth = Buffer.from(`${a.username}:${a.password}`).toString('base64');
    const http = ky.create({
      prefix: `${a.baseUrl}/accounts/${a.accountId}/`,
      headers: { authorization: `Basic ${auth}` },
      retry: 0,
    });
    const backend = new SimulatedBackend(http, prng, () => undefined, undefined);
    const sessionId = await backend.startCall();
    const hears = async (role: string): Promise<string[]> => {
      const members = (await backend.members(sessionId)) ?? {};
      const receiver = members[role as keyof typeof members];
      const heard = (receiver?.subscriptions?.participants ?? []).map((p) => p.participantId);
      const byId = new Map(Object.entries(members).map(([r, p]) => [p.id, r]));
      return heard.map((id) => byId.get(id) ?? '?').sort();
    };
    return { backend, sessionId, hears };
  }

  it('a broken leg: the agent stops hearing the customer', async () => {
    api = await createLocalApi({ seed: 'empty' });
    const { backend, sessionId, hears } = await call(api, coin(0.1));
    expect(await hears('agent')).toEqual(['customer']);
    expect(await backend.incident(sessionId)).toBe(true);
    expect(await hears('agent')).toEqual([]);
    expect(await hears('customer')).toEqual(['agent']);
  });

  it('a privacy leak: the customer hears a supervisor who is not barging', async () => {
    api = await createLocalApi({ seed: 'empty' });
    const { backend, sessionId, hears } = await call(api, coin(0.9));
    expect(await backend.incident(sessionId)).toBe(true);
    expect(await hears('customer')).toEqual(['agent', 'supervisor']);
    expect(await hears('agent')).toEqual(['customer']);
    expect(await hears('supervisor')).toEqual(['agent', 'customer']);
  });

  it('an incident on a call that has ended says so and changes nothing', async () => {
    api = await createLocalApi({ seed: 'empty' });
    const { backend, sessionId } = await call(api, coin(0.9));
    await backend.endCall(sessionId);
    const before = api.control.state();
    expect(await backend.incident(sessionId)).toBe(false);
    expect(api.control.state()).toEqual(before);
  });
});
