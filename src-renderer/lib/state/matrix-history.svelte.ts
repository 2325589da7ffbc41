/**
 * Undo and redo of whole changes, per session. main keeps one history entry per apply; a change
 * this console sent as several applies (a multi-cell selection, a drift fix) is remembered here as
 * one group and undone or redone step by step, as one. When main's top entry is not the group's
 * (someone else's change, a timed route that ended), one step is taken, as main would. A redo that
 * relies on a role only a tag suggested is refused by main until the user confirms the guess:
 * `confirming` holds the question, `confirmRedo` sends the redo again, confirmed.
 */
import type { PatchbayBridge } from '../api';
import type { HistoryState } from '$shared/dto/routing';
import { failedStepOf, failedStepText, failureTitle, outcomeOf } from '../matrix/outcomes';
import type { Banner } from '../matrix/requests';

export interface HistoryHost {
  /** Runs after everything this console already sent for the session. */
  enqueue(task: () => Promise<void>): Promise<void>;
  tell(banner: Banner): void;
  /** Says a line in the matrix's live region. */
  say(text: string): void;
  clear(): void;
}

interface Group {
  /** main's label of each step, in order. */
  readonly labels: readonly string[];
  readonly routeIds: readonly string[];
}

const NO_HISTORY: HistoryState = { canUndo: false, canRedo: false };

export class MatrixHistory {
  #state = $state.raw<HistoryState>(NO_HISTORY);
  #confirming = $state<string | null>(null);
  #undoGroups: Group[] = [];
  #redoGroups: Group[] = [];
  readonly #bridge: Pick<PatchbayBridge, 'routing'>;
  readonly #sessionId: string;
  readonly #profileId: string;
  readonly #host: HistoryHost;

  constructor(
    bridge: Pick<PatchbayBridge, 'routing'>,
    sessionId: string,
    profileId: string,
    host: HistoryHost,
  ) {
    this.#bridge = bridge;
    this.#sessionId = sessionId;
    this.#profileId = profileId;
    this.#host = host;
  }

  /** What main would undo and redo now. */
  get state(): HistoryState {
    return this.#state;
  }

  /** The question a redo waits on (a role Patchbay only guessed from a tag), if any. */
  get confirming(): string | null {
    return this.#confirming;
  }

  /** A change of one or more steps was applied: it is undone as one; redo starts afresh. */
  record(group: Group): void {
    this.#undoGroups.push(group);
    this.#redoGroups = [];
  }

  /** main's history as it answered with a change (the apply result carries it). */
  show(state: HistoryState): void {
    this.#state = state;
  }

  /** Asks main for the history (the first load, and after undo, redo or a timed route's end). */
  async refresh(): Promise<void> {
    const result = await this.#bridge.routing.history({ sessionId: this.#sessionId });
    if (result.ok) this.#state = result.value;
  }

  /** A timed route ended: main forgot its undo entries, so do we. */
  forgetRoute(routeId: string): void {
    const keep = (g: Group): boolean => !g.routeIds.includes(routeId);
    this.#undoGroups = this.#undoGroups.filter(keep);
    this.#redoGroups = this.#redoGroups.filter(keep);
    void this.refresh();
  }

  undo(): Promise<void> {
    return this.#host.enqueue(() => this.#reverse('undo'));
  }

  redo(): Promise<void> {
    return this.#host.enqueue(() => this.#reverse('redo'));
  }

  /** The user confirmed the guessed role the redo relies on: redo, confirmed. */
  confirmRedo(): Promise<void> {
    this.#confirming = null;
    return this.#host.enqueue(() => this.#reverse('redo', true));
  }

  cancelRedo(): void {
    if (this.#confirming !== null) this.#host.say('Redo cancelled. Nothing was sent.');
    this.#confirming = null;
  }

  async #reverse(kind: 'undo' | 'redo', confirmed = false): Promise<void> {
    await this.refresh();
    const history = this.#state;
    const stack = kind === 'undo' ? this.#undoGroups : this.#redoGroups;
    const group = stack.at(-1);
    const expected = kind === 'undo' ? group?.labels.at(-1) : group?.labels[0];
    const mainLabel = kind === 'undo' ? history.undoLabel : history.redoLabel;
    const whole = group !== undefined && expected === mainLabel;
    const steps = whole ? group.routeIds.length : 1;
    this.#host.say(
      `${kind === 'undo' ? 'Undoing' : 'Redoing'}: ${mainLabel ?? 'the last change'}.`,
    );
    for (let i = 0; i < steps; i += 1) {
      const input = { profileId: this.#profileId, sessionId: this.#sessionId };
      const outcome = outcomeOf(
        kind === 'undo'
          ? await this.#bridge.routing.undo(input)
          : await this.#bridge.routing.redo(
              confirmed ? { ...input, confirmedViolations: true } : input,
            ),
      );
      if (!outcome.ok && outcome.code === 'guardrail' && kind === 'redo' && !confirmed) {
        this.#confirming = outcome.violations[0]?.message ?? outcome.message;
        this.#host.say(`Redo needs your confirmation: ${this.#confirming}`);
        return;
      }
      if (!outcome.ok) {
        this.#host.tell({
          kind: outcome.code === 'write-failed' ? 'error' : 'warning',
          title: failureTitle(outcome, kind),
          message: outcome.message,
          ...(failedStepOf(outcome) ? { step: failedStepText(failedStepOf(outcome)) } : {}),
        });
        await this.refresh();
        return;
      }
    }
    if (whole) {
      stack.pop();
      (kind === 'undo' ? this.#redoGroups : this.#undoGroups).push(group);
    }
    this.#host.clear();
    this.#host.say(`${kind === 'undo' ? 'Undone' : 'Redone'}: ${mainLabel ?? 'the last change'}.`);
    await this.refresh();
  }
}
