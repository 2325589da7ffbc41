/**
 * The watched sessions of the active profile (Bandwidth has no list-sessions call: the console keeps
 * its own register), kept live from `sessions:update` events, and the selected session. Participant
 * operations live in ParticipantsStore, which works on these views (it knows this store; this store
 * does not know it).
 */
import type { PatchbayBridge } from '../api';
import type { SessionUpdateEvent, SessionView } from '$shared/dto/session-view';
import { errorText } from '../errors';
import { plural } from '../format';
import { tagToSend } from '../tags';
import type { BusyStore } from './busy.svelte';
import type { ToastsStore } from './toasts.svelte';

export type SessionsBridge = Pick<PatchbayBridge, 'sessions'>;
export type SessionForm = 'create' | 'watch' | 'discover';
type UpdateListener = (event: SessionUpdateEvent) => void;
/** Where a session page's matrix and audit view follow live updates (a SessionsStore). */
export type SessionUpdates = Pick<SessionsStore, 'onUpdate'>;

export class SessionsStore {
  /**
   * Raw: a session view is replaced whole (an update, an upsert, a patch), never changed in place,
   * so reading a 20-party session's participants and subscriptions goes through no proxies.
   */
  #sessions = $state.raw<readonly SessionView[]>([]);
  #selectedId = $state<string | null>(null);
  #loaded = $state(false);
  #formErrors = $state<Partial<Record<SessionForm, string>>>({});
  #selected = $derived(this.#sessions.find((s) => s.id === this.#selectedId) ?? null);
  #profileId: string | null = null;
  #generation = 0;
  /** The call to open once the register is loaded (the one open before a reload). */
  #wanted: string | null = null;
  /** That call, when it was no longer in the register: the list says so. */
  #missing = $state<string | null>(null);
  /** Not reactive: who follows the updates is no state anything draws. */
  #listeners: readonly UpdateListener[] = [];
  readonly #bridge: SessionsBridge;
  readonly #toasts: ToastsStore;
  readonly #busy: BusyStore;

  constructor(bridge: SessionsBridge, toasts: ToastsStore, busy: BusyStore) {
    this.#bridge = bridge;
    this.#toasts = toasts;
    this.#busy = busy;
  }

  get sessions(): readonly SessionView[] {
    return this.#sessions;
  }
  get selected(): SessionView | null {
    return this.#selected;
  }
  get selectedId(): string | null {
    return this.#selectedId;
  }
  get loaded(): boolean {
    return this.#loaded;
  }
  /** The id of the call open before a reload that is no longer watched (or no longer exists). */
  get missing(): string | null {
    return this.#missing;
  }
  /**
   * Opens `sessionId` once the register has loaded instead of the first call (a reload keeps the
   * open call); when it is not there any more, nothing is opened and `missing` names it.
   */
  restore(sessionId: string): void {
    this.#wanted = sessionId;
  }
  /**
   * The profile whose sessions are shown: every change sent from them names it (read when the
   * user acts), so main refuses it if another profile became active meanwhile. Empty until the
   * first profile is known (main then refuses with a clear error).
   */
  get profileId(): string {
    return this.#profileId ?? '';
  }
  formError(form: SessionForm): string | null {
    return this.#formErrors[form] ?? null;
  }
  clearFormError(form: SessionForm): void {
    if (this.#formErrors[form] === undefined) return;
    const { [form]: _cleared, ...rest } = this.#formErrors;
    this.#formErrors = rest;
  }
  find(sessionId: string): SessionView | undefined {
    return this.#sessions.find((s) => s.id === sessionId);
  }

  /**
   * The renderer's one subscriber to `sessions:update`: keeps the register current (updates for
   * another profile or for sessions not in the list change nothing), then hands the event to those
   * following it. Returns the unsubscribe.
   */
  connect(): () => void {
    return this.#bridge.sessions.onUpdate((event) => {
      const ours = this.#profileId === null || event.profileId === this.#profileId;
      if (ours && this.find(event.session.id)) this.upsert(event.session);
      for (const listener of this.#listeners) listener(event);
    });
  }

  /** Follows the updates `connect` receives (a session page's matrix and audit view). */
  onUpdate(listener: UpdateListener): () => void {
    this.#listeners = [...this.#listeners, listener];
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  /** The active profile changed: forget the old register and load the new one. */
  async useProfile(profileId: string): Promise<void> {
    this.#profileId = profileId;
    this.#sessions = [];
    this.#selectedId = null;
    this.#missing = null;
    this.#loaded = false;
    this.#formErrors = {};
    await this.load();
  }

  async load(): Promise<void> {
    const generation = ++this.#generation;
    const result = await this.#busy.run('sessions-load', 'Loading watched sessions…', () =>
      this.#bridge.sessions.list({}),
    );
    if (generation !== this.#generation) return;
    this.#loaded = true;
    if (!result.ok) {
      this.#toasts.error(result.error);
      return;
    }
    this.#sessions = result.value;
    const wanted = this.#wanted;
    this.#wanted = null;
    if (wanted !== null && this.#selectedId === null) {
      if (this.find(wanted)) return this.select(wanted);
      this.#missing = wanted;
      return;
    }
    const first = this.#sessions[0];
    if (this.#selectedId === null && first) await this.select(first.id);
  }

  /** Shows a session (and asks main to poll it at the fast interval). */
  async select(sessionId: string | null): Promise<void> {
    this.#selectedId = sessionId;
    if (sessionId !== null) this.#missing = null;
    // Only a polling-speed hint: a failure changes nothing the user can see or act on.
    await this.#bridge.sessions.focus({ profileId: this.profileId, sessionId });
  }

  /**
   * Opens a call from the floor: selects it when it is already watched, else watches it under
   * the floor's label first. False (with a toast) when it cannot be read.
   */
  async open(sessionId: string, label: string): Promise<boolean> {
    if (this.find(sessionId)) {
      await this.select(sessionId);
      return true;
    }
    const profileId = this.profileId;
    const result = await this.#busy.run('session-watch', 'Opening the call…', () =>
      this.#bridge.sessions.watch({ profileId, sessionId, label }),
    );
    if (!result.ok) {
      this.#toasts.error(result.error);
      return false;
    }
    this.upsert(result.value, true);
    await this.select(result.value.id);
    return true;
  }

  async create(tag: string): Promise<boolean> {
    this.clearFormError('create');
    const sent = tagToSend(tag);
    const profileId = this.profileId;
    const result = await this.#busy.run('session-create', 'Creating session…', () =>
      this.#bridge.sessions.create(sent === undefined ? { profileId } : { profileId, tag: sent }),
    );
    if (!result.ok) {
      this.#formErrors = { ...this.#formErrors, create: errorText(result.error) };
      return false;
    }
    this.upsert(result.value, true);
    await this.select(result.value.id);
    this.#toasts.success(`Created session “${result.value.label}” and started watching it.`);
    return true;
  }

  async watch(sessionId: string): Promise<boolean> {
    this.clearFormError('watch');
    const id = sessionId.trim();
    const known = this.find(id) !== undefined;
    const profileId = this.profileId;
    const result = await this.#busy.run('session-watch', 'Looking up the session…', () =>
      this.#bridge.sessions.watch({ profileId, sessionId: id }),
    );
    if (!result.ok) {
      this.#formErrors = { ...this.#formErrors, watch: errorText(result.error) };
      return false;
    }
    this.upsert(result.value, true);
    await this.select(result.value.id);
    this.#toasts.success(
      known
        ? `Already watching “${result.value.label}”: it is selected.`
        : `Now watching “${result.value.label}”.`,
    );
    return true;
  }

  async discover(participantId: string): Promise<boolean> {
    this.clearFormError('discover');
    const id = participantId.trim();
    const profileId = this.profileId;
    const result = await this.#busy.run(
      'session-discover',
      'Finding the participant’s session…',
      () => this.#bridge.sessions.discover({ profileId, participantId: id }),
    );
    if (!result.ok) {
      this.#formErrors = { ...this.#formErrors, discover: errorText(result.error) };
      return false;
    }
    this.upsert(result.value, true);
    await this.select(result.value.id);
    this.#toasts.success(
      `Participant ${id} is in session “${result.value.label}”: now watching it.`,
    );
    return true;
  }

  async unwatch(sessionId: string): Promise<boolean> {
    const label = this.find(sessionId)?.label ?? sessionId;
    const profileId = this.profileId;
    const result = await this.#busy.run(`session-unwatch:${sessionId}`, 'Stopping…', () =>
      this.#bridge.sessions.unwatch({ profileId, sessionId }),
    );
    if (!result.ok) {
      this.#toasts.error(result.error);
      return false;
    }
    await this.#forget(sessionId);
    this.#toasts.success(
      `Stopped watching “${label}”. The call goes on; watch it again with its id ${sessionId}.`,
    );
    return true;
  }

  async delete(sessionId: string): Promise<boolean> {
    const session = this.find(sessionId);
    const label = session?.label ?? sessionId;
    const count = session?.participants.length ?? 0;
    const profileId = this.profileId;
    const result = await this.#busy.run(`session-delete:${sessionId}`, 'Deleting session…', () =>
      this.#bridge.sessions.delete({ profileId, sessionId }),
    );
    if (!result.ok) {
      this.#toasts.error(result.error);
      return false;
    }
    await this.#forget(sessionId);
    this.#toasts.success(
      count === 0
        ? `Deleted session “${label}”.`
        : `Deleted session “${label}”: the call ended for ${plural(count, 'participant')}.`,
    );
    return true;
  }

  async refresh(sessionId: string): Promise<boolean> {
    const result = await this.#busy.run(`session-refresh:${sessionId}`, 'Refreshing…', () =>
      this.#bridge.sessions.refresh({ sessionId }),
    );
    if (!result.ok) {
      this.#toasts.error(result.error);
      return false;
    }
    this.upsert(result.value);
    return true;
  }

  /** Replaces a session's view (appending it when `add` and it is new). */
  upsert(view: SessionView, add = false): void {
    if (this.find(view.id)) {
      this.#sessions = this.#sessions.map((s) => (s.id === view.id ? view : s));
    } else if (add) {
      this.#sessions = [...this.#sessions, view];
    }
  }

  /** Applies a local change to one session's view (optimistic updates). */
  patch(sessionId: string, change: (view: SessionView) => SessionView): void {
    this.#sessions = this.#sessions.map((s) => (s.id === sessionId ? change(s) : s));
  }

  async #forget(sessionId: string): Promise<void> {
    const index = this.#sessions.findIndex((s) => s.id === sessionId);
    this.#sessions = this.#sessions.filter((s) => s.id !== sessionId);
    if (this.#selectedId === sessionId) {
      const next = this.#sessions[Math.min(index, this.#sessions.length - 1)] ?? null;
      await this.select(next?.id ?? null);
    }
  }
}
