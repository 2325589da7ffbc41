/**
 * The pointer's side of the matrix: which menu is open (right-click, the ⋯ buttons, Shift+F10)
 * and what is being dragged over what. Menu items and drops become the same `MatrixAction`s the
 * keys produce, handed to `run`.
 */
import type { DragPayload, DropTarget, MatrixAction } from '../matrix/actions';
import { dropAction } from '../matrix/actions';
import type { MenuGroup } from '../matrix/menus';
import { cellMenu, headerMenu, trayMenu } from '../matrix/menus';
import type { MatrixModel } from '../matrix/model';
import type { Announcer } from './matrix-announcer.svelte';

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

export interface PointerHost {
  model(): MatrixModel;
  selection(): ReadonlySet<string>;
  label(id: string): string;
  /** A header's menu opened: that participant is the one presets apply to. */
  focusParticipant(id: string): void;
  run(action: MatrixAction): void;
}

export class MatrixPointer {
  #menu = $state.raw<MenuState | null>(null);
  #drag = $state.raw<DragPayload | null>(null);
  #dropKey = $state<string | null>(null);
  readonly #host: PointerHost;
  readonly #announcer: Announcer;

  constructor(host: PointerHost, announcer: Announcer) {
    this.#host = host;
    this.#announcer = announcer;
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
    const model = this.#host.model();
    if (target.kind === 'cell') {
      const cell = model.cells.get(target.key);
      if (!cell) return;
      const title = `${this.#host.label(cell.receiverId)} hears ${this.#host.label(cell.publisherId)}?`;
      const groups = cellMenu(model, cell, [...this.#host.selection()]);
      this.#menu = { target, title, groups, x, y };
    } else if (target.kind === 'header') {
      this.#host.focusParticipant(target.participantId);
      const groups = headerMenu(model, target.participantId, target.axis);
      this.#menu = { target, title: this.#host.label(target.participantId), groups, x, y };
    } else {
      const groups = trayMenu(target.participantId, model.ids.length);
      this.#menu = { target, title: 'Participant in the tray', groups, x, y };
    }
  }

  closeMenu(): void {
    this.#menu = null;
  }

  chooseMenu(groupIndex: number, itemIndex: number): void {
    const item = this.#menu?.groups[groupIndex]?.items[itemIndex];
    if (!item) return;
    if (item.disabled) {
      this.#announcer.say(item.disabled);
      return;
    }
    this.#menu = null;
    this.#host.run(item.action);
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
    if (action) this.#host.run(action);
  }

  dragEnd(): void {
    this.#drag = null;
    this.#dropKey = null;
  }
}
