/**
 * The on-air indicator's state: who hears my microphone right now, from the routing of the call I
 * am on (its latest session view, from `sessions:update`, whether the call is in my register or
 * only on the floor) and what my microphone does (published, muted, push-to-talk). The words come
 * from the shared rule (`$shared/routing/on-air`), never from the mode I asked for.
 */
import type { MeView } from '$shared/dto/me';
import type { SessionView } from '$shared/dto/session-view';
import { routingOf } from '$shared/routing';
import { onAirWords, type OnAir } from '$shared/routing/on-air';
import type { AudioStore } from './audio.svelte';
import type { SessionsStore } from './sessions.svelte';

export type OnAirSessions = Pick<SessionsStore, 'onUpdate' | 'find'>;

export class OnAirStore {
  /** The latest view of the call I am on (null until one is seen). */
  #view = $state.raw<SessionView | null>(null);
  readonly #me: () => MeView | null;
  readonly #audio: Pick<AudioStore, 'published' | 'micOpen'>;
  readonly #sessions: OnAirSessions;

  readonly #words = $derived.by((): OnAir | null => {
    const me = this.#me();
    if (me === null) return null;
    const seen = this.#view;
    const view = seen?.id === me.sessionId ? seen : this.#sessions.find(me.sessionId);
    if (view === undefined) return null;
    const mic = { published: this.#audio.published, muted: !this.#audio.micOpen };
    return onAirWords(routingOf(view), me.participantId, mic);
  });

  constructor(
    me: () => MeView | null,
    audio: Pick<AudioStore, 'published' | 'micOpen'>,
    sessions: OnAirSessions,
  ) {
    this.#me = me;
    this.#audio = audio;
    this.#sessions = sessions;
  }

  /** What the indicator says; null when I am on no call (or its routing is not seen yet). */
  get words(): OnAir | null {
    return this.#words;
  }

  /** Follows the session views; returns the unsubscribe. */
  connect(): () => void {
    return this.#sessions.onUpdate(({ session }) => {
      if (session.id === this.#me()?.sessionId) this.#view = session;
    });
  }
}
