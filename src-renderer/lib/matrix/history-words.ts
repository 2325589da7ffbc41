/**
 * What the Undo and Redo buttons say: what each will do ("Undo: Dana Whitfield whispers to Sam
 * Lee"), or why it cannot (nothing to take back, nothing to bring back, the call has ended). Pure.
 */
import type { HistoryState } from '$shared/dto/routing';

export interface StepButton {
  /** The button's text (and accessible name). */
  readonly text: string;
  /** Its tooltip: the whole change, or the reason. */
  readonly title: string;
  /** Why it does nothing now; null while it can act. */
  readonly reason: string | null;
}

function step(
  verb: 'Undo' | 'Redo',
  can: boolean,
  label: string | undefined,
  readOnly: string | null,
): StepButton {
  const reason = readOnly ?? (can ? null : `Nothing to ${verb.toLowerCase()}`);
  if (reason !== null) return { text: verb, title: reason, reason };
  const what = label?.trim() ? label.trim() : 'the last change';
  return { text: `${verb}: ${what}`, title: `${verb}: ${what}`, reason: null };
}

/** Both buttons for main's history of the session (`readOnly`: why the call takes no change). */
export function historyButtons(
  state: HistoryState,
  readOnly: string | null = null,
): { readonly undo: StepButton; readonly redo: StepButton } {
  return {
    undo: step('Undo', state.canUndo, state.undoLabel, readOnly),
    redo: step('Redo', state.canRedo, state.redoLabel, readOnly),
  };
}
