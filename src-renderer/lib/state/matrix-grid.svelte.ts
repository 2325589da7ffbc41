/**
 * The grid's interaction state: the one roving tab stop, hover and focus highlighting, multi-select,
 * what each key and click means, the open menu and the drag. Keys, clicks, menu items and drops all
 * become `MatrixAction`s handed to `run`.
 */
import type { DragPayload, DropTarget, MatrixAction } from '../matrix/actions';
import { dropAction } from '../matrix/actions';
import { readOnlyGroups } from '../matrix/menus';
import type { GridPos, GridTarget } from '../matrix/grid';
import {
  cellKey,
  clampPos,
  initialPos,
  isNavKey,
  lineCells,
  navigate,
  posOfCell,
  rectangle,
  targetAt,
} from '../matrix/grid';
import type { MatrixModel } from '../matrix/model';
import { neighbours } from '../matrix/model';
import { NO_KEYS, keepKeys, toggleKey, withKeys } from '../matrix/sets';
import type { KeyInput, KeyResult, MenuState, MenuTarget, Relation } from './matrix-input';
import { commandKey, menuFor } from './matrix-input';

export type { KeyInput, KeyResult, Relation } from './matrix-input';

export class GridState {
  #pos = $state.raw<GridPos>({ row: 1, col: 2 });
  #inside = $state(false);
  /** Focus has been in the grid at least once (until then no participant is "focused"). */
  #touched = $state(false);
  #hover = $state<string | null>(null);
  #hoverCell = $state<string | null>(null);
  #selection = $state.raw<ReadonlySet<string>>(NO_KEYS);
  #anchor: GridPos | null = null;
  /** The participant a header's menu or a preset last chose (presets act on it once focus leaves). */
  #chosen = $state<string | null>(null);
  #menu = $state.raw<MenuState | null>(null);
  #drag = $state.raw<DragPayload | null>(null);
  #dropKey = $state<string | null>(null);
  readonly #model: () => MatrixModel;
  readonly #run: (action: MatrixAction) => void;
  readonly #say: (text: string) => void;
  readonly #readOnly: () => string | null;
  #focus = $derived(clampPos(this.#pos, this.#ids().length));
  #target = $derived(targetAt(this.#focus, this.#ids()));
  #highlightId = $derived.by(() => {
    if (this.#hover !== null) return this.#hover;
    if (!this.#inside) return null;
    const t = this.#target;
    return t.kind === 'row-header' || t.kind === 'column-header' ? t.participantId : null;
  });
  #related = $derived(
    this.#highlightId === null ? null : neighbours(this.#matrix(), this.#highlightId),
  );

  /** `model` is the matrix on screen, `run` the one dispatcher, `say` the live region. */
  constructor(
    model: () => MatrixModel,
    run: (action: MatrixAction) => void,
    say: (text: string) => void,
    /** Why the call takes no change now (it ended): its menus' actions say so, disabled. */
    readOnly: () => string | null = () => null,
  ) {
    this.#model = model;
    this.#run = run;
    this.#say = say;
    this.#readOnly = readOnly;
    this.#pos = initialPos(model().ids.length);
  }

  #ids(): readonly string[] {
    return this.#model().ids;
  }
  #matrix(): MatrixModel {
    return this.#model();
  }

  get focus(): GridPos {
    return this.#focus;
  }
  get target(): GridTarget {
    return this.#target;
  }
  get inside(): boolean {
    return this.#inside;
  }
  get selection(): ReadonlySet<string> {
    return this.#selection;
  }
  get highlightId(): string | null {
    return this.#highlightId;
  }
  /** The participant the focus is about: a header's, or a cell's receiver. */
  get participantId(): string | null {
    if (!this.#touched) return null;
    const t = this.#target;
    if (t.kind === 'cell') return t.receiverId;
    return t.kind === 'none' ? null : t.participantId;
  }

  /** The participant the preset bar acts on: the focused one, else the last one chosen. */
  get current(): string | null {
    const id = this.participantId ?? this.#chosen;
    return id !== null && this.#ids().includes(id) ? id : null;
  }
  choose(participantId: string): void {
    this.#chosen = participantId;
  }

  tabIndex(row: number, col: number): 0 | -1 {
    return this.#focus.row === row && this.#focus.col === col ? 0 : -1;
  }
  isSelected(key: string): boolean {
    return this.#selection.has(key);
  }
  /** How a header relates to the highlighted participant. */
  relation(participantId: string): Relation {
    const id = this.#highlightId;
    if (id === null) return null;
    if (id === participantId) return 'self';
    const hearsIt = this.#related?.hearsIt.has(participantId) ?? false;
    const itHears = this.#related?.itHears.has(participantId) ?? false;
    if (hearsIt && itHears) return 'both';
    return hearsIt ? 'hears-it' : itHears ? 'it-hears' : null;
  }
  /** The cell whose toggle the inline preview describes: hovered, else focused. */
  get previewCell(): { receiverId: string; publisherId: string } | null {
    if (this.#hoverCell !== null) {
      const cell = this.#matrix().cells.get(this.#hoverCell);
      if (cell) return { receiverId: cell.receiverId, publisherId: cell.publisherId };
    }
    const t = this.#target;
    return this.#inside && t.kind === 'cell'
      ? { receiverId: t.receiverId, publisherId: t.publisherId }
      : null;
  }
  hoverCell(key: string | null): void {
    this.#hoverCell = key;
  }
  /** The hovered cell's key when the cell is in `receiverId`'s row, else null. */
  hoveredCellIn(receiverId: string): string | null {
    const key = this.#hoverCell;
    return key !== null && this.#matrix().cells.get(key)?.receiverId === receiverId ? key : null;
  }

  setInside(inside: boolean): void {
    this.#inside = inside;
    if (inside) this.#touched = true;
  }
  hover(participantId: string | null): void {
    this.#hover = participantId;
  }
  /** DOM focus arrived at `pos`; from elsewhere than the arrow keys, it also anchors the selection. */
  focusAt(pos: GridPos): void {
    if (pos.row !== this.#pos.row || pos.col !== this.#pos.col) this.#anchor = pos;
    this.#pos = pos;
  }
  focusCell(receiverId: string, publisherId: string): GridPos | null {
    const pos = posOfCell(this.#model().ids, receiverId, publisherId);
    if (pos) this.#pos = pos;
    return pos;
  }

  select(keys: readonly string[], extend: boolean): void {
    this.#selection = withKeys(extend ? this.#selection : NO_KEYS, keys);
  }
  clearSelection(): void {
    if (this.#selection.size > 0) this.#selection = NO_KEYS;
  }
  /** Forgets selected cells that are no longer in the grid. */
  prune(): void {
    const cells = this.#model().cells;
    this.#selection = keepKeys(this.#selection, (k) => cells.has(k));
  }

  #toggleSelected(key: string): void {
    this.#selection = toggleKey(this.#selection, key);
  }

  /** Shift+Space: a cell joins or leaves the selection; a header selects its whole line. */
  #selectHere(): void {
    const t = this.#target;
    const ids = this.#model().ids;
    if (t.kind === 'cell') this.#toggleSelected(cellKey(t.receiverId, t.publisherId));
    else if (t.kind === 'row-header') this.select(lineCells(ids, t.participantId, 'row'), true);
    else if (t.kind === 'column-header') {
      this.select(lineCells(ids, t.participantId, 'column'), true);
    }
  }

  /** Space or a click on a cell: the selection as one change when the cell is in it, else the cell. */
  #toggle(receiverId: string, publisherId: string, useSelection: boolean): void {
    const key = cellKey(receiverId, publisherId);
    const cell = this.#model().cells.get(key);
    if (!cell) return;
    if (useSelection && this.#selection.size > 1 && this.#selection.has(key)) {
      this.#run({ type: 'applySelection', on: cell.value === null });
      return;
    }
    this.#run({
      type: 'change',
      source: 'toggle',
      intents: [
        cell.value === null
          ? { type: 'subscribe', receiverId, publisherId }
          : { type: 'unsubscribe', receiverId, publisherId },
      ],
    });
  }

  onKey(input: KeyInput): KeyResult {
    const size = this.#model().ids.length;
    const t = this.#target;
    if (isNavKey(input.key)) {
      const next = navigate(this.#focus, input.key, size, input.ctrl);
      if (input.shift && !input.ctrl) {
        const anchor = this.#anchor ?? this.#focus;
        this.#anchor = anchor;
        this.select(rectangle(anchor, next, this.#model().ids), false);
      } else this.#anchor = next;
      this.#pos = next;
      return { handled: true, focus: next };
    }
    if (input.key === ' ' || input.key === 'Spacebar') {
      if (input.shift || t.kind !== 'cell') this.#selectHere();
      else this.#toggle(t.receiverId, t.publisherId, true);
      return { handled: true };
    }
    if (input.key === 'Escape') {
      const had = this.#selection.size > 0;
      this.clearSelection();
      return { handled: had };
    }
    if (input.ctrl && input.key.toLowerCase() === 'a') {
      this.select([...this.#model().cells.keys()], false);
      return { handled: true };
    }
    const command = commandKey(input, t, this.participantId);
    if (command?.action) this.#run(command.action);
    return command?.result ?? { handled: false };
  }

  /** A click on a cell: toggle; with Ctrl/Cmd add to the selection; with Shift select a range. */
  onCellClick(receiverId: string, publisherId: string, shift: boolean, ctrl: boolean): void {
    const pos = this.focusCell(receiverId, publisherId);
    if (!pos) return;
    if (ctrl) {
      this.#anchor = pos;
      this.#toggleSelected(cellKey(receiverId, publisherId));
      return;
    }
    if (shift) {
      this.select(rectangle(this.#anchor ?? pos, pos, this.#model().ids), false);
      return;
    }
    this.#anchor = pos;
    this.clearSelection();
    this.#toggle(receiverId, publisherId, false);
  }

  /** A click on a header: focus it; with Ctrl/Cmd or Shift add its line to the selection. */
  onHeaderClick(participantId: string, axis: 'row' | 'column', extend: boolean): void {
    const index = this.#model().ids.indexOf(participantId) + 1;
    if (index === 0) return;
    this.#pos = axis === 'row' ? { row: index, col: 0 } : { row: 0, col: index };
    this.#anchor = this.#pos;
    if (extend) this.select(lineCells(this.#model().ids, participantId, axis), true);
  }

  get menu(): MenuState | null {
    return this.#menu;
  }
  get dragging(): DragPayload | null {
    return this.#drag;
  }
  isDropTarget(key: string): boolean {
    return this.#dropKey === key;
  }

  openMenu(target: MenuTarget, x: number, y: number): void {
    if (target.kind === 'header') this.#chosen = target.participantId;
    const menu = menuFor(this.#model(), this.#selection, target, x, y);
    const reason = this.#readOnly();
    if (menu)
      this.#menu =
        reason === null ? menu : { ...menu, groups: readOnlyGroups(menu.groups, reason) };
  }
  closeMenu(): void {
    this.#menu = null;
  }
  chooseMenu(groupIndex: number, itemIndex: number): void {
    const item = this.#menu?.groups[groupIndex]?.items[itemIndex];
    if (!item) return;
    if (item.disabled) return this.#say(item.disabled);
    this.#menu = null;
    this.#run(item.action);
  }

  dragStart(payload: DragPayload): void {
    this.#drag = payload;
    this.#menu = null;
  }
  /** While dragging over a target: true when a drop there means something (and it is lit). */
  dragOver(target: DropTarget, key: string): boolean {
    const payload = this.#drag;
    if (!payload || dropAction(payload, target) === null) return false;
    this.#dropKey = key;
    return true;
  }
  dragLeave(key: string): void {
    if (this.#dropKey === key) this.#dropKey = null;
  }
  drop(target: DropTarget, fallback: DragPayload | null = null): void {
    const payload = this.#drag ?? fallback;
    this.dragEnd();
    const action = payload ? dropAction(payload, target) : null;
    if (action) this.#run(action);
  }
  dragEnd(): void {
    this.#drag = null;
    this.#dropKey = null;
  }
}
