/**
 * Cells changed outside this console, kept from one observation to the next: each remembers what
 * Patchbay had, so the supervisor can keep that version (rewritten through the normal change path)
 * or take the server's (accepted as it is).
 */
import type { Intent, RoutingSession } from '$shared/routing';
import type { ObservedChange } from '$shared/dto/session-view';
import type { DriftCell, DriftMap } from '../matrix/drift';
import { NO_DRIFT, keepConsoleIntents, observeDrift, withoutReceiver } from '../matrix/drift';

export interface DriftedReceiver {
  readonly receiverId: string;
  readonly cells: readonly DriftCell[];
}

/** Holds the drifted cells only; the store groups them by receiver in its display order. */
export class MatrixDrift {
  #cells = $state.raw<DriftMap>(NO_DRIFT);

  get cells(): DriftMap {
    return this.#cells;
  }

  observe(session: RoutingSession, changes: readonly ObservedChange[]): void {
    const next = observeDrift(this.#cells, session, changes);
    if (next.size > 0 || this.#cells.size > 0) this.#cells = next;
  }

  /** The intents that put Patchbay's version of a receiver back. */
  keepConsole(receiverId: string): Intent[] {
    return keepConsoleIntents(this.#cells, receiverId);
  }

  /** The server's version of a receiver is taken as it is. */
  takeServer(receiverId: string): void {
    this.#cells = withoutReceiver(this.#cells, receiverId);
  }
}
