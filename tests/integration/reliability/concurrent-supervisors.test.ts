/**
 * Suite 3 — concurrent supervisors. Two composed consoles (each its own settings, keychain entry,
 * audit log, applier and watchers) with the same Bandwidth account, and the simulated outside
 * backend, change the same three calls at random and at the same time. The "Bandwidth" here is the
 * local API over a store that keeps a ledger of every change in server order (ledger.ts), so every
 * matrix cell can be traced to the change that set it (the measurements: write-analysis.ts).
 *
 * How "clobbered" is measured. The API has no versions or ETags: a PUT replaces a receiver's whole
 * subscription list. A console write W (to receiver R) was planned from ONE fresh read of the
 * session; call the server's change counter when that read was SENT `read(W)`. W "clobbers" cell
 * R←P when it changes that cell on the server although its plan did not mean to change it (P is
 * not among the plan's cells for R). The cell's value W overwrote was set by some earlier change C
 * (`lastSetter`). If C came after `read(W)` — in the window from sending the read until the write
 * lands — no client could have seen it: that is the unavoidable read-to-write window, counted but
 * allowed. If C came at or before `read(W)`, the console saw it and still wrote over it: that is a
 * clobber outside the window, and it must be 0 (the rebase keeps every cell the intent does not name).
 *
 * "Never silently lost": when a cell a console set on purpose is later changed by someone else and
 * stays changed, that console must either show it as drift (a `sessions:update` change for that
 * receiver, or a join/leave of either participant, with origin `external`, emitted after the
 * change) or have read it fresh for a later write to that receiver. A same-cell conflict (a console
 * deliberately changing a cell someone else set) is counted; the loser sees it as drift.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createBandwidthClient } from '../../../src-main/bandwidth';
import { createPrng, type Prng } from '../../../src-main/local-api/prng';
import { startSimulation, type Simulation } from '../../../src-main/local-api';
import type { ApplyResult } from '../../../src-main/routing';
import type { ProfileView } from '../../../src-main/shared/contract';
import type { SessionView } from '../../../src-main/shared/dto/session-view';
import { assertKeyring, keyringGate } from '../../support/keyring';
import { buildCall } from '../../support/reliability/calls';
import { startConsole, type TestConsole } from '../../support/reliability/console';
import { startLedgerApi, type LedgerApi } from '../../support/reliability/ledger';
import { randomAction } from '../../support/reliability/random-intents';
import {
  attributeWrites,
  countClobbers,
  countDrift,
  type Attempt,
} from '../../support/reliability/write-analysis';
import { report, seededPrng, since, sized } from '../../support/reliability/report';

const gate = await keyringGate();
const CHANGES_PER_CONSOLE = sized(60, 600);

let cloud: LedgerApi | undefined;
let simulation: Simulation | undefined;
const consoles: TestConsole[] = [];
/** The profile each console uses (every change names it). */
const profiles = new Map<TestConsole, string>();

afterAll(async () => {
  await simulation?.stop();
  for (const c of consoles) await c.close();
  await cloud?.close();
});

describe.runIf(gate.run)('reliability: concurrent supervisors on the same calls', () => {
  it(
    'keeps changes to different cells, shows same-cell conflicts as drift, clobbers nothing it saw',
    { timeout: 180_000 },
    async () => {
      assertKeyring(gate);
      const started = performance.now();
      const { seed } = seededPrng();
      const password = `ledger-${randomUUID()}`;
      cloud = await startLedgerApi(password);
      const api = cloud;
      const setup = createBandwidthClient({
        baseUrl: api.baseUrl,
        accountId: api.accountId,
        credentials: () => ({ username: api.username, password }),
      });
      const members = [
        { role: 'customer', tag: 'customer-1' },
        { role: 'agent', tag: 'agent-1' },
        { role: 'agent', tag: 'agent-2' },
        { role: 'supervisor', tag: 'coach-a' },
        { role: 'supervisor', tag: 'coach-b' },
      ] as const;
      const calls = [];
      for (let i = 0; i < 3; i += 1) calls.push(await buildCall(setup, members, `call-${i}`));
      const sessionIds = calls.map((c) => c.sessionId);
      const coaches = calls.flatMap((c) =>
        Object.entries(c.roles)
          .filter(([, role]) => role === 'supervisor')
          .map(([id]) => id),
      );

      const als = new AsyncLocalStorage<string>();
      for (const name of ['A', 'B']) {
        const c = await startConsole({
          version: () => api.store.version,
          tag: () => als.getStore(),
          captureBodies: true,
        });
        consoles.push(c);
        const profile = await c.call<ProfileView>('profiles:add', {
          name: `Shared account ${name}`,
          accountId: api.accountId,
          username: api.username,
          password,
          baseUrl: api.baseUrl,
        });
        await c.call('profiles:select', { profileId: profile.id });
        await c.call('settings:update', { preferences: { pollFastMs: 500, pollSlowMs: 1_000 } });
        const profileId = profile.id;
        profiles.set(c, profileId);
        for (const sessionId of sessionIds) {
          await c.call('sessions:watch', { profileId, sessionId });
        }
        for (const id of coaches) {
          await c.call('participants:setRole', {
            profileId,
            participantId: id,
            role: 'supervisor',
          });
        }
        await c.call('sessions:focus', { profileId, sessionId: sessionIds[consoles.length - 1] });
      }
      const [a, b] = consoles;
      if (!a || !b) throw new Error('consoles missing');
      const versionAtStart = api.store.version;
      let simErrors = 0;
      simulation = startSimulation(
        { ...api, password, sessionIds },
        {
          pace: 'fast',
          tickMs: 60,
          minCalls: 3,
          maxCalls: 3,
          seed,
          onError: () => (simErrors += 1),
        },
      );

      const attempts: Attempt[] = [];
      const run = async (name: string, c: TestConsole, prng: Prng): Promise<void> => {
        for (let k = 0; k < CHANGES_PER_CONSOLE; k += 1) {
          const sessionId = prng.pick(sessionIds);
          const view = await c.call<SessionView>('sessions:refresh', { sessionId });
          const seen = view.participants.map((p) => ({ id: p.id, role: p.role ?? 'other' }));
          if (seen.length < 2) continue;
          const action = randomAction(prng, seen, { undoRate: 0.05, confirmRate: 1 });
          const attempt: Attempt = {
            id: `${name}-${k}`,
            console: name,
            sessionId,
            result: undefined,
          };
          attempts.push(attempt);
          const profileId = profiles.get(c);
          const outcome = await als.run(attempt.id, () =>
            action.kind === 'intent'
              ? c.invoke('routing:apply', {
                  profileId,
                  sessionId,
                  intent: action.intent,
                  confirmedViolations: true,
                })
              : c.invoke(`routing:${action.kind}`, { profileId, sessionId }),
          );
          if (outcome.ok) attempt.result = outcome.value as ApplyResult;
          await new Promise((resolve) => setTimeout(resolve, prng.int(0, 120)));
        }
      };
      await Promise.all([run('A', a, createPrng(seed + 1)), run('B', b, createPrng(seed + 2))]);
      await simulation.stop();
      // Both consoles observe the final state (one more poll of every session).
      for (const c of consoles) {
        for (const sessionId of sessionIds) await c.call('sessions:refresh', { sessionId });
      }

      const ledger = api.store.ledger;
      const attribution = attributeWrites(ledger, attempts, { A: a.requests, B: b.requests });
      const clobber = countClobbers(ledger, attribution, versionAtStart);
      const drift = countDrift(ledger, attribution, { A: a.updates, B: b.updates });
      const problems = [...attribution.problems, ...clobber.problems, ...drift.problems];
      const { owner } = attribution;
      const unmatched = attribution.problems.length;
      const { clobberedInWindow, clobberedOutside, keptCells, sameCellConflicts } = clobber;
      const { overwritten, shownAsDrift, seenFresh, silentlyLost } = drift;

      const applied = (name: string): number =>
        attempts.filter((x) => x.console === name && x.result?.ok).length;
      const outside = ledger.filter(
        (e) => e.version > versionAtStart && !owner.has(e.version),
      ).length;
      report(
        'concurrent supervisors',
        `${attempts.length} changes tried, ${applied('A')} + ${applied('B')} applied by consoles A + B, ` +
          `${owner.size} console writes, ${outside} outside changes (simulation, ${simErrors} sim errors); ` +
          `${keptCells} other cells kept by rebased writes; ${sameCellConflicts} same-cell conflicts; ` +
          `${overwritten} deliberate cells overwritten by someone else: ${shownAsDrift} shown as drift, ` +
          `${seenFresh} read fresh before the next write, ${silentlyLost} silently lost; external changes ` +
          `clobbered inside the read-to-write window ${clobberedInWindow}, outside it ${clobberedOutside}; ` +
          `${unmatched} unattributed PUTs; seed ${seed}`,
        since(started),
      );
      expect(problems.slice(0, 10)).toEqual([]);
      expect(unmatched).toBe(0);
      expect(clobberedOutside).toBe(0);
      expect(silentlyLost).toBe(0);
      expect(applied('A') + applied('B')).toBeGreaterThan(CHANGES_PER_CONSOLE / 2);
      expect(outside).toBeGreaterThan(0);
    },
  );
});
