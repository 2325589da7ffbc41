/**
 * The e2e flake in matrix-trust.spec.ts ("undo and redo…"): undo wrote "c hears a" (a poll saw
 * it), redo wrote "c hears nobody", and someone else let c hear a again before the next poll was
 * answered. That poll showed what the last one had shown: no diff, the redo's expectation was
 * dropped unseen, and the cell stayed "applied" (its data-state the undo's, still on screen).
 * The console's last write to a participant is now measured against what a poll sent after its
 * answer shows. And a poll that spans two of our own writes to one participant never takes an
 * outside change back to the first one's value for ours.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { BandwidthClient } from '../../../../src-main/bandwidth';
import { WriteExpectations } from '../../../../src-main/live/changes';
import { SessionWatcher, type SessionUpdate } from '../../../../src-main/live/session-watcher';
import type { Participant, Subscriptions } from '../../../../src-main/shared/bandwidth-api';

const SESSION = 'session-1';
const TIMING = { fastMs: 600_000, slowMs: 600_000, maxBackoffMs: 600_000 };
const HEARS_A: Subscriptions = { sessionId: SESSION, participants: [{ participantId: 'a' }] };
const NOTHING: Subscriptions = {};

/** The API's state, and reads the test answers when it chooses (what they show, too). */
class FakeApi {
  subscriptions: Record<string, Subscriptions> = { a: NOTHING, c: NOTHING };
  held: ((answer?: Participant[]) => void)[] = [];
  holdNext = false;

  state(): Participant[] {
    return Object.entries(this.subscriptions).map(([id, subscriptions]) => ({
      id,
      sessions: [SESSION],
      subscriptions: structuredClone(subscriptions),
    }));
  }

  readonly client = {
    listSessionParticipants: (): Promise<Participant[]> => {
      if (!this.holdNext) return Promise.resolve(this.state());
      this.holdNext = false;
      // Answered later, with the state at the moment the server handles it (the test says when).
      return new Promise((resolve) => this.held.push((answer) => resolve(answer ?? this.state())));
    },
  } as unknown as BandwidthClient;

  /** The server handles the held read now (its answer arrives when `deliver` is called). */
  handleHeld(): Participant[] {
    return this.state();
  }

  deliver(answer?: Participant[]): void {
    this.held.shift()?.(answer);
  }
}

interface Rig {
  api: FakeApi;
  expectations: WriteExpectations;
  watcher: SessionWatcher;
  updates: SessionUpdate[];
  /** This console writes c's subscriptions the way routing/writes.ts `announced` does. */
  write(subscriptions: Subscriptions): void;
  originsOfC(): string[];
}

const watchers: SessionWatcher[] = [];
afterEach(() => {
  for (const w of watchers.splice(0)) w.stop();
});

async function rig(): Promise<Rig> {
  const api = new FakeApi();
  const expectations = new WriteExpectations();
  const updates: SessionUpdate[] = [];
  const watcher = new SessionWatcher(api.client, SESSION, TIMING, expectations, (u) =>
    updates.push(u),
  );
  watchers.push(watcher);
  await watcher.pollNow(); // the first observation: c hears nothing
  return {
    api,
    expectations,
    watcher,
    updates,
    write(subscriptions) {
      expectations.expect('c', subscriptions);
      api.subscriptions.c = subscriptions;
      expectations.settle('c', subscriptions);
    },
    originsOfC: () =>
      updates.flatMap((u) => u.changes.filter((c) => c.participantId === 'c').map((c) => c.origin)),
  };
}

/** Lets a poll's held read be taken (the watcher awaits it). */
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('write expectations: undo, redo, and someone else restoring the undo', () => {
  it('the redo overwritten back to what the last poll showed is drift, from the redo', async () => {
    const r = await rig();
    r.write(HEARS_A); // undo
    await r.watcher.pollNow(); // seen: c hears a
    r.write(NOTHING); // redo, answered…
    r.api.subscriptions.c = HEARS_A; // …and someone else lets c hear a before the next poll
    await r.watcher.pollNow();
    expect(r.originsOfC()).toEqual(['console', 'external']);
    expect(r.updates.at(-1)?.changes).toEqual([
      {
        participantId: 'c',
        kind: 'subscriptions',
        origin: 'external',
        before: NOTHING,
        after: HEARS_A,
      },
    ]);
    await r.watcher.pollNow(); // said once
    expect(r.originsOfC()).toEqual(['console', 'external']);
  });

  it('a slow poll that saw neither write, then an outside change back to the undo: external', async () => {
    const r = await rig();
    r.api.holdNext = true;
    const slow = r.watcher.pollNow();
    await tick();
    const before = r.api.handleHeld(); // the server answers it before the undo lands…
    r.write(HEARS_A); // undo: c hears a
    r.write(NOTHING); // redo: c hears nothing again
    r.api.deliver(before); // …and the answer arrives only now
    await slow;
    r.api.subscriptions.c = HEARS_A; // someone else lets c hear a
    await r.watcher.pollNow();
    expect(r.originsOfC()).toEqual(['external']);
  });

  it('a poll sent before the undo, answered after the outside change: drift by the next', async () => {
    const r = await rig();
    r.api.holdNext = true;
    const slow = r.watcher.pollNow();
    await tick();
    r.write(HEARS_A);
    r.write(NOTHING);
    r.api.subscriptions.c = HEARS_A; // someone else, before the poll is handled
    r.api.deliver();
    await slow; // could have been handled between undo and redo: the undo's, as far as it knows
    await r.watcher.pollNow();
    expect(r.originsOfC().at(-1)).toBe('external');
  });

  it('a poll handled between the two writes, answered after both, calls nothing drift', async () => {
    const r = await rig();
    r.api.holdNext = true;
    const slow = r.watcher.pollNow();
    await tick();
    r.write(HEARS_A);
    const between = r.api.handleHeld(); // handled between undo and redo
    r.write(NOTHING);
    r.api.deliver(between);
    await slow;
    await r.watcher.pollNow();
    await r.watcher.pollNow();
    expect(r.originsOfC()).toEqual(['console', 'console']);
    // And the undo's expectation is used up: the same value from outside later is theirs.
    r.api.subscriptions.c = HEARS_A;
    await r.watcher.pollNow();
    expect(r.originsOfC().at(-1)).toBe('external');
  });

  it('a poll that sees the undo while the redo is unanswered calls nothing drift', async () => {
    const r = await rig();
    r.write(HEARS_A);
    r.expectations.expect('c', NOTHING); // redo announced, not answered yet
    await r.watcher.pollNow();
    r.api.subscriptions.c = NOTHING;
    r.expectations.settle('c', NOTHING);
    await r.watcher.pollNow();
    expect(r.originsOfC()).toEqual(['console', 'console']);
    r.api.subscriptions.c = HEARS_A; // someone else
    await r.watcher.pollNow();
    expect(r.originsOfC().at(-1)).toBe('external');
  });

  it('a poll sent while a write is under way does not measure it', async () => {
    const r = await rig();
    r.expectations.expect('c', HEARS_A); // sent, not landed, not answered
    await r.watcher.pollNow();
    expect(r.originsOfC()).toEqual([]);
    r.api.subscriptions.c = HEARS_A;
    r.expectations.settle('c', HEARS_A);
    await r.watcher.pollNow();
    expect(r.originsOfC()).toEqual(['console']);
  });

  it('the redo landed but is unanswered, someone else lets c hear a: drift once answered', async () => {
    const r = await rig();
    r.write(HEARS_A);
    r.expectations.expect('c', NOTHING);
    r.api.subscriptions.c = NOTHING; // the redo lands; its answer is still on the way
    r.api.subscriptions.c = HEARS_A; // someone else
    await r.watcher.pollNow();
    r.expectations.settle('c', NOTHING);
    await r.watcher.pollNow();
    expect(r.originsOfC().at(-1)).toBe('external');
  });

  it('the console’s own writes are its own', async () => {
    const r = await rig();
    r.write(HEARS_A);
    await r.watcher.pollNow();
    r.write(NOTHING);
    await r.watcher.pollNow();
    r.write(NOTHING); // the same again: nothing changes, nothing to say
    await r.watcher.pollNow();
    expect(r.originsOfC()).toEqual(['console', 'console']);
  });

  it('a redo refused outright (nothing written) does not take the undo from the console', async () => {
    const r = await rig();
    r.write(HEARS_A);
    r.expectations.expect('c', NOTHING);
    r.expectations.settle('c', NOTHING, false); // answered 403: never applied
    await r.watcher.pollNow();
    expect(r.originsOfC()).toEqual(['console']);
  });
});
