/**
 * The subscription matrix of one session: the cell model (derived once per snapshot, with pending,
 * failed and drifted cells laid over it), and the one dispatcher every gesture ends in — drag and
 * drop, keys and menus all produce a `MatrixAction` and `run` carries it out. Sending, previews,
 * rollback, undo and the live region live in MatrixChanges (with MatrixHistory and MatrixTimers);
 * focus, selection, menus and drags in GridState; the tray, adding, removing and roles in
 * MatrixMembers; planning a gesture's change in matrix-plans. Collaborators get values (the
 * bridge, the deps, each other); only GridState (the model, `run`) and an open AliasEditor read
 * back into here.
 */
import type { AlertView, OutsideChangeDecision } from '$shared/dto/alerts';
import type { AuditEntry } from '$shared/dto/audit';
import type { PatchbayBridge } from '../api';
import type { Participant, Subscriptions } from '$shared/bandwidth-api';
import type { Intent, RoutingSession } from '$shared/routing';
import { withSubscriptions } from '$shared/routing';
import type { SessionView } from '$shared/dto/session-view';
import type { ChangeSource, MatrixAction } from '../matrix/actions';
import type { LocalPlanResult } from '../matrix/changes';
import { planLocally, toggleIntent } from '../matrix/changes';
import type { DriftCell, DriftMap } from '../matrix/drift';
import {
  NO_DRIFT,
  driftByReceiver,
  keepConsoleIntents,
  observeDrift,
  withoutReceiver,
} from '../matrix/drift';
import type { CellNotes, MuteNote } from '../matrix/gaps';
import { NO_NOTES, alertNotes, mutesFrom, sameMutes } from '../matrix/gaps';
import { cellKey } from '../matrix/grid';
import { NO_KEYS, withKeys, withoutKey } from '../matrix/sets';
import { readOnlyReason } from '../format';
import type { CellStatus, MatrixModel } from '../matrix/model';
import { routingOf } from '$shared/routing';
import { APPLIED, buildMatrix, withStatus } from '../matrix/model';
import type { DurationId, PresetId } from '../matrix/presets';
import { activePreset, onlySupervisor } from '../matrix/preset-target';
import { AliasEditor } from './matrix-aliases.svelte';
import { MatrixChanges, type ChangesOptions } from './matrix-changes.svelte';
import { GridState } from './matrix-grid.svelte';
import { MatrixMembers, type RoleSetter } from './matrix-members.svelte';
import { labelIn } from './matrix-input';
import {
  plannedChange,
  presetChange,
  selectionChange,
  togglePreview,
  type Planned,
} from './matrix-plans';
import type { MatrixTimers, TimersOptions } from './matrix-timers.svelte';
import type { SessionUpdates } from './sessions.svelte';
import { afterNextPaint } from '../frame';

export type MatrixBridge = Pick<PatchbayBridge, 'routing' | 'participants'>;

export type { TrayEntry } from './matrix-members.svelte';
export type { MenuState } from './matrix-input';

export interface DriftedReceiver {
  readonly receiverId: string;
  readonly cells: readonly DriftCell[];
}

export interface MatrixDeps {
  readonly bridge: MatrixBridge;
  /**
   * The profile whose session this is, fixed for the store's life: every change names it, so a
   * change prepared before a profile switch is refused instead of made on the other account.
   */
  readonly profileId: string;
  readonly session: () => SessionView;
  /** The live updates of the watched sessions (the SessionsStore, the one subscriber). */
  readonly updates: SessionUpdates;
  /** Participants the console knows outside any session (offered in the tray). */
  readonly available?: () => readonly Participant[];
  /** Remembers a role (the session page's participants store, which shows it at once). */
  readonly setRole: RoleSetter;
  /** A fresher view of the session arrived from an add or a remove. */
  readonly onSessionView?: (view: SessionView) => void;
  /** Records the supervisor's decision about an outside change (main audits it). */
  readonly decideOutsideChange?: (receiverId: string, decision: OutsideChangeDecision) => void;
  readonly changes?: ChangesOptions;
  readonly timers?: TimersOptions;
  /**
   * Runs `work` after the next frame is painted: a click draws its cell pending first and plans
   * (planner, guardrails, preview) after that paint. Default: after the next animation frame where
   * there is one, else at once (Node, where the unit tests run).
   */
  readonly afterPaint?: (work: () => void) => void;
  /** The open call-health alerts of this call (the floor's), marked on their cells. */
  readonly alerts?: () => readonly AlertView[];
  /**
   * The applied changes of this call from the audit log (null when it cannot be read): they say
   * which silent cells were muted on purpose, and by whom.
   */
  readonly auditEntries?: (sessionId: string) => Promise<readonly AuditEntry[] | null>;
}

const PENDING: CellStatus = { kind: 'pending' };

export class MatrixStore {
  readonly changes: MatrixChanges;
  readonly timers: MatrixTimers;
  readonly grid: GridState;
  readonly members: MatrixMembers;
  /** Cells changed outside this console, each with what Patchbay had (kept across observations). */
  #drift = $state.raw<DriftMap>(NO_DRIFT);
  /**
   * The drift the notice lists: the cells show theirs in the frame the update arrives, the notice
   * (a dock over the page) follows after that paint, so a whole rewire from outside paints its
   * cells before the notice's words are built.
   */
  #driftShown = $state.raw<DriftMap>(NO_DRIFT);
  #driftQueued = false;
  #aliases = $state.raw<AliasEditor | null>(null);
  #duration = $state<DurationId>('none');
  /** The last local plan: hovering a cell plans its toggle, so the click reuses it. */
  #planned: { display: RoutingSession; key: string; result: LocalPlanResult } | null = null;
  #previous: MatrixModel | undefined;
  /** What `#previous` was built from (a model of the same two only needs its statuses redone). */
  #builtFrom: { display: RoutingSession; notes: CellNotes } | null = null;
  /** Cells a click drew pending before its change was planned (planning waits for the paint). */
  #held = $state.raw<ReadonlySet<string>>(NO_KEYS);
  /** The cell a primary press is on: drawn pending from the press, its click toggles it. */
  #pressed: string | null = null;
  /** Gestures waiting for the paint of their pending cells, in order. */
  #deferred: (() => void)[] = [];
  readonly #afterPaint: (work: () => void) => void;
  /** Cells Patchbay changes muted on purpose (from the audit log). */
  #mutes = $state.raw<ReadonlyMap<string, MuteNote>>(NO_NOTES.mutes);
  #loadingMutes: Promise<void> | null = null;
  #mutesAgain = false;
  /** The last notes and the alerts they were built from (the same alerts keep the same notes). */
  #noted: { alerts: readonly AlertView[]; notes: CellNotes } | null = null;
  /**
   * Stable across session updates that leave this call's alerts as they were (the alerts are
   * filtered from the floor's list again on each), so a model built on them keeps its cells.
   */
  #notes = $derived.by((): CellNotes => {
    const mutes = this.#mutes;
    const alerts = this.#deps.alerts?.() ?? [];
    const noted = this.#noted;
    if (
      noted !== null &&
      noted.notes.mutes === mutes &&
      noted.alerts.length === alerts.length &&
      noted.alerts.every((a, i) => a === alerts[i])
    ) {
      return noted.notes;
    }
    const notes = { mutes, ...alertNotes(alerts) };
    this.#noted = { alerts, notes };
    return notes;
  });
  readonly #deps: MatrixDeps;
  readonly sessionId: string;

  #base = $derived(routingOf(this.#view()));
  #display = $derived(withSubscriptions(this.#base, this.#pendingSubscriptions()));
  #model = $derived.by(() => {
    const pending = this.#pendingKeys();
    const held = this.#held;
    const failures = this.#failures();
    const drift = this.#drift;
    const status = (key: string): CellStatus => {
      if (pending.has(key) || held.has(key)) return PENDING;
      const reason = failures.get(key);
      if (reason !== undefined) return { kind: 'failed', reason };
      const cell = drift.get(key);
      return cell ? { kind: 'drift', console: cell.console, server: cell.server } : APPLIED;
    };
    const display = this.#display;
    const notes = this.#notes;
    const previous = this.#previous;
    const from = this.#builtFrom;
    // The same routing state and notes (a press, a click before its plan, a result or failure of
    // a change): only statuses moved, so only those cells are presented again.
    const model =
      previous !== undefined && from?.display === display && from.notes === notes
        ? withStatus(previous, status)
        : buildMatrix(display, status, previous, notes);
    this.#previous = model;
    this.#builtFrom = { display, notes };
    return model;
  });
  /** The member list (the same array while the members stay the same). */
  #ids = $derived(this.#model.ids);
  /** The labels (the same map while no label changed): what only names people is not redone. */
  #labels = $derived(this.#model.labels);
  #drifted = $derived(
    driftByReceiver(this.#driftShown, this.#ids).map((row) => ({
      ...row,
      label: this.label(row.receiverId),
    })),
  );

  constructor(deps: MatrixDeps) {
    this.#deps = deps;
    this.#afterPaint = deps.afterPaint ?? afterNextPaint;
    this.sessionId = deps.session().id;
    const bridge = deps.bridge;
    const changes = new MatrixChanges(bridge, this.sessionId, deps.profileId, {
      ...deps.changes,
      timers: deps.timers,
      current: () => routingOf(deps.session()),
    });
    this.changes = changes;
    this.timers = changes.timers;
    const say = (text: string): void => changes.say(text);
    this.grid = new GridState(
      () => this.#model,
      (action) => this.run(action),
      say,
      () => this.readOnly,
    );
    this.members = new MatrixMembers(
      {
        bridge,
        sessionId: this.sessionId,
        profileId: deps.profileId,
        view: deps.session,
        available: deps.available ?? (() => []),
        setRole: deps.setRole,
        onSessionView: deps.onSessionView ?? (() => undefined),
      },
      changes,
      this.grid,
    );
  }

  #view(): SessionView {
    return this.#deps.session();
  }
  #pendingSubscriptions(): Readonly<Record<string, Subscriptions>> {
    return this.changes.pendingSubscriptions;
  }
  #pendingKeys(): ReadonlySet<string> {
    return this.changes.pendingKeys;
  }
  #failures(): ReadonlyMap<string, string> {
    return this.changes.failures;
  }

  get model(): MatrixModel {
    return this.#model;
  }
  /** The members in column order: the same array while they stay (a rewire keeps it). */
  get ids(): readonly string[] {
    return this.#ids;
  }
  /** The open stream alias editor, if any. */
  get aliasEditor(): AliasEditor | null {
    return this.#aliases;
  }
  get duration(): DurationId {
    return this.#duration;
  }
  set duration(value: DurationId) {
    this.#duration = value;
  }
  /** The participant the preset bar acts on: the focused one, else the last one focused. */
  get current(): string | null {
    return this.grid.current;
  }
  /** The supervisor whose mode the preset chips show: the current participant, else the only one. */
  get presetSupervisor(): string | null {
    const current = this.current;
    const header = current === null ? undefined : this.#model.headers.find((h) => h.id === current);
    if (header?.supervision) return header.id;
    return onlySupervisor(this.#display);
  }
  /** The preset chip that shows that supervisor's mode now (pressed), if any. */
  get activePreset(): PresetId | null {
    const id = this.presetSupervisor;
    return activePreset(this.#model.headers.find((h) => h.id === id)?.supervision?.mode);
  }
  label(id: string): string {
    return labelIn({ labels: this.#labels }, id);
  }
  get drifted(): readonly (DriftedReceiver & { label: string })[] {
    return this.#drifted;
  }

  /** Follows live updates (drift, confirmations), timed routes and the undo history. */
  connect(): () => void {
    const offUpdates = this.#deps.updates.onUpdate((event) => {
      if (event.session.id !== this.sessionId) return;
      const routing = routingOf(event.session);
      const drift = observeDrift(this.#drift, routing, event.changes);
      if (drift.size > 0 || this.#drift.size > 0) this.#setDrift(drift);
      this.changes.observed(routing);
      // Only this console's own changes write the audit log the mutes are read from: a change
      // from outside (a whole rewire raises one per cell) reads nothing again.
      if (event.changes.some((c) => c.origin === 'console')) void this.#loadMutes();
    });
    void this.#loadMutes();
    const offTimers = this.timers.connect();
    void this.changes.history.refresh();
    return () => {
      offUpdates();
      offTimers();
    };
  }

  /** The cells' drift now; the notice's after the next paint (one update per frame). */
  #setDrift(drift: DriftMap): void {
    this.#drift = drift;
    if (this.#driftQueued) return;
    this.#driftQueued = true;
    this.#afterPaint(() => {
      this.#driftQueued = false;
      this.#driftShown = this.#drift;
    });
  }

  /** Reads which cells were muted on purpose again (one read at a time; a request meanwhile waits). */
  #loadMutes(): Promise<void> {
    const read = this.#deps.auditEntries;
    if (read === undefined) return Promise.resolve();
    if (this.#loadingMutes !== null) {
      this.#mutesAgain = true;
      return this.#loadingMutes;
    }
    this.#loadingMutes = (async () => {
      do {
        this.#mutesAgain = false;
        const entries = await read(this.sessionId);
        if (entries === null) continue;
        const mutes = mutesFrom(entries);
        if (!sameMutes(mutes, this.#mutes)) this.#mutes = mutes;
      } while (this.#mutesAgain);
    })().finally(() => {
      this.#loadingMutes = null;
    });
    return this.#loadingMutes;
  }

  /** Why nothing in this matrix can be changed now (the call ended), else null. */
  get readOnly(): string | null {
    return readOnlyReason(this.#view());
  }

  /** Says why an ended call takes no change; true when it did. */
  #refuseReadOnly(): boolean {
    const reason = this.readOnly;
    if (reason === null) return false;
    this.changes.tell({
      kind: 'info',
      title: reason,
      message: 'Nothing on it can be changed; the matrix shows it as it was last seen.',
    });
    return true;
  }

  /** The one dispatcher: every drag, key and menu item ends here. */
  run(action: MatrixAction): void {
    if (action.type !== 'select' && this.#refuseReadOnly()) return;
    // A click still waiting for its paint is planned first: gestures take effect in order.
    if (action.type !== 'change') this.#flushDeferred();
    switch (action.type) {
      case 'change':
        return this.change(action.intents, action.source);
      case 'preset':
        return this.applyPreset(action.preset, action.participantId, action.duration);
      case 'add':
        return this.members.add(action.participantId);
      case 'remove':
        return this.members.requestRemove(action.participantId);
      case 'aliases':
        return this.#openAliases(action.receiverId, action.publisherId);
      case 'role':
        void this.members.setRole(action.participantId, action.role);
        return;
      case 'select':
        this.grid.select(action.keys, action.extend);
        this.changes.say(`${this.grid.selection.size} cells selected.`);
        return;
      case 'applySelection':
        return this.applySelection(action.on);
      case 'drift':
        return this.resolveDrift(action.receiverId, action.keep);
    }
  }

  /** `planLocally` on what the screen shows now, remembered for the next identical question. */
  #plan(intents: readonly Intent[]): LocalPlanResult {
    const display = this.#display;
    const key = JSON.stringify(intents);
    const cached = this.#planned;
    if (cached && cached.display === display && cached.key === key) return cached.result;
    const result = planLocally(display, intents);
    this.#planned = { display, key, result };
    return result;
  }

  /**
   * A planned change goes to MatrixChanges (pending in this frame, or shown first); a refusal is
   * told. The timer choice is for the next change only: once one goes, it is back to "No timer".
   */
  #send(planned: Planned): boolean {
    if (planned.ok) {
      this.#duration = 'none';
      this.changes.propose(planned.request, planned.plan);
    } else this.changes.tell(planned.banner);
    return planned.ok;
  }

  /**
   * Plans `intents` on what the screen shows now and hands them to MatrixChanges. A click's toggle
   * draws its cell pending in this frame and is planned after the paint (one frame per gesture).
   */
  change(intents: readonly Intent[], source: ChangeSource, label?: string): void {
    const only = intents[0];
    if (source !== 'toggle' || intents.length !== 1 || only === undefined) {
      this.#flushDeferred();
      this.#send(plannedChange(this.#plan(intents), intents, source, label));
      return;
    }
    if (only.type !== 'subscribe' && only.type !== 'unsubscribe') {
      this.#flushDeferred();
      this.#send(plannedChange(this.#plan(intents), intents, source, label));
      return;
    }
    const key = cellKey(only.receiverId, only.publisherId);
    const pressed = this.#pressed === key;
    if (pressed) this.#pressed = null;
    else this.releasePress();
    if (this.#held.has(key) && !pressed) {
      // The same cell again before its first toggle was planned: plan that one now, then toggle
      // from what it made of the cell (a double click connects and disconnects, as it always did).
      this.#flushDeferred();
      const cell = this.#model.cells.get(key);
      if (!cell) return;
      const again = toggleIntent(only.receiverId, only.publisherId, cell.value);
      this.#send(plannedChange(this.#plan([again]), [again], source, label));
      return;
    }
    if (!pressed) this.#held = withKeys(this.#held, [key]);
    this.#deferred.push(() => {
      this.#held = withoutKey(this.#held, key);
      this.#send(plannedChange(this.#plan(intents), intents, source, label));
    });
    if (this.#deferred.length === 1) this.#afterPaint(() => this.#flushDeferred());
  }

  /**
   * A primary press on a cell (no modifier): the cell is drawn pending from the press, as a button
   * shows it is pressed; the click that follows toggles it. A press that ends without that click
   * (released elsewhere, cancelled) gives the cell back its look: `releasePress`.
   */
  press(receiverId: string, publisherId: string): void {
    const key = cellKey(receiverId, publisherId);
    if (this.readOnly !== null) return;
    if (this.#held.has(key) || !this.#model.cells.has(key)) return;
    this.#pressed = key;
    this.#held = withKeys(this.#held, [key]);
  }

  /** The press ended; if no click on its cell came, nothing happens to the cell. */
  releasePress(): void {
    const key = this.#pressed;
    if (key === null) return;
    this.#pressed = null;
    this.#held = withoutKey(this.#held, key);
  }

  /** Plans every gesture still waiting for its paint, in order (before any later gesture). */
  #flushDeferred(): void {
    while (this.#deferred.length > 0) this.#deferred.shift()?.();
  }

  applyPreset(preset: PresetId, participantId?: string | null, duration?: DurationId): void {
    if (this.#refuseReadOnly()) return;
    const id = participantId ?? this.current;
    if (id) this.grid.choose(id);
    this.#send(presetChange(this.#display, preset, id, duration ?? this.#duration));
  }

  applySelection(on: boolean): void {
    const cells = [...this.grid.selection]
      .map((key) => this.#model.cells.get(key))
      .filter((c) => c !== undefined);
    const planned = selectionChange(this.#display, cells, on);
    if (typeof planned === 'string') this.changes.say(planned);
    else if (this.#send(planned)) this.grid.clearSelection();
  }

  #openAliases(receiverId: string, publisherId: string): void {
    const cell = this.#model.cells.get(cellKey(receiverId, publisherId));
    if (!cell) return;
    this.#aliases = new AliasEditor(receiverId, publisherId, cell.value, {
      plan: (intent) => this.#plan([intent]),
      used: () =>
        [...this.#model.cells.values()].flatMap((c) => (Array.isArray(c.value) ? c.value : [])),
      save: (intent) => {
        this.#aliases = null;
        this.change([intent], 'aliases');
      },
      close: () => (this.#aliases = null),
    });
  }

  /** The inline preview of what toggling the focused (or hovered) cell would do. */
  cellPreview(receiverId: string, publisherId: string): { text: string; confirm: boolean } | null {
    const cell = this.#model.cells.get(cellKey(receiverId, publisherId));
    if (!cell) return null;
    return togglePreview(this.#plan([toggleIntent(receiverId, publisherId, cell.value)]));
  }

  resolveDrift(receiverId: string, keep: 'console' | 'server'): void {
    const label = this.label(receiverId);
    if (keep === 'server') {
      this.#setDrift(withoutReceiver(this.#drift, receiverId));
      this.#deps.decideOutsideChange?.(receiverId, 'accepted');
      this.changes.say(`Accepted their change for ${label}: the matrix shows it as it is.`);
      return;
    }
    const intents = keepConsoleIntents(this.#drift, receiverId);
    this.#deps.decideOutsideChange?.(receiverId, 'undone');
    this.change(intents, 'drift', `Undo their change for ${label}`);
  }
}
