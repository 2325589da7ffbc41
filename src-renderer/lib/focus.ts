/**
 * Where focus goes back to. Every dialog, menu and notice remembers where focus was when it
 * opened and hands it back when it closes; when that element is gone (re-rendered, or the row it
 * was in changed), its replacement — the element with the same grid position, cell, test id, id or
 * name — gets it, else the matrix's tab stop, else the page's main region. Focus never falls back
 * to `<body>`.
 *
 * Overlays that close as another opens (a context menu whose item opens a dialog) are marked
 * `data-focus-transient`: focus inside one is never remembered, the place focus had before it is.
 */

/** Attributes that name an element across re-renders, most specific first. */
const KEY_ATTRIBUTES = [
  'data-pos',
  'data-cell',
  'data-focus-key',
  'data-testid',
  'data-session-id',
  'data-preset',
  'id',
] as const;

/** The matrix's one tab stop, the fallback when the element and its replacement are gone. */
const GRID_TAB_STOP = '[role="grid"] [tabindex="0"]';

/** Where focus was: the element, and how to find its replacement if it is re-rendered. */
export interface FocusMemo {
  readonly element: HTMLElement | null;
  /** A selector for the element itself (by a key attribute), or null when it has none. */
  readonly selector: string | null;
  /** A selector for its nearest keyed ancestor, and the element's tag and name inside it. */
  readonly within: {
    readonly selector: string;
    readonly tag: string;
    readonly name: string;
  } | null;
}

const NOWHERE: FocusMemo = { element: null, selector: null, within: null };

/** The last focused element outside any transient overlay (kept by `trackFocus`). */
let lastSteady: FocusMemo = NOWHERE;

function selectorOf(element: Element): string | null {
  for (const attribute of KEY_ATTRIBUTES) {
    const value = element.getAttribute(attribute);
    if (value) return `[${attribute}="${CSS.escape(value)}"]`;
  }
  return null;
}

/** What an element is called: its label, else its text (whitespace folded). */
function nameOf(element: Element): string {
  const label = element.getAttribute('aria-label');
  return (label ?? element.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function isTransient(element: Element): boolean {
  return element.closest('[data-focus-transient]') !== null;
}

/** A memo of `element`: the element and the selectors that find its replacement. */
function memoOf(element: HTMLElement | null): FocusMemo {
  if (element === null || element === document.body) return NOWHERE;
  const selector = selectorOf(element);
  let within: FocusMemo['within'] = null;
  for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
    const found = selectorOf(up);
    if (found) {
      within = { selector: found, tag: element.tagName, name: nameOf(element) };
      break;
    }
  }
  return { element, selector, within };
}

/**
 * Where focus is now, to come back to. Inside a transient overlay (a menu being replaced by the
 * dialog its item opens) it is the place focus had before the overlay.
 */
export function rememberFocus(): FocusMemo {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || active === document.body) return lastSteady;
  return isTransient(active) ? lastSteady : memoOf(active);
}

function isFocusable(element: HTMLElement | null): element is HTMLElement {
  if (element === null || !element.isConnected) return false;
  if (element.closest('[inert], [hidden]')) return false;
  if ((element as HTMLButtonElement).disabled) return false;
  return element.getClientRects().length > 0;
}

/**
 * A stand-in may take focus: never a destructive control (the "Delete session…" of the call that
 * replaced a deleted one: one more Enter must not aim at another call).
 */
function isSafeStandIn(element: HTMLElement | null): element is HTMLElement {
  return isFocusable(element) && !element.classList.contains('danger');
}

/** The element a memo stands for now: itself, its replacement, or null. */
function findReplacement(memo: FocusMemo): HTMLElement | null {
  if (isFocusable(memo.element)) return memo.element;
  if (memo.selector) {
    const same = document.querySelector<HTMLElement>(memo.selector);
    if (isSafeStandIn(same)) return same;
  }
  if (memo.within) {
    const { selector, tag, name } = memo.within;
    const scope = document.querySelector(selector);
    const match = [...(scope?.querySelectorAll<HTMLElement>(tag) ?? [])].find(
      (candidate) => nameOf(candidate) === name,
    );
    if (isSafeStandIn(match ?? null)) return match ?? null;
  }
  return null;
}

/**
 * Gives focus back to where the memo says it was (or its replacement, or the matrix's tab stop,
 * or `#main`). Leaves focus alone when an open modal dialog holds it.
 */
export function restoreFocus(memo: FocusMemo): void {
  const open = document.querySelector('dialog[open]');
  if (open && open.contains(document.activeElement)) return;
  const target =
    findReplacement(memo) ??
    document.querySelector<HTMLElement>(GRID_TAB_STOP) ??
    document.getElementById('main');
  target?.focus();
}

/**
 * Follows focus for the whole page: remembers the last steady place, and when the focused element
 * is removed (focus would fall to `<body>`) gives focus to its replacement. Returns the stop.
 */
export function trackFocus(root: Document = document): () => void {
  let current: FocusMemo = NOWHERE;
  const onFocusIn = (event: FocusEvent): void => {
    const target = event.target;
    if (!(target instanceof HTMLElement)) return;
    current = memoOf(target);
    // A dialog's own controls are no place to come back to once it has closed.
    if (!isTransient(target) && target.closest('dialog') === null) lastSteady = current;
  };
  const observer = new MutationObserver(() => {
    const lost = current;
    if (lost.element === null || lost.element.isConnected) return;
    // After the explicit hand-backs (dialogs and menus restore in a microtask).
    setTimeout(() => {
      if (root.activeElement !== root.body && root.activeElement !== null) return;
      if (lost.element?.isConnected) return;
      restoreFocus(isTransient(lost.element ?? root.body) ? lastSteady : lost);
    }, 0);
  });
  root.addEventListener('focusin', onFocusIn);
  observer.observe(root.body, { childList: true, subtree: true });
  return () => {
    root.removeEventListener('focusin', onFocusIn);
    observer.disconnect();
  };
}
