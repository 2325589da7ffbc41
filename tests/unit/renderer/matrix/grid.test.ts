import { describe, expect, it } from 'vitest';
import {
  cellKey,
  clampPos,
  initialPos,
  isFocusable,
  lineCells,
  navigate,
  participantAt,
  posOfCell,
  rectangle,
  splitCellKey,
  targetAt,
} from '../../../../src-renderer/lib/matrix/grid';

const ids = ['a', 'b', 'c'];

describe('grid positions', () => {
  it('headers and real cells are focusable; the corner and the diagonal are not', () => {
    expect(isFocusable({ row: 0, col: 0 }, 3)).toBe(false);
    expect(isFocusable({ row: 0, col: 2 }, 3)).toBe(true);
    expect(isFocusable({ row: 2, col: 0 }, 3)).toBe(true);
    expect(isFocusable({ row: 2, col: 2 }, 3)).toBe(false);
    expect(isFocusable({ row: 2, col: 3 }, 3)).toBe(true);
    expect(isFocusable({ row: 4, col: 1 }, 3)).toBe(false);
  });

  it('names what a position stands for', () => {
    expect(targetAt({ row: 0, col: 1 }, ids)).toEqual({
      kind: 'column-header',
      participantId: 'a',
    });
    expect(targetAt({ row: 3, col: 0 }, ids)).toEqual({ kind: 'row-header', participantId: 'c' });
    expect(targetAt({ row: 1, col: 3 }, ids)).toEqual({
      kind: 'cell',
      receiverId: 'a',
      publisherId: 'c',
    });
    expect(targetAt({ row: 1, col: 1 }, ids)).toEqual({ kind: 'none' });
    expect(participantAt({ row: 2, col: 3 }, ids)).toBe('b');
  });

  it('keys cells and finds them again', () => {
    expect(splitCellKey(cellKey('a', 'b'))).toEqual({ receiverId: 'a', publisherId: 'b' });
    expect(splitCellKey('nonsense')).toBeNull();
    expect(posOfCell(ids, 'b', 'a')).toEqual({ row: 2, col: 1 });
    expect(posOfCell(ids, 'b', 'b')).toBeNull();
  });

  it('starts on the first real cell and stays inside a grid that shrank', () => {
    expect(initialPos(3)).toEqual({ row: 1, col: 2 });
    expect(initialPos(1)).toEqual({ row: 0, col: 1 });
    expect(clampPos({ row: 3, col: 2 }, 2)).toEqual({ row: 2, col: 1 });
    expect(isFocusable(clampPos({ row: 5, col: 5 }, 3), 3)).toBe(true);
  });
});

describe('navigation', () => {
  it('arrows move one step and skip the diagonal', () => {
    expect(navigate({ row: 1, col: 0 }, 'ArrowRight', 3)).toEqual({ row: 1, col: 2 });
    expect(navigate({ row: 1, col: 2 }, 'ArrowDown', 3)).toEqual({ row: 3, col: 2 });
    expect(navigate({ row: 2, col: 1 }, 'ArrowUp', 3)).toEqual({ row: 0, col: 1 });
  });

  it('stops at edges and at the corner', () => {
    expect(navigate({ row: 0, col: 1 }, 'ArrowLeft', 3)).toEqual({ row: 0, col: 1 });
    expect(navigate({ row: 1, col: 0 }, 'ArrowUp', 3)).toEqual({ row: 1, col: 0 });
    expect(navigate({ row: 3, col: 2 }, 'ArrowDown', 3)).toEqual({ row: 3, col: 2 });
    // (3,3) is the diagonal and there is nothing beyond it: stay.
    expect(navigate({ row: 3, col: 2 }, 'ArrowRight', 3)).toEqual({ row: 3, col: 2 });
  });

  it('Home and End go to the ends of a row; with Ctrl to the corners of the grid', () => {
    expect(navigate({ row: 2, col: 3 }, 'Home', 3)).toEqual({ row: 2, col: 0 });
    expect(navigate({ row: 0, col: 2 }, 'Home', 3)).toEqual({ row: 0, col: 1 });
    expect(navigate({ row: 2, col: 0 }, 'End', 3)).toEqual({ row: 2, col: 3 });
    expect(navigate({ row: 3, col: 0 }, 'End', 3)).toEqual({ row: 3, col: 2 });
    expect(navigate({ row: 2, col: 2 }, 'Home', 3, true)).toEqual({ row: 0, col: 1 });
    expect(navigate({ row: 1, col: 2 }, 'End', 3, true)).toEqual({ row: 3, col: 2 });
  });
});

describe('selection shapes', () => {
  it('a rectangle of cells leaves out the diagonal', () => {
    expect(rectangle({ row: 1, col: 1 }, { row: 2, col: 2 }, ids)).toEqual([
      cellKey('a', 'b'),
      cellKey('b', 'a'),
    ]);
    expect(rectangle({ row: 1, col: 2 }, { row: 2, col: 3 }, ids)).toEqual([
      cellKey('a', 'b'),
      cellKey('a', 'c'),
      cellKey('b', 'c'),
    ]);
  });

  it('a header in a corner of the rectangle stands for its whole line', () => {
    expect(rectangle({ row: 0, col: 3 }, { row: 0, col: 3 }, ids)).toEqual([
      cellKey('a', 'c'),
      cellKey('b', 'c'),
    ]);
    expect(lineCells(ids, 'b', 'row')).toEqual([cellKey('b', 'a'), cellKey('b', 'c')]);
    expect(lineCells(ids, 'b', 'column')).toEqual([cellKey('a', 'b'), cellKey('c', 'b')]);
  });
});
