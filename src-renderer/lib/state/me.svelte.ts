/**
 * "Me" on the screen: where the profile's supervisor is (never the token: main keeps it), the one
 * question an action may need answered first (Barge, a guessed role), and the four actions —
 * Monitor, Coach, Barge, Leave — each one call to main. Main decides everything; this store only
 * shows its answers.
 */
import type { PatchbayBridge } from '../api';
import type { MeMode, MeView } from '$shared/dto/me';
import type { ToastsStore } from './toasts.svelte';

export type MeBridge = Pick<PatchbayBridge, 'me'>;

/** The question main asked before an action, and the action that answering it repeats. */
export interface MeQuestion {
  sessionId: string;
  mode: MeMode;
  text: string;
}

export class MeStore {
  #me = $state<MeView | null>(null);
  #question = $state<MeQuestion | null>(null);
  #working = $state(false);
  readonly #bridge: MeBridge;
  readonly #toasts: ToastsStore;
  readonly #profileId: () => string;

  /** `profileId`: the active profile, named by every action (main refuses a stale one). */
  constructor(bridge: MeBridge, toasts: ToastsStore, profileId: () => string) {
    this.#bridge = bridge;
    this.#toasts = toasts;
    this.#profileId = profileId;
  }

  get me(): MeView | null {
    return this.#me;
  }

  /** My mode in this session, null when I am not in it. */
  modeIn(sessionId: string): MeMode | null {
    return this.#me?.sessionId === sessionId ? this.#me.mode : null;
  }

  get question(): MeQuestion | null {
    return this.#question;
  }

  get working(): boolean {
    return this.#working;
  }

  /** Loads where I am and follows changes (another window's, a recovery's). */
  connect(): () => void {
    const off = this.#bridge.me.onChanged(({ profileId, me }) => {
      if (profileId === this.#profileId()) this.#me = me;
    });
    void this.load();
    return off;
  }

  async load(): Promise<void> {
    const result = await this.#bridge.me.state({});
    if (result.ok) this.#me = result.value;
  }

  /** Monitor, Coach or Barge as me; a question from main is held until answered or dropped. */
  async act(sessionId: string, mode: MeMode, confirmed = false): Promise<void> {
    this.#question = null;
    await this.#run(async () => {
      const input = { profileId: this.#profileId(), sessionId, mode };
      const result = await this.#bridge.me.act(confirmed ? { ...input, confirmed } : input);
      if (!result.ok) return this.#toasts.error(result.error);
      if (result.value.status === 'confirm') {
        this.#question = { sessionId, mode, text: result.value.question };
        return;
      }
      this.#me = result.value.me;
      this.#toasts.success(result.value.message);
    });
  }

  /** The supervisor answered yes: the same action, confirmed. */
  confirm(): Promise<void> {
    const q = this.#question;
    return q ? this.act(q.sessionId, q.mode, true) : Promise.resolve();
  }

  /** The supervisor answered no: nothing is sent. */
  dismiss(): void {
    if (this.#question) this.#toasts.info('Nothing was changed.');
    this.#question = null;
  }

  async leave(): Promise<void> {
    this.#question = null;
    await this.#run(async () => {
      const result = await this.#bridge.me.leave({ profileId: this.#profileId() });
      if (!result.ok) return this.#toasts.error(result.error);
      this.#me = null;
      this.#toasts.success(result.value.status === 'done' ? result.value.message : 'You left.');
    });
  }

  async #run(step: () => Promise<unknown>): Promise<void> {
    this.#working = true;
    try {
      await step();
    } finally {
      this.#working = false;
    }
  }
}
