import { describe, expect, it } from 'vitest';
import {
  applyIntent,
  describeIntent,
  planTarget,
  validateIntent,
} from '../../../../src-main/shared/routing';
import { parseIntent } from '../../../../src-main/ipc/intent-schema';
import { hears, list, person, sessionOf } from './support';

const call = sessionOf([person('c', 'customer'), person('a', 'agent'), person('s', 'supervisor')], {
  c: list('a'),
  a: list('c'),
  s: list('c', 'a'),
});

describe('setCells: several cells as one change', () => {
  it('sets every cell in one target and one plan', () => {
    const intent = {
      type: 'setCells',
      cells: [
        { receiverId: 'a', publisherId: 's', streams: 'all' },
        { receiverId: 's', publisherId: 'c', streams: null },
        { receiverId: 'c', publisherId: 'a', streams: ['microphone'] },
      ],
    } as const;
    const target = applyIntent(call, intent);
    expect(hears(call, 'a', target.subscriptions['a'])).toEqual(['c', 's']);
    expect(hears(call, 's', target.subscriptions['s'])).toEqual(['a']);
    expect(target.subscriptions['c']).toEqual({
      sessionId: call.sessionId,
      participants: [{ participantId: 'a', streamAliases: ['microphone'] }],
    });
    expect(target.context.deliberateCuts).toEqual([{ receiverId: 's', publisherId: 'c' }]);
    const plan = planTarget(call, target);
    expect(plan.writes.map((w) => w.receiverId).sort()).toEqual(['a', 'c', 's']);
    expect(describeIntent(call, intent)).toBe('Connect 2 and disconnect 1 cells');
  });

  it('refuses an empty selection, a diagonal cell, an unknown id and empty aliases', () => {
    expect(validateIntent(call, { type: 'setCells', cells: [] })?.code).toBe('empty-selection');
    expect(
      validateIntent(call, {
        type: 'setCells',
        cells: [{ receiverId: 'a', publisherId: 'a', streams: 'all' }],
      }),
    ).not.toBeNull();
    expect(
      validateIntent(call, {
        type: 'setCells',
        cells: [{ receiverId: 'a', publisherId: 'x', streams: 'all' }],
      })?.code,
    ).toBe('unknown-participant');
    expect(
      parseIntent({ type: 'setCells', cells: [{ receiverId: 'a', publisherId: 'c', streams: [] }] })
        .ok,
    ).toBe(false);
    expect(parseIntent({ type: 'setCells', cells: [] }).ok).toBe(false);
    expect(
      parseIntent({
        type: 'setCells',
        cells: [{ receiverId: 'a', publisherId: 'c', streams: null }],
      }).ok,
    ).toBe(true);
  });
});
