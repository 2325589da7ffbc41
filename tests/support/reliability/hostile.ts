/**
 * fast-check arbitraries for hostile input: anything at all (every JavaScript value a transport
 * could carry, objects with prototype-polluting keys, null prototypes, sparse arrays, BigInt, Maps),
 * huge strings, deep nesting, and "nearly valid" payloads for each capability of the IPC contract
 * (its real keys, each value either plausible or hostile), including routing intents over real ids.
 */
import fc from 'fast-check';
import { z } from 'zod';
import type { RequestSpec } from '../../../src-main/ipc/request-spec';

export const PROTO_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
] as const;

/** `{a: [{a: … 'x' …}]}`: objects and arrays, `depth` levels deep (linear, no shared parts). */
export function deeplyNested(depth: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i += 1) value = i % 2 === 0 ? { a: value } : [value];
  return value;
}

const HUGE = 'A'.repeat(1_000_000);
const key = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...PROTO_KEYS));

/** Own `__proto__` / `constructor` keys as JSON.parse makes them (the classic pollution payloads). */
const pollution = fc.constantFrom(
  JSON.parse('{"__proto__": {"polluted": "yes"}}') as unknown,
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}') as unknown,
  JSON.parse('{"sessionId": "x", "__proto__": {"isAdmin": true, "polluted": "yes"}}') as unknown,
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    key,
    maxDepth: 3,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
  }),
  fc.constantFrom(
    NaN,
    Infinity,
    -Infinity,
    -0,
    Number.MAX_SAFE_INTEGER + 2,
    '',
    ' ',
    '\u0000',
    '../../../../etc/passwd',
    '<img src=x onerror=alert(1)>',
    'Basic dXNlcjpwYXNz',
    HUGE,
  ),
  fc.string({ unit: 'binary', maxLength: 300 }),
  pollution,
  fc.constant(deeplyNested(2_000)),
  fc.constant(Array.from({ length: 50_000 }, (_, i) => i)),
);

export interface IdPools {
  sessions: readonly string[];
  participants: readonly string[];
  profiles: readonly string[];
}

function idArb(pool: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...(pool.length > 0 ? pool : ['none'])),
    fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,30}$/),
    fc.constantFrom('x'.repeat(129), ' padded ', 'a/b', '..', '%2e%2e', 'null', '0'),
  );
}

/** Routing intents of every type (and some that are not), over real and made-up ids. */
export function intentArb(pools: IdPools): fc.Arbitrary<unknown> {
  const p = idArb(pools.participants);
  const ids = fc.array(p, { maxLength: 25 });
  const streams = fc.oneof(
    fc.constant('all'),
    fc.array(fc.oneof(fc.constantFrom('microphone', 'camera', ''), fc.string()), { maxLength: 60 }),
  );
  return fc.oneof(
    fc.record({
      type: fc.constantFrom('subscribe', 'unsubscribe'),
      receiverId: p,
      publisherId: p,
    }),
    fc.record({ type: fc.constant('setStreams'), receiverId: p, publisherId: p, streams }),
    fc.record(
      { type: fc.constantFrom('mute', 'unmute'), publisherId: p, receiverId: p },
      { requiredKeys: ['type', 'publisherId'] },
    ),
    fc.record({ type: fc.constantFrom('hold', 'isolate'), participantId: p }),
    fc.record({ type: fc.constantFrom('fullyWire', 'restoreCall') }),
    fc.record(
      { type: fc.constant('monitor'), supervisorId: p, participantIds: ids },
      { requiredKeys: ['type', 'supervisorId'] },
    ),
    fc.record(
      { type: fc.constant('whisper'), supervisorId: p, agentIds: ids },
      { requiredKeys: ['type', 'supervisorId'] },
    ),
    fc.record({ type: fc.constantFrom('barge', 'endSupervision'), supervisorId: p }),
    fc.record({ type: fc.constant('move'), participantId: p, toSessionId: idArb(pools.sessions) }),
    fc.record({ type: fc.constantFrom('undo', 'teleport', '', '__proto__'), x: hostileValue }),
  );
}

/** A plausible value for a field of the contract, by the field's name. */
function plausible(field: string, pools: IdPools): fc.Arbitrary<unknown> {
  switch (field) {
    case 'sessionId':
    case 'toSessionId':
      return idArb(pools.sessions);
    case 'participantId':
      return idArb(pools.participants);
    case 'profileId':
      return idArb(pools.profiles);
    case 'timerId':
      return idArb([]);
    case 'intent':
      return intentArb(pools);
    case 'publishPermissions':
      return fc.array(fc.constantFrom('AUDIO', 'VIDEO', 'SMS', 'audio'), { maxLength: 4 });
    case 'role':
      return fc.constantFrom('customer', 'agent', 'supervisor', 'other', 'admin', null);
    case 'format':
      return fc.constantFrom('csv', 'json', 'xml');
    case 'baseUrl':
    case 'callbackUrl':
      return fc.constantFrom(
        'http://127.0.0.1:9/v1',
        'https://api.webrtc.bandwidth.com/v1',
        'file:///etc/passwd',
        'javascript:alert(1)',
        'http://user:pass@127.0.0.1:9/',
        'ftp://127.0.0.1/',
      );
    case 'durationMs':
      return fc.oneof(fc.integer(), fc.constantFrom(1_000, 43_200_000, 43_200_001));
    case 'untilStopped':
    case 'confirmedViolations':
      return fc.boolean();
    case 'filter':
      return fc.record(
        {
          sessionId: idArb(pools.sessions),
          profileId: idArb(pools.profiles),
          outcome: fc.constantFrom('applied', 'failed', 'rolled-back', 'refused', 'other'),
          from: fc.constantFrom('2020-01-01T00:00:00Z', 'yesterday', '9999-99-99T99:99:99Z'),
          to: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        },
        { requiredKeys: [] },
      );
    case 'preferences':
      return fc.record(
        {
          pollFastMs: fc.oneof(fc.integer(), fc.integer({ min: 400, max: 12_000 })),
          pollSlowMs: fc.oneof(fc.integer(), fc.integer({ min: 900, max: 400_000 })),
          confirmations: fc.boolean(),
          theme: fc.constantFrom('system', 'light', 'dark', 'neon'),
        },
        { requiredKeys: [] },
      );
    default:
      return fc.string({ maxLength: 120 });
  }
}

/**
 * Payloads shaped like a capability's input: its real keys (some dropped), each value plausible or
 * hostile, sometimes an extra key or a prototype key on top.
 */
export function shapedInput(spec: RequestSpec, pools: IdPools): fc.Arbitrary<unknown> {
  const schema = spec.input;
  const keys = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  const fields = Object.fromEntries(
    keys.map((k) => [k, fc.oneof({ weight: 4, arbitrary: plausible(k, pools) }, hostileValue)]),
  );
  const base = fc.record(fields, { requiredKeys: keys.filter(() => true) });
  return fc.oneof(
    { weight: 3, arbitrary: base },
    fc.record(fields, { requiredKeys: [] }),
    fc.tuple(base, key, hostileValue).map(([input, k, v]) => {
      const out = { ...(input as Record<string, unknown>) };
      Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true });
      return out;
    }),
  );
}
