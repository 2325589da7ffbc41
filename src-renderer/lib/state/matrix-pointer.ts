/**
 * The pointer's menus (right-click, the ⋯ buttons, Shift+F10): which menu a target opens, built
 * from the model. Pure; GridState holds the open menu and the drag, and runs what they choose.
 */
import type { MenuGroup } from '../matrix/menus';
import { cellMenu, headerMenu, trayMenu } from '../matrix/menus';
import type { MatrixModel } from '../matrix/model';

export type MenuTarget =
  | { readonly kind: 'cell'; readonly key: string }
  | { readonly kind: 'header'; readonly participantId: string; readonly axis: 'row' | 'column' }
  | { readonly kind: 'tray'; readonly participantId: string };

export interface MenuState {
  readonly target: MenuTarget;
  readonly title: string;
  readonly groups: readonly MenuGroup[];
  readonly x: number;
  readonly y: number;
}

/** A participant's label in the matrix ("Customer 7f3a"). */
export function labelIn(model: MatrixModel, id: string): string {
  return model.labels.get(id) ?? `Participant ${id.slice(0, 4)}`;
}

/** The menu `target` opens at (x, y); null when its cell is gone. */
export function menuFor(
  model: MatrixModel,
  selection: ReadonlySet<string>,
  target: MenuTarget,
  x: number,
  y: number,
): MenuState | null {
  if (target.kind === 'cell') {
    const cell = model.cells.get(target.key);
    if (!cell) return null;
    const title = `${labelIn(model, cell.receiverId)} hears ${labelIn(model, cell.publisherId)}?`;
    return { target, title, groups: cellMenu(model, cell, [...selection]), x, y };
  }
  if (target.kind === 'header') {
    const groups = headerMenu(model, target.participantId, target.axis);
    return { target, title: labelIn(model, target.participantId), groups, x, y };
  }
  const groups = trayMenu(target.participantId, model.ids.length);
  return { target, title: 'Participant in the tray', groups, x, y };
}
