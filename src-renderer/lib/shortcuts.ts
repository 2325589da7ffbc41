/**
 * The console's own keyboard shortcuts, two keys each so none collides with the browser, the
 * operating system or a screen reader (which keep Alt, Ctrl and single letters in browse mode):
 * G then F goes to the floor, G then C to the call list, G then M to the matrix; ? shows them all.
 * Pure: the caller passes each key press and acts on the result.
 */

export type ShortcutTarget = 'floor' | 'calls' | 'matrix';

export interface Shortcut {
  readonly target: ShortcutTarget;
  /** The keys as shown to the supervisor. */
  readonly keys: string;
  /** Where it goes, in words ("the call list"). */
  readonly what: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { target: 'floor', keys: 'G then F', what: 'the floor' },
  { target: 'calls', keys: 'G then C', what: 'the call list' },
  { target: 'matrix', keys: 'G then M', what: 'the matrix' },
];

const SECOND_KEY: Readonly<Record<string, ShortcutTarget>> = {
  f: 'floor',
  c: 'calls',
  m: 'matrix',
};

export interface ShortcutKey {
  readonly key: string;
  /** Ctrl, Alt or Meta held: never one of ours. */
  readonly modified: boolean;
}

/** What a key press means: go somewhere, show the help, wait for the second key, or nothing. */
export type ShortcutResult =
  | { readonly kind: 'go'; readonly target: ShortcutTarget }
  | { readonly kind: 'help' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'none' };

/**
 * The meaning of `input` after the previous key left the sequence `pending` (G pressed). Any other
 * key after G ends the sequence and keeps its own meaning.
 */
export function readShortcut(input: ShortcutKey, pending: boolean): ShortcutResult {
  if (input.modified) return { kind: 'none' };
  const key = input.key.toLowerCase();
  if (pending) {
    const target = SECOND_KEY[key];
    return target ? { kind: 'go', target } : { kind: 'none' };
  }
  if (key === 'g') return { kind: 'pending' };
  if (input.key === '?') return { kind: 'help' };
  return { kind: 'none' };
}

/**
 * Push-to-talk: T held opens my muted microphone until it is released. One letter that nothing
 * else uses (the matrix keeps the arrows, Space, Enter and its preset letters; G starts the
 * G-keys); like them, it is not read in text fields, menus or dialogs.
 */
export const PUSH_TO_TALK = { key: 't', keys: 'T (hold)' } as const;

/** Whether a key (down or up) is push-to-talk's. */
export function isPushToTalk(input: ShortcutKey): boolean {
  return !input.modified && input.key.toLowerCase() === PUSH_TO_TALK.key;
}
