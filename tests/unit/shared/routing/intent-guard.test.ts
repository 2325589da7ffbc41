/**
 * The renderer reads intents back from the audit log without zod (issue 13: no zod in the renderer
 * bundle): `asIntent` must accept exactly what main's intent schema accepts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIntent } from '../../../../src-main/ipc/intent-schema';
import { asIntent, INTENT_LIMITS, type Intent } from '../../../../src-main/shared/routing';
import { PRESET_TYPES, CELL_TYPES, sessionWithIntentArb } from './support';

/** Each intent type's members and which pool of near-valid values each draws from. */
const SHAPES: Record<string, Record<string, 'id' | 'ids' | 'streams' | 'cells'>> = {
  subscribe: { receiverId: 'id', publisherId: 'id' },
  setStreams: { receiverId: 'id', publisherId: 'id', streams: 'streams' },
  setCells: { cells: 'cells' },
  mute: { publisherId: 'id', receiverId: 'id' },
  hold: { participantId: 'id' },
  fullyWire: {},
  monitor: { supervisorId: 'id', participantIds: 'ids' },
  whisper: { supervisorId: 'id', agentIds: 'ids' },
  move: { participantId: 'id', toSessionId: 'id' },
  nope: { participantId: 'id' },
};

const repeat = <T>(n: number, item: T): T[] => Array.from({ length: n }, () => item);
/** Mostly valid, so that one bad member at a time decides. */
const mostly = (good: fc.Arbitrary<unknown>, bad: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: bad, weight: 1 });
const idValue = mostly(
  fc.constantFrom('p1', 'a.b:c-d_e'),
  fc.constantFrom(' p1 ', '', '.', '..', '-x', 'x/y', 'x'.repeat(129)),
);
const streamsValue = mostly(
  fc.constantFrom('all', ['camera'], repeat(INTENT_LIMITS.streams, 'a')),
  fc.constantFrom(
    'some',
    null,
    [],
    [''],
    ['x'.repeat(201)],
    repeat(INTENT_LIMITS.streams + 1, 'a'),
  ),
);
const idsValue = fc.oneof(
  fc.array(idValue, { maxLength: 3 }),
  fc.constantFrom(repeat(INTENT_LIMITS.ids, 'p1'), repeat(INTENT_LIMITS.ids + 1, 'p1')),
);
const cellValue = mostly(
  fc.record({
    receiverId: idValue,
    publisherId: idValue,
    streams: fc.oneof(streamsValue, fc.constant(null)),
  }),
  fc.oneof(
    fc.record(
      { receiverId: idValue, publisherId: idValue, type: fc.constant('x') },
      { requiredKeys: [] },
    ),
    fc.constantFrom('cell', { receiverId: 'a', publisherId: 'b', streams: null, type: 'x' }),
  ),
);
const cellsValue = fc.oneof(
  fc.array(cellValue, { maxLength: 3 }),
  fc.constantFrom(
    repeat(INTENT_LIMITS.cells, { receiverId: 'a', publisherId: 'b', streams: null }),
    repeat(INTENT_LIMITS.cells + 1, { receiverId: 'a', publisherId: 'b', streams: null }),
  ),
);
const pools = { id: idValue, ids: idsValue, streams: streamsValue, cells: cellsValue };
const anyValue = fc.oneof(
  idValue,
  streamsValue,
  idsValue,
  cellsValue,
  fc.anything({ maxDepth: 1 }),
);

/** Objects shaped like intents: each member present or not, values on both sides of the rules. */
const nearIntent: fc.Arbitrary<unknown> = fc.constantFrom(...Object.keys(SHAPES)).chain((type) =>
  fc
    .tuple(
      fc.record(
        Object.fromEntries(
          Object.entries(SHAPES[type] ?? {}).map(([key, pool]) => [key, pools[pool]]),
        ),
        { requiredKeys: [] },
      ),
      fc.option(fc.dictionary(fc.constantFrom('extra', 'type', '__proto__'), anyValue), {
        freq: 4,
      }),
    )
    .map(([members, extra]) => ({ ...extra, type, ...members })),
);

describe('asIntent', () => {
  it('accepts exactly what the intent schema accepts', () => {
    fc.assert(
      fc.property(fc.oneof(nearIntent, fc.anything()), (value) => {
        expect(asIntent(value) !== null).toBe(parseIntent(value).ok);
      }),
      { numRuns: 3000 },
    );
  });

  it('returns every valid intent as it is', () => {
    const types = [...PRESET_TYPES, ...CELL_TYPES, 'hold', 'isolate'] as Intent['type'][];
    fc.assert(
      fc.property(sessionWithIntentArb(types), ({ intent }) => {
        expect(asIntent(intent)).toBe(intent);
      }),
    );
  });
});
