import { describe, expect, it } from 'vitest';
import { foldCellIntents } from '../../../../src-renderer/lib/matrix/changes';

describe('foldCellIntents', () => {
  it('turns several cell intents into one setCells intent', () => {
    expect(
      foldCellIntents([
        { type: 'subscribe', receiverId: 'a', publisherId: 'b' },
        { type: 'unsubscribe', receiverId: 'b', publisherId: 'a' },
        { type: 'setStreams', receiverId: 'c', publisherId: 'a', streams: ['camera'] },
      ]),
    ).toEqual([
      {
        type: 'setCells',
        cells: [
          { receiverId: 'a', publisherId: 'b', streams: 'all' },
          { receiverId: 'b', publisherId: 'a', streams: null },
          { receiverId: 'c', publisherId: 'a', streams: ['camera'] },
        ],
      },
    ]);
  });

  it('leaves a single intent and anything that is not a cell as it is', () => {
    const one = [{ type: 'subscribe', receiverId: 'a', publisherId: 'b' }] as const;
    expect(foldCellIntents(one)).toBe(one);
    const mixed = [
      { type: 'subscribe', receiverId: 'a', publisherId: 'b' },
      { type: 'monitor', supervisorId: 's' },
    ] as const;
    expect(foldCellIntents(mixed)).toBe(mixed);
  });
});
