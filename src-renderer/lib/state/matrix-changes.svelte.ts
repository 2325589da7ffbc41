/**
 * Sending routing changes, with the trust rules of the matrix: the plan in plain words (and its API
 * calls) before anything is sent, explicit confirmation of guardrail violations, the pending state
 * drawn in the same frame as the gesture, and a visible rollback that names the failed step. Several
 * cell changes (a multi-cell selection, a drift fix) go as one `setCells` intent: one plan, one
 * audit entry, one rollback in main. A change that still needs several intents (a new member's
 * routing after it was added) is sent as consecutive applies and undone as one (MatrixHistory); if
 * a later step fails, the steps already made are undone before the failure is shown.
 */
import type { PatchbayBridge } from '../api';
import type { Subscriptions } from '$shared/bandwidth-api';
import type { Intent, RoutingSession } from '$shared/routing';
import { currentDelivery, deliveryOf, sameDelivery, uniqueMessages } from '$shared/routing';
import { foldCellIntents } from '../matrix/changes';
import type { LocalPlan } from '../matrix/changes';
import type { Failure } from '../matrix/outcomes';
import {
  failedStepOf,
  failedStepText,
  failureTitle,
  outcomeOf,
  previewOf,
  violationsOf,
  wireIntent,
} from '../matrix/outcomes';
import { durationFields } from '../matrix/presets';
import { NO_ENTRIES, NO_KEYS, withEntries, withKeys, withoutEntries } from '../matrix/sets';
import type { Banner, ChangeRequest, Proposal } from '../matrix/requests';
import { MatrixHistory } from './matrix-history.svelte';
import { MatrixTimers, type TimersOptions } from './matrix-timers.svelte';

export type ChangesBridge = Pick<PatchbayBridge, 'routing'>;

export type { Banner, ChangeRequest, Proposal } from '../matrix/requests';

interface PendingChange {
  readonly id: number;
  /**
   * What the change's receivers hear: planned locally while it is sent; once applied, what main
   * wrote (its plan, made on the session's fresh read), shown as confirmed until a snapshot has it.
   */
  readonly subscriptions: Readonly<Record<string, Subscriptions>>;
  readonly keys: readonly string[];
  readonly settled: boolean;
}

export interface ChangesOptions {
  /** Drop a settled change's pending look after this long even if no snapshot confirmed it. */
  settleMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  /** The session as last observed (a settled change it already shows stops looking pending). */
  current?: () => RoutingSession;
  /** The clock of the timed routes a change starts (each takes its undo entry when it ends). */
  timers?: TimersOptions;
}

const NO_FAILURES: ReadonlyMap<string, string> = NO_ENTRIES;

export class MatrixChanges {
  #pending = $state.raw<readonly PendingChange[]>([]);
  #failed = $state.raw<ReadonlyMap<string, string>>(NO_FAILURES);
  #proposal = $state.raw<Proposal | null>(null);
  #banner = $state.raw<Banner | null>(null);
  #working = $state(false);
  #pendingSubscriptions = $derived.by(() => {
    const merged: Record<string, Subscriptions> = {};
    for (const change of this.#pending) Object.assign(merged, change.subscriptions);
    return merged;
  });
  /** Cells of changes not yet answered (an applied change is confirmed by its result). */
  #pendingKeys = $derived(
    withKeys(
      NO_KEYS,
      this.#pending.flatMap((c) => (c.settled ? [] : c.keys)),
    ),
  );
  /** Undo and redo of whole changes (they share this queue, so nothing interleaves). */
  readonly history: MatrixHistory;
  /** The timed routes of the session (an ended one takes its undo entry with it). */
  readonly timers: MatrixTimers;
  #seq = 0;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #bridge: ChangesBridge;
  readonly #sessionId: string;
  readonly #profileId: string;
  #announcement = $state('');
  #flip = false;
  readonly #settleMs: number;
  readonly #setTimer: (run: () => void, ms: number) => unknown;
  readonly #current: (() => RoutingSession) | undefined;

  constructor(
    bridge: ChangesBridge,
    sessionId: string,
    /** The profile the session belongs to: every change names it, and is refused once another is active. */
    profileId: string,
    options: ChangesOptions = {},
  ) {
    this.#bridge = bridge;
    this.#sessionId = sessionId;
    this.#profileId = profileId;
    this.#settleMs = options.settleMs ?? 4000;
    this.#setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.#current = options.current;
    this.history = new MatrixHistory(bridge, sessionId, profileId, {
      say: (text) => this.say(text),
      enqueue: (task) => this.#enqueue(task),
      tell: (banner) => this.tell(banner),
      clear: () => this.dismissBanner(),
    });
    const say = (text: string): void => this.say(text);
    this.timers = new MatrixTimers(bridge, sessionId, profileId, say, this.history, options.timers);
  }

  get pendingSubscriptions(): Readonly<Record<string, Subscriptions>> {
    return this.#pendingSubscriptions;
  }
  isPending(key: string): boolean {
    return this.#pendingKeys.has(key);
  }
  /** Every pending cell (read once per model build, not once per cell). */
  get pendingKeys(): ReadonlySet<string> {
    return this.#pendingKeys;
  }
  /** Failed cells and why. */
  get failures(): ReadonlyMap<string, string> {
    return this.#failed;
  }
  get hasPending(): boolean {
    return this.#pending.length > 0;
  }
  failureOf(key: string): string | undefined {
    return this.#failed.get(key);
  }
  get proposal(): Proposal | null {
    return this.#proposal;
  }
  get banner(): Banner | null {
    return this.#banner;
  }
  get working(): boolean {
    return this.#working;
  }

  dismissBanner(): void {
    this.#banner = null;
  }

  /** The polite live region's text: every change, refusal and outcome is said once. */
  get announcement(): string {
    return this.#announcement;
  }

  /** Says `text` in the live region; the same words twice are announced again (a no-break space is toggled at the end). */
  say(text: string): void {
    this.#flip = !this.#flip;
    this.#announcement = this.#flip ? text : `${text}\u00a0`;
  }

  /** Shows a message in the banner and the live region. */
  tell(banner: Banner): void {
    this.#banner = banner;
    this.say(`${banner.title}. ${banner.message}`);
  }

  /**
   * Starts a change. The one confirmation rule (shared/routing/risk.ts) decides, whatever the path
   * (click, drag, menu, preset, a timed route): a change whose result is risky — a customer would
   * hear a supervisor, an agent would no longer hear the customer, a role only guessed from a tag
   * matters — or that breaks a guardrail is shown first and needs a confirmation; any other goes
   * out at once (pending in this frame). If main finds a risk the screen did not show, it refuses
   * and the change is shown then (#fail).
   */
  propose(request: ChangeRequest, local: LocalPlan): void {
    if (local.writes === 0 && !request.prepare) {
      this.say(`No change needed: ${request.label} is already so.`);
      return;
    }
    if (local.violations.length === 0) {
      this.commit(request, local, false);
      return;
    }
    this.#proposal = { request, local, server: null, violations: local.violations };
    this.say(`Confirm: ${uniqueMessages(local.violations).join(' ')} ${request.label}?`);
    const only = request.intents[0];
    if (request.intents.length === 1 && only && !request.prepare) void this.#checkWithMain(only);
  }

  async #checkWithMain(intent: Intent): Promise<void> {
    const asked = this.#proposal;
    const result = await this.#bridge.routing.preview({
      sessionId: this.#sessionId,
      intent: wireIntent(intent),
    });
    if (this.#proposal !== asked || asked === null || !result.ok || !result.value.ok) return;
    const value = result.value;
    const violations = value.violations.length > 0 ? value.violations : asked.violations;
    this.#proposal = {
      ...asked,
      server: { apiCalls: value.apiCalls, lines: value.preview.lines },
      violations,
    };
  }

  cancelProposal(): void {
    if (this.#proposal) this.say(`Cancelled: ${this.#proposal.request.label}. Nothing was sent.`);
    this.#proposal = null;
  }

  /** The user looked at the proposal (and confirmed its violations) and sends it. */
  confirmProposal(reason: string): void {
    const proposal = this.#proposal;
    if (!proposal) return;
    this.#proposal = null;
    this.commit(proposal.request, proposal.local, proposal.violations.length > 0, reason.trim());
  }

  /** Draws the target as pending now, then sends the steps one after another. */
  commit(request: ChangeRequest, local: LocalPlan, confirmed: boolean, reason = ''): void {
    const id = ++this.#seq;
    this.#pending = [
      ...this.#pending,
      { id, subscriptions: local.subscriptions, keys: local.keys, settled: false },
    ];
    this.#failed = withoutEntries(this.#failed, (k) => local.keys.includes(k));
    this.#banner = null;
    this.say(`Sending: ${request.label}.`);
    this.#enqueue(() => this.#send(id, request, local, confirmed, reason));
  }

  #enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.#queue.then(async () => {
      this.#working = true;
      try {
        await task();
      } finally {
        this.#working = false;
      }
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #send(
    id: number,
    request: ChangeRequest,
    local: LocalPlan,
    confirmed: boolean,
    reason: string,
  ): Promise<void> {
    if (request.prepare) {
      const prepared = await request.prepare();
      if (!prepared.ok) {
        this.#drop(id);
        this.tell({ kind: 'error', title: 'The change was not made', message: prepared.message });
        return;
      }
    }
    const routeIds: string[] = [];
    const labels: string[] = [];
    const written: Record<string, Subscriptions> = {};
    const timed = request.intents.length === 1 ? durationFields(request.duration) : {};
    for (const intent of foldCellIntents(request.intents)) {
      const result = await this.#bridge.routing.apply({
        profileId: this.#profileId,
        sessionId: this.#sessionId,
        intent: wireIntent(intent),
        ...(confirmed ? { confirmedViolations: true } : {}),
        ...(reason ? { reason } : {}),
        ...timed,
      });
      // main answers with the session's history after the apply: no second round trip.
      if (result.ok) this.history.show(result.value.history);
      const outcome = outcomeOf(result);
      if (!outcome.ok) {
        await this.#fail(id, request, local, outcome, routeIds.length, result.ok);
        return;
      }
      routeIds.push(outcome.routeId);
      labels.push(outcome.label);
      for (const write of outcome.plan.writes) written[write.receiverId] = write.after;
      if (outcome.timer) this.timers.add(outcome.timer, outcome.routeId);
    }
    this.#settle(id, written);
    if (routeIds.length > 0) this.history.record({ labels, routeIds });
    this.say(`Done: ${request.label}.`);
  }

  async #fail(
    id: number,
    request: ChangeRequest,
    local: LocalPlan,
    failure: Failure,
    stepsMade: number,
    /** main answered (with the history after the failed step); false when the bridge failed. */
    answered: boolean,
  ): Promise<void> {
    this.#drop(id);
    if (failure.code === 'guardrail' && stepsMade === 0 && !request.prepare) {
      const preview = previewOf(failure);
      this.#proposal = {
        request,
        local: preview ? { ...local, lines: preview.lines } : local,
        server: null,
        violations: violationsOf(failure),
      };
      this.say(`Confirm: ${uniqueMessages(violationsOf(failure)).join(' ')} ${request.label}?`);
      return;
    }
    const undone = await this.#undoSteps(stepsMade);
    const taken = request.unprepare ? await request.unprepare() : '';
    const reason = failedStepText(failedStepOf(failure)) ?? failure.message;
    this.#failed = withEntries(
      this.#failed,
      local.keys.map((k): [string, string] => [k, reason]),
    );
    const extra = [stepsMade > 0 ? undone : '', taken].filter((s) => s !== '');
    this.tell({
      kind: 'error',
      title: failureTitle(failure),
      message: [failure.message, ...extra].join(' '),
      ...(failedStepOf(failure) ? { step: failedStepText(failedStepOf(failure)) } : {}),
    });
    // Earlier steps were undone since main's answer (or there was none): ask for the history.
    if (stepsMade > 0 || !answered) await this.history.refresh();
  }

  /** Undoes the first steps of a change whose later step failed; says what happened. */
  async #undoSteps(count: number): Promise<string> {
    for (let i = 0; i < count; i += 1) {
      const outcome = outcomeOf(
        await this.#bridge.routing.undo({ profileId: this.#profileId, sessionId: this.#sessionId }),
      );
      if (!outcome.ok) {
        return `The ${count - i} earlier step(s) of this change could not be undone: ${outcome.message}`;
      }
    }
    return count === 0 ? '' : `The ${count} earlier step(s) of this change were undone too.`;
  }

  #drop(id: number): void {
    this.#pending = this.#pending.filter((c) => c.id !== id);
  }

  /**
   * The change was applied: its cells show as confirmed now, from the result (`written`: what main
   * wrote for each receiver, planned on its fresh read of the session), not from the next poll.
   */
  #settle(id: number, written: Readonly<Record<string, Subscriptions>>): void {
    this.#pending = this.#pending.map((c) =>
      c.id === id ? { ...c, settled: true, subscriptions: { ...c.subscriptions, ...written } } : c,
    );
    this.#setTimer(() => this.#drop(id), this.#settleMs);
    if (this.#current) this.observed(this.#current());
  }

  /** A new observation arrived: settled changes it confirms stop looking pending. */
  observed(session: RoutingSession): void {
    if (!this.#pending.some((c) => c.settled)) return;
    const confirmed = (c: PendingChange): boolean =>
      Object.entries(c.subscriptions).every(([receiverId, subs]) =>
        sameDelivery(deliveryOf(session, receiverId, subs), currentDelivery(session, receiverId)),
      );
    this.#pending = this.#pending.filter((c) => !(c.settled && confirmed(c)));
  }
}
