/**
 * The matrix as a WAI-ARIA grid: positions, the one roving tab stop, arrow/Home/End navigation
 * (the diagonal is not a cell and is skipped), rectangles for multi-select. Pure: no DOM.
 *
 * Row 0 holds the column headers (publishers), column 0 the row headers (receivers); participant
 * `i` (0-based, in the session's order) is row `i + 1` and column `i + 1`. `(0, 0)` is the corner.
 */

export interface GridPos {
  readonly row: number;
  readonly col: number;
}

/** What a grid position stands for. */
export type GridTarget =
  | { readonly kind: 'column-header'; readonly participantId: string }
  | { readonly kind: 'row-header'; readonly participantId: string }
  | { readonly kind: 'cell'; readonly receiverId: string; readonly publisherId: string }
  | { readonly kind: 'none' };

/** Keys a cell is known by in maps and DOM attributes. Ids never contain a space. */
export function cellKey(receiverId: string, publisherId: string): string {
  return `${receiverId} ${publisherId}`;
}

export function splitCellKey(key: string): { receiverId: string; publisherId: string } | null {
  const [receiverId, publisherId, extra] = key.split(' ');
  if (!receiverId || !publisherId || extra !== undefined) return null;
  return { receiverId, publisherId };
}

export function posKey(pos: GridPos): string {
  return `${pos.row}:${pos.col}`;
}

/** True for headers and real cells; false for the corner, the diagonal and anything outside. */
export function isFocusable(pos: GridPos, size: number): boolean {
  const { row, col } = pos;
  if (row < 0 || col < 0 || row > size || col > size) return false;
  if (row === 0 && col === 0) return false;
  return !(row > 0 && row === col);
}

export function targetAt(pos: GridPos, ids: readonly string[]): GridTarget {
  if (!isFocusable(pos, ids.length)) return { kind: 'none' };
  const receiverId = ids[pos.row - 1];
  const publisherId = ids[pos.col - 1];
  if (pos.row === 0 && publisherId) return { kind: 'column-header', participantId: publisherId };
  if (pos.col === 0 && receiverId) return { kind: 'row-header', participantId: receiverId };
  if (receiverId && publisherId) return { kind: 'cell', receiverId, publisherId };
  return { kind: 'none' };
}

/** The participant a position is about: the header's, or a cell's receiver (its row). */
export function participantAt(pos: GridPos, ids: readonly string[]): string | null {
  const target = targetAt(pos, ids);
  if (target.kind === 'cell') return target.receiverId;
  return target.kind === 'none' ? null : target.participantId;
}

export function posOfCell(
  ids: readonly string[],
  receiverId: string,
  publisherId: string,
): GridPos | null {
  const row = ids.indexOf(receiverId) + 1;
  const col = ids.indexOf(publisherId) + 1;
  return row > 0 && col > 0 && row !== col ? { row, col } : null;
}

/** The first focusable position: the first real cell, else the first header. */
export function initialPos(size: number): GridPos {
  if (size >= 2) return { row: 1, col: 2 };
  return size === 1 ? { row: 0, col: 1 } : { row: 0, col: 0 };
}

/** Keeps a position inside a grid that may have shrunk, on something focusable. */
export function clampPos(pos: GridPos, size: number): GridPos {
  if (isFocusable(pos, size)) return pos;
  const row = Math.min(pos.row, size);
  const col = Math.min(pos.col, size);
  for (const candidate of [
    { row, col },
    { row, col: col - 1 },
    { row, col: col + 1 },
  ]) {
    if (isFocusable(candidate, size)) return candidate;
  }
  return initialPos(size);
}

export type NavKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End';

export function isNavKey(key: string): key is NavKey {
  return ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(key);
}

function step(pos: GridPos, dRow: number, dCol: number, size: number): GridPos {
  let next = { row: pos.row + dRow, col: pos.col + dCol };
  // The diagonal is skipped over; the corner and the outside stop the move.
  if (next.row > 0 && next.row === next.col) next = { row: next.row + dRow, col: next.col + dCol };
  return isFocusable(next, size) ? next : pos;
}

function rowEnd(row: number, size: number, last: boolean): GridPos {
  if (!last) return { row, col: row === 0 ? 1 : 0 };
  const col = row === size ? size - 1 : size;
  return isFocusable({ row, col }, size) ? { row, col } : { row, col: 0 };
}

/**
 * Where a navigation key moves focus. Home/End go to the ends of the row; with Ctrl (or Cmd) to
 * the first header and the last cell of the grid. Edges stop movement (no wrapping).
 */
export function navigate(pos: GridPos, key: NavKey, size: number, ctrl = false): GridPos {
  if (size === 0) return pos;
  switch (key) {
    case 'ArrowUp':
      return step(pos, -1, 0, size);
    case 'ArrowDown':
      return step(pos, 1, 0, size);
    case 'ArrowLeft':
      return step(pos, 0, -1, size);
    case 'ArrowRight':
      return step(pos, 0, 1, size);
    case 'Home':
      return ctrl ? { row: 0, col: 1 } : rowEnd(pos.row, size, false);
    case 'End':
      return ctrl ? rowEnd(size, size, true) : rowEnd(pos.row, size, true);
  }
}

/** Every real cell in the rectangle spanned by two cell positions (headers count as their edge). */
export function rectangle(a: GridPos, b: GridPos, ids: readonly string[]): string[] {
  const size = ids.length;
  const rows = [Math.max(1, Math.min(a.row, b.row)), Math.max(a.row, b.row)];
  const cols = [Math.max(1, Math.min(a.col, b.col)), Math.max(a.col, b.col)];
  const fromRow = a.row === 0 || b.row === 0 ? 1 : (rows[0] ?? 1);
  const toRow = a.row === 0 || b.row === 0 ? size : (rows[1] ?? 1);
  const fromCol = a.col === 0 || b.col === 0 ? 1 : (cols[0] ?? 1);
  const toCol = a.col === 0 || b.col === 0 ? size : (cols[1] ?? 1);
  const keys: string[] = [];
  for (let row = fromRow; row <= toRow; row += 1) {
    for (let col = fromCol; col <= toCol; col += 1) {
      const receiverId = ids[row - 1];
      const publisherId = ids[col - 1];
      if (row !== col && receiverId && publisherId) keys.push(cellKey(receiverId, publisherId));
    }
  }
  return keys;
}

/** The cells of one row (what a receiver hears) or one column (who hears a publisher). */
export function lineCells(
  ids: readonly string[],
  participantId: string,
  axis: 'row' | 'column',
): string[] {
  return ids
    .filter((other) => other !== participantId)
    .map((other) =>
      axis === 'row' ? cellKey(participantId, other) : cellKey(other, participantId),
    );
}
