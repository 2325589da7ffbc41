/** Destructive items come last in every menu: a slip of the arrow keys never lands on one first. */
import { describe, expect, it } from 'vitest';
import { menuFor } from '../../../../src-renderer/lib/state/matrix-input';
import { buildMatrix } from '../../../../src-renderer/lib/matrix/model';
import { A, C, S, monitoredCall } from './fixtures';

describe('menus keep their destructive items last', () => {
  const model = buildMatrix(monitoredCall());
  const targets = [
    ...[C, A, S].flatMap((id) => [
      { kind: 'header' as const, participantId: id, axis: 'row' as const },
      { kind: 'header' as const, participantId: id, axis: 'column' as const },
    ]),
    ...[...model.cells.keys()].map((key) => ({ kind: 'cell' as const, key })),
    { kind: 'tray' as const, participantId: 'someone-else' },
  ];

  it.each(targets)('%o', (target) => {
    const menu = menuFor(model, new Set(), target, 0, 0);
    const flags = (menu?.groups ?? []).flatMap((g) => g.items.map((i) => i.danger === true));
    const firstDanger = flags.indexOf(true);
    if (firstDanger !== -1) expect(flags.slice(firstDanger).every(Boolean)).toBe(true);
    if (target.kind === 'header') expect(flags.at(-1)).toBe(true);
  });
});
