/**
 * Undo and redo of whole changes, per session. main keeps one history entry per apply; a change
 * this console sent as several applies (a multi-cell selection, a drift fix) is remembered here as
 * one group and undone or redone step by step, as one. When main's top entry is not the group's
 * (someone else's change, a timed route that ended), one step is taken, as main would. An undo or
 * redo whose result is risky (the one rule, shared/routing/risk.ts: a redo of a barge, an undo that
 * cuts an agent off again) or relies on a role only a tag suggested is refused by main until the
 * user confirms: `confirming` holds the question, `confirm` sends it again, confirmed.
 */
import type { PatchbayBridge } from '../api';
import type { HistoryState } from '$shared/dto/routing';
import { uniqueMessages } from '$shared/routing';
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

/** An undo or redo waiting on the user: what it would risk, in sentences. */
export interface HistoryQuestion {
  readonly kind: 'undo' | 'redo';
  readonly sentences: readonly string[];
}

export class MatrixHistory {
  #state = $state.raw<HistoryState>(NO_HISTORY);
  #confirming = $state.raw<HistoryQuestion | null>(null);
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

  /** The question an undo or redo waits on (what it risks, or a role only guessed), if any. */
  get confirming(): HistoryQuestion | null {
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

  /** The user confirmed what the waiting undo or redo risks: it is sent again, confirmed. */
  confirm(): Promise<void> {
    const asked = this.#confirming;
    this.#confirming = null;
    if (asked === null) return Promise.resolve();
    return this.#host.enqueue(() => this.#reverse(asked.kind, true));
  }

  cancel(): void {
    const asked = this.#confirming;
    if (asked !== null) {
      this.#host.say(`${asked.kind === 'undo' ? 'Undo' : 'Redo'} cancelled. Nothing was sent.`);
    }
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
      const asked = confirmed ? { ...input, confirmedViolations: true } : input;
      const outcome = outcomeOf(
        kind === 'undo'
          ? await this.#bridge.routing.undo(asked)
          : await this.#bridge.routing.redo(asked),
      );
      if (!outcome.ok && outcome.code === 'guardrail' && !confirmed) {
        const sentences = uniqueMessages(outcome.violations);
        this.#confirming = {
          kind,
          sentences: sentences.length > 0 ? sentences : [outcome.message],
        };
        this.#host.say(
          `Confirm: ${this.#confirming.sentences.join(' ')} ${kind === 'undo' ? 'Undo' : 'Redo'} anyway?`,
        );
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
