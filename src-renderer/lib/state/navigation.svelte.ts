/**
 * Which screen the console shows, and the call the audit screen opens filtered to when a call page
 * asks for "all changes on this call".
 */
import type { Screen } from '../location';

export class NavigationStore {
  #screen = $state<Screen>('floor');
  #auditCall = $state<string | null>(null);

  /** @param start the screen the address named when the console loaded (the floor otherwise) */
  constructor(start: Screen = 'floor') {
    this.#screen = start;
  }

  get screen(): Screen {
    return this.#screen;
  }

  /** The call the audit screen starts filtered to (null: every call). */
  get auditCall(): string | null {
    return this.#auditCall;
  }

  go(screen: Screen): void {
    if (screen === 'audit') this.#auditCall = null;
    this.#screen = screen;
  }

  /** The audit screen, filtered to one call's changes. */
  openAudit(sessionId: string): void {
    this.#auditCall = sessionId;
    this.#screen = 'audit';
  }
}
