/**
 * Suite 4 — hostile input. Property-based fuzzing (fast-check) of:
 * - every capability of the IPC contract through the one dispatcher of a composed console (the
 *   Local demo, real ids in the pools): anything at all, and payloads shaped like each capability's
 *   input with hostile values, prototype-polluting keys, huge strings and deep nesting;
 * - the web host's WebSocket bridge with random frames (text, JSON, binary, oversized);
 * - every local API endpoint over real HTTP: random methods, paths built from the route templates,
 *   Authorization headers, content types, sizes and (malformed) bodies, and the /_local control.
 * A crash is a dispatch that throws or answers anything but a Result, an `internal` error (an
 * unexpected exception inside a handler), a 5xx from the local API, a dead connection, or a frame
 * left unanswered. Crashes, unhandled rejections, uncaught exceptions, 500s and prototype pollution
 * must all be 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { requests } from '../../../src-main/ipc/schemas';
import type { Result } from '../../../src-main/shared/result';
import type { LocalApi } from '../../../src-main/local-api';
import { createLocalApi } from '../../../src-main/local-api';
import { startConsole, TRUSTED, type TestConsole } from '../../support/reliability/console';
import { hostileValue, shapedInput, type IdPools } from '../../support/reliability/hostile';
import {
  bodyArb,
  headersArb,
  methodArb,
  pathArb,
  send,
  type RawRequest,
} from '../../support/reliability/http-fuzz';
import { report, seededPrng, since, sized } from '../../support/reliability/report';
import {
  openBridge,
  startSignedInHost,
  type SignedInHost,
} from '../../support/reliability/web-host';
import { basicAuth } from '../../support/local-api-client';

const RUNS_PER_CAPABILITY = sized(150, 1_500);
const FRAMES = sized(800, 8_000);
const HTTP_CASES = sized(4_000, 40_000);

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
const prototypeKeys = (): string =>
  JSON.stringify(Object.getOwnPropertyNames(Object.prototype).sort());
const cleanPrototype = prototypeKeys();

let c: TestConsole;
let signedIn: SignedInHost | undefined;
let pools: IdPools;
const { seed } = seededPrng();

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
  c = await startConsole({
    localApi: { seed: 'demo' },
    client: { retryLimit: 0, timeoutMs: 2_000 },
    // No account is reachable from here: every credential check fails fast, nothing is stored.
    verify: async () => ({ ok: false, kind: 'unauthorized', message: 'refused by the fuzz test' }),
  });
  const state = c.composed.localApi.control.state();
  pools = {
    sessions: state.sessions.map((s) => s.id),
    participants: state.participants.map((p) => p.id),
    profiles: ['local-demo'],
  };
});

afterAll(async () => {
  await signedIn?.close();
  await c?.close();
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
});

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok === true) return 'value' in r;
  return r.ok === false && typeof r.error?.code === 'string' && typeof r.error.message === 'string';
}

function show(value: unknown): string {
  try {
    return (
      JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ??
      String(value)
    ).slice(0, 200);
  } catch {
    return String(value).slice(0, 200);
  }
}

describe('reliability: hostile input', () => {
  it(
    'every capability of the contract survives fuzzing through dispatch',
    { timeout: 240_000 },
    async () => {
      const started = performance.now();
      const problems: string[] = [];
      let cases = 0;
      let refused = 0;
      const names = Object.keys(requests) as (keyof typeof requests)[];
      for (const [index, name] of names.entries()) {
        const inputs = [
          ...fc.sample(hostileValue, { numRuns: RUNS_PER_CAPABILITY / 3, seed: seed + index }),
          ...fc.sample(shapedInput(requests[name], pools), {
            numRuns: (2 * RUNS_PER_CAPABILITY) / 3,
            seed: seed + 1_000 + index,
          }),
        ];
        for (const input of inputs) {
          cases += 1;
          let result: unknown;
          try {
            result = await c.composed.dispatch(name, input, TRUSTED);
          } catch (error) {
            problems.push(`${name} threw ${String(error)} for ${show(input)}`);
            continue;
          }
          if (!isResult(result)) problems.push(`${name} answered a non-Result for ${show(input)}`);
          else if (!result.ok && result.error.code === 'internal') {
            problems.push(`${name}: internal error "${result.error.message}" for ${show(input)}`);
          } else if (!result.ok) refused += 1;
        }
      }
      // Unknown names, untrusted callers.
      for (const name of fc.sample(
        fc.oneof(
          fc.string(),
          fc.constantFrom('__proto__', 'constructor', 'toString', 'profiles:', ':list'),
        ),
        { numRuns: 50, seed },
      )) {
        cases += 1;
        const result = await c.composed.dispatch(name, {}, TRUSTED);
        if (!isResult(result) || result.ok)
          problems.push(`unknown capability ${show(name)} was not refused`);
      }
      for (const name of names) {
        cases += 1;
        const result = await c.composed.dispatch(
          name,
          {},
          { url: 'https://evil.example/', trusted: false },
        );
        if (!isResult(result) || result.ok || result.error.code !== 'forbidden-sender') {
          problems.push(`${name} answered an untrusted caller`);
        }
      }
      const polluted =
        prototypeKeys() !== cleanPrototype ||
        ({} as Record<string, unknown>)['polluted'] !== undefined;
      report(
        'hostile input (dispatch)',
        `${cases} cases over ${names.length} capabilities, ${refused} refused with a clear error, ` +
          `${problems.length} crashes, ${unhandled.length} unhandled rejections/exceptions, ` +
          `prototype ${polluted ? 'POLLUTED' : 'clean'}; seed ${seed}`,
        since(started),
      );
      expect(problems.slice(0, 10)).toEqual([]);
      expect(unhandled).toEqual([]);
      expect(polluted).toBe(false);
    },
  );

  it('the web host bridge answers every frame and stays up', { timeout: 120_000 }, async () => {
    const started = performance.now();
    signedIn = await startSignedInHost(c.composed);
    let bridge = await openBridge(signedIn);
    const frameArb = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      hostileValue.map((v) => show(v)),
      fc
        .record(
          {
            type: fc.oneof(fc.constant('invoke'), fc.string()),
            id: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(2 ** 60)),
            name: fc.oneof(fc.constantFrom(...Object.keys(requests)), fc.string()),
            input: hostileValue,
          },
          { requiredKeys: [] },
        )
        .map((f) => show(f)),
    );
    const frames: (string | Buffer)[] = [
      ...fc.sample(frameArb, { numRuns: FRAMES, seed }),
      Buffer.from([0xff, 0x00, 0x01]),
      JSON.stringify({
        type: 'invoke',
        id: 1,
        name: 'profiles:list',
        input: {},
        __proto__: { x: 1 },
      }),
      'x'.repeat(300 * 1024),
    ];
    let answered = 0;
    let unanswered = 0;
    let reconnects = 0;
    for (const frame of frames) {
      const reply = await Promise.race([
        bridge.raw(frame),
        new Promise<'silent'>((resolve) => setTimeout(() => resolve('silent'), 5_000)),
      ]);
      if (reply === 'silent') unanswered += 1;
      else if (reply === null) {
        // The host closed this socket (e.g. a frame over the size limit): signing in again is not
        // needed, the session token still holds; a fresh socket must work.
        reconnects += 1;
        bridge = await openBridge(signedIn);
      } else answered += 1;
    }
    const check = await bridge.invoke('profiles:list', {});
    await bridge.close();
    const alive = check.type === 'result' && check.result.ok;
    report(
      'hostile input (web host frames)',
      `${frames.length} frames, ${answered} answered, ${unanswered} unanswered, ${reconnects} ` +
        `sockets closed by the host (oversized), host ${alive ? 'alive' : 'DEAD'}, ` +
        `${unhandled.length} unhandled rejections/exceptions`,
      since(started),
    );
    expect(unanswered).toBe(0);
    expect(alive).toBe(true);
    expect(unhandled).toEqual([]);
  });
});

describe('reliability: hostile HTTP against the local API', () => {
  let api: LocalApi;
  beforeAll(async () => {
    api = await createLocalApi({ seed: 'demo' });
  });
  afterAll(async () => api?.close());

  it(
    'answers every request with a 4xx or a success, never a 5xx, and stays up',
    { timeout: 240_000 },
    async () => {
      const started = performance.now();
      const state = api.control.state();
      const paths = {
        accountId: api.accountId,
        sessions: state.sessions.map((s) => s.id),
        participants: state.participants.map((p) => p.id),
      };
      const caseArb = fc.record({
        method: methodArb(),
        path: pathArb(paths),
        headers: headersArb(api),
        body: bodyArb(paths),
      });
      const controlArb = fc.record({
        method: methodArb(),
        path: fc.constantFrom(
          '/_local/state',
          '/_local/stats',
          '/_local/faults',
          '/_local/faults/latency',
          '/_local/faults/failures',
          '/_local/reset',
          '/_local',
          '/_local/',
          '/_local/nope',
        ),
        headers: headersArb(api),
        body: bodyArb(paths),
      });
      const cases: RawRequest[] = [
        ...fc.sample(caseArb, { numRuns: HTTP_CASES, seed }),
        ...fc.sample(controlArb, { numRuns: Math.round(HTTP_CASES / 5), seed: seed + 1 }),
      ];
      const statuses: Record<string, number> = {};
      const problems: string[] = [];
      for (const r of cases) {
        const response = await send(api.url, r);
        if (r.path.startsWith('/_local')) {
          // A control call may have armed a fault or a delay for the Bandwidth routes: disarm it.
          api.control.clearFaults();
        }
        const bucket = response.status <= 0 ? 'none' : `${Math.floor(response.status / 100)}xx`;
        statuses[bucket] = (statuses[bucket] ?? 0) + 1;
        if (response.status === -1) continue; // node refused to send it (e.g. an invalid header)
        if (response.status === 0 || response.status >= 500) {
          problems.push(
            `${r.method} ${r.path.slice(0, 120)} → ${response.status} ${response.error ?? response.body.slice(0, 120)}`,
          );
        }
      }
      const health = await send(api.url, {
        method: 'GET',
        path: `/v1/accounts/${api.accountId}/sessions/${paths.sessions[0] ?? 'x'}`,
        headers: {
          authorization: basicAuth(api.username, api.password),
        },
      });
      const polluted =
        prototypeKeys() !== cleanPrototype ||
        ({} as Record<string, unknown>)['polluted'] !== undefined;
      report(
        'hostile input (local API over HTTP)',
        `${cases.length} requests, statuses ${JSON.stringify(statuses)}, ${problems.length} 5xx or dead ` +
          `connections, ${unhandled.length} unhandled rejections/exceptions, server ${health.status < 500 && health.status > 0 ? 'alive' : 'DEAD'}, ` +
          `prototype ${polluted ? 'POLLUTED' : 'clean'}; seed ${seed}`,
        since(started),
      );
      expect(problems.slice(0, 10)).toEqual([]);
      expect(health.status).toBeGreaterThan(0);
      expect(health.status).toBeLessThan(500);
      expect(unhandled).toEqual([]);
      expect(polluted).toBe(false);
    },
  );
});
