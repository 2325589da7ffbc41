/**
 * What input means in the matrix, pure: which menu a target opens (right-click, the ⋯ buttons,
 * Shift+F10) and which keys are commands. GridState holds the focus, selection, open menu and
 * drag, and runs the actions these produce.
 */
import type { MatrixAction } from '../matrix/actions';
import type { GridPos, GridTarget } from '../matrix/grid';
import type { MenuGroup } from '../matrix/menus';
import { cellMenu, headerMenu, trayMenu } from '../matrix/menus';
import type { MatrixModel } from '../matrix/model';
import { presetForKey } from '../matrix/presets';

export interface KeyInput {
  readonly key: string;
  readonly shift: boolean;
  /** Ctrl or Cmd. */
  readonly ctrl: boolean;
  readonly alt: boolean;
}

export interface KeyResult {
  readonly handled: boolean;
  /** Move DOM focus here. */
  readonly focus?: GridPos;
  /** Open the focused element's menu. */
  readonly menu?: boolean;
}

export type Relation = 'self' | 'hears-it' | 'it-hears' | 'both' | null;

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
export function labelIn(model: Pick<MatrixModel, 'labels'>, id: string): string {
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

/**
 * The keys that are commands on the focused target: Enter (a cell's stream aliases, else its
 * menu), the menu key, Delete on a header (remove), a preset's letter on a focused participant.
 * null: not one of them.
 */
export function commandKey(
  input: KeyInput,
  t: GridTarget,
  participantId: string | null,
): { result: KeyResult; action?: MatrixAction } | null {
  if (input.key === 'Enter') {
    if (t.kind === 'cell') {
      const action: MatrixAction = {
        type: 'aliases',
        receiverId: t.receiverId,
        publisherId: t.publisherId,
      };
      return { result: { handled: true }, action };
    }
    return { result: { handled: t.kind !== 'none', menu: t.kind !== 'none' } };
  }
  if (input.key === 'ContextMenu' || (input.shift && input.key === 'F10')) {
    return { result: { handled: true, menu: true } };
  }
  if (
    (input.key === 'Delete' || input.key === 'Backspace') &&
    t.kind !== 'cell' &&
    t.kind !== 'none'
  ) {
    return {
      result: { handled: true },
      action: { type: 'remove', participantId: t.participantId },
    };
  }
  if (!input.ctrl && !input.alt && input.key.length === 1) {
    const preset = presetForKey(input.key);
    if (preset && participantId) {
      return { result: { handled: true }, action: { type: 'preset', preset, participantId } };
    }
  }
  return null;
}
