/**
 * The demo contact center's own register of its calls — what a real backend keeps from its routing
 * system and from Bandwidth's participant callbacks — and the directory feed built from it. The
 * simulation (playing that backend) tells it about every call it starts or ends and every participant
 * it adds or removes; at start and after a reset it adopts the calls the store already holds that it
 * made itself (its own tags: `call-<uuid>`, `customer-|agent-|supervisor-<uuid>`). Bandwidth tags
 * stay opaque: names, labels and queues live here only.
 *
 * The feed lists a registered call while its session exists, with the registered participants that
 * are members of it now: so a call someone else ends, or a participant someone else removes, leaves
 * the feed at once. Every store change is looked at (coalesced per microtask); listeners hear only
 * when the feed's content changed.
 */
import { createHash } from 'node:crypto';
import type { DirectoryCall, DirectoryRole, DirectorySnapshot } from '../../shared/dto/directory';
import { DEMO_DIRECTORY_PATHS, DIRECTORY_FEED_VERSION } from '../../shared/dto/directory';
import { createPrng, type Prng } from '../prng';
import type { Store } from '../store';
import { demoCallLabel, fictionalName } from './names';

/** What the simulated backend tells its directory. */
export interface DemoBackendDirectory {
  callStarted(sessionId: string): void;
  /** Before or after the participant joins in the API; it is listed while it is a member. */
  participantJoining(sessionId: string, participantId: string, role: DirectoryRole): void;
  participantLeft(participantId: string): void;
  callEnded(sessionId: string): void;
}

export interface DemoFeed {
  snapshot: DirectorySnapshot;
  /** The JSON body as served. */
  body: string;
  /** A strong ETag of the content (generatedAt aside). */
  etag: string;
}

interface RegisteredCall {
  sessionId: string;
  label: string;
  queue: string;
  startedAt: string;
  people: Map<string, { displayName: string; role: DirectoryRole }>;
}

const DEMO_CALL_TAG = /^call-[0-9a-f]{8}-[0-9a-f]{4}-/;
const DEMO_PERSON_TAG = /^(customer|agent|supervisor)-[0-9a-f]{8}-[0-9a-f]{4}-/;

export class DemoDirectory implements DemoBackendDirectory {
  readonly #store: Store;
  readonly #prng: Prng;
  readonly #now: () => number;
  readonly #calls = new Map<string, RegisteredCall>();
  readonly #callOf = new Map<string, string>();
  readonly #listeners = new Set<() => void>();
  #ticket = 1041;
  #feed: DemoFeed | undefined;
  #notified: string | undefined;
  #pending = false;

  constructor(store: Store, options: { seed?: number; now?: () => number } = {}) {
    this.#store = store;
    this.#prng = createPrng(options.seed ?? 20230505);
    this.#now = options.now ?? Date.now;
  }

  callStarted(sessionId: string, startedAt: number = this.#now()): void {
    if (this.#calls.has(sessionId)) return;
    this.#ticket += 1;
    const { queue, label } = demoCallLabel(this.#prng, this.#ticket);
    const at = new Date(startedAt).toISOString();
    this.#calls.set(sessionId, { sessionId, label, queue, startedAt: at, people: new Map() });
    this.changed();
  }

  participantJoining(sessionId: string, participantId: string, role: DirectoryRole): void {
    const call = this.#calls.get(sessionId);
    if (call === undefined) return;
    this.participantLeft(participantId);
    call.people.set(participantId, { displayName: fictionalName(this.#prng), role });
    this.#callOf.set(participantId, sessionId);
    this.changed();
  }

  participantLeft(participantId: string): void {
    const sessionId = this.#callOf.get(participantId);
    if (sessionId === undefined) return;
    this.#calls.get(sessionId)?.people.delete(participantId);
    this.#callOf.delete(participantId);
    this.changed();
  }

  callEnded(sessionId: string): void {
    const call = this.#calls.get(sessionId);
    if (call === undefined) return;
    for (const participantId of call.people.keys()) this.#callOf.delete(participantId);
    this.#calls.delete(sessionId);
    this.changed();
  }

  /** Forgets everything, then adopts the store's calls that this backend made (see above). */
  reset(): void {
    this.#calls.clear();
    this.#callOf.clear();
    this.adopt();
  }

  /** Registers the store's demo-made sessions it does not know yet, started 1–9 minutes ago. */
  adopt(): void {
    const state = this.#store.snapshot();
    const tags = new Map(state.participants.map((p) => [p.id, p.tag ?? '']));
    for (const session of state.sessions) {
      if (this.#calls.has(session.id) || !DEMO_CALL_TAG.test(session.tag ?? '')) continue;
      this.callStarted(session.id, this.#now() - this.#prng.int(60, 540) * 1000);
      for (const participantId of session.participantIds) {
        const role = DEMO_PERSON_TAG.exec(tags.get(participantId) ?? '')?.[1] as
          DirectoryRole | undefined;
        if (role !== undefined) this.participantJoining(session.id, participantId, role);
      }
    }
  }

  /** The feed now. */
  feed(): DemoFeed {
    if (this.#feed === undefined || this.#pending)
      this.#feed = this.#build(this.#now(), this.#feed);
    return this.#feed;
  }

  /** Listens for changes of the feed's content. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The store (or the register) changed: look again once this turn of the event loop is over. */
  changed(): void {
    if (this.#pending) return;
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      this.#feed = this.#build(this.#now(), this.#feed);
      if (this.#feed.etag === this.#notified) return;
      this.#notified = this.#feed.etag;
      for (const listener of [...this.#listeners]) listener();
    });
  }

  #build(now: number, previous?: DemoFeed): DemoFeed {
    const live = new Set(this.#store.sessionIds());
    const calls: DirectoryCall[] = [];
    for (const [sessionId, call] of this.#calls) {
      if (!live.has(sessionId)) {
        this.#forget(sessionId);
        continue;
      }
      const members = new Set(this.#store.listSessionParticipants(sessionId).map((p) => p.id));
      const { label, queue, startedAt } = call;
      const participants = [...call.people]
        .filter(([participantId]) => members.has(participantId))
        .map(([participantId, person]) => ({ participantId, ...person }));
      calls.push({ sessionId, label, queue, startedAt, participants });
    }
    const content = JSON.stringify(calls);
    const etag = `"${createHash('sha256').update(content).digest('base64url').slice(0, 27)}"`;
    if (previous !== undefined && previous.etag === etag) return previous;
    const snapshot: DirectorySnapshot = {
      version: DIRECTORY_FEED_VERSION,
      generatedAt: new Date(now).toISOString(),
      events: DEMO_DIRECTORY_PATHS.events,
      calls,
    };
    return { snapshot, body: JSON.stringify(snapshot), etag };
  }

  #forget(sessionId: string): void {
    const call = this.#calls.get(sessionId);
    for (const participantId of call?.people.keys() ?? []) this.#callOf.delete(participantId);
    this.#calls.delete(sessionId);
  }
}
