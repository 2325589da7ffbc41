import type { Participant, Subscriptions } from '../shared/bandwidth-api';
import type { ObservedChange } from '../shared/dto/session-view';

export type { ObservedChange } from '../shared/dto/session-view';

/**
 * A stable text form of a subscriptions object that compares equal when the API would deliver the
 * same thing: a non-empty `participants` list overrides `sessionId`; an empty one means session level
 * when `sessionId` is present, nothing otherwise; entries and aliases are order-free.
 */
export function subscriptionsKey(subscriptions: Subscriptions | undefined): string {
  const list = subscriptions?.participants ?? [];
  if (list.length > 0) {
    const entries = list
      .map((e) => {
        const aliases = [...new Set(e.streamAliases ?? [])].sort();
        return aliases.length > 0 ? `${e.participantId}[${aliases.join(',')}]` : e.participantId;
      })
      .sort();
    return `list:${entries.join(';')}`;
  }
  return subscriptions?.sessionId ? 'session' : 'none';
}

/**
 * Expectations of this console's own writes, so that a poll can tell "the change I just made" from
 * "someone else changed this". An expectation is consumed when observed, and expires after `ttlMs`.
 * Once its write was answered (`settle`), the next poll sent after that has seen it — or seen that
 * someone overwrote it — so that poll uses it up either way (`forgetSettled`): a stale expectation
 * must never make a later outside change that happens to restore the same value look like ours.
 *
 * Seeing the overwrite is not left to the poll's diff: when someone else sets a participant back
 * to what the last poll showed (undo, redo, then someone restores the undo's value), the diff is
 * empty. So each participant's latest subscriptions write is measured against what that poll
 * shows (`overwritten`): a different value is someone else's change, from what this console wrote.
 */
export class WriteExpectations {
  private readonly pending = new Map<string, Expectation[]>();
  /** Each participant's latest subscriptions write, until a poll has seen it or measured it. */
  private readonly latest = new Map<string, Expectation>();
  /** Orders settles and poll marks (program order, not wall-clock time). */
  private clock = 0;

  constructor(private readonly ttlMs = 60_000) {}

  /** This console is about to write these subscriptions for this participant. */
  expect(participantId: string, subscriptions: Subscriptions, now = Date.now()): void {
    this.latest.set(
      participantId,
      this.add(participantId, keyOf(subscriptions), now, subscriptions),
    );
  }

  /** This console is about to add the participant to, or remove it from, the session. */
  expectMembership(participantId: string, kind: 'joined' | 'left', now = Date.now()): void {
    this.add(participantId, kind, now);
  }

  /**
   * The write announced for this change was answered: done, or failed. One the API refused
   * outright (`mayHaveApplied` false) changed nothing, so it explains nothing a poll sees.
   */
  settle(participantId: string, change: ChangeSignature, mayHaveApplied = true): void {
    const key = keyOf(change);
    const entry = this.pending.get(participantId)?.find((e) => e.key === key && e.settled === 0);
    if (!entry) return;
    entry.settled = ++this.clock;
    if (!mayHaveApplied) this.drop(participantId, entry);
  }

  /**
   * Taken just before a poll is sent; give it to `diffParticipants`, and to `forgetSettled` once
   * the poll succeeded.
   */
  mark(): number {
    return ++this.clock;
  }

  /** Drops every expectation whose write was answered before the poll marked `mark` was sent. */
  forgetSettled(mark: number): void {
    for (const [participantId, list] of this.pending) {
      const kept = list.filter((e) => e.settled === 0 || e.settled > mark);
      if (kept.length > 0) this.pending.set(participantId, kept);
      else this.pending.delete(participantId);
    }
    for (const [participantId, last] of this.latest) {
      if (last.settled !== 0 && last.settled < mark) this.latest.delete(participantId);
    }
  }

  /**
   * What this console last wrote for the participant, when the poll marked `sent` shows other
   * subscriptions although that write was answered before the poll was sent (and no later one is
   * under way): someone else changed them since. Undefined otherwise.
   */
  overwritten(
    participantId: string,
    observed: Subscriptions | undefined,
    sent: number,
  ): Subscriptions | undefined {
    const last = this.latest.get(participantId);
    if (last?.subscriptions === undefined || last.settled === 0 || last.settled > sent) {
      return undefined;
    }
    return last.key === keyOf(observed ?? {}) ? undefined : last.subscriptions;
  }

  /** True (and consumed) when this console made exactly this change. */
  consume(participantId: string, change: ChangeSignature, now = Date.now()): boolean {
    const key = keyOf(change);
    const list = (this.pending.get(participantId) ?? []).filter((e) => e.until > now);
    const index = list.findIndex((e) => e.key === key);
    const [seen] = index >= 0 ? list.splice(index, 1) : [];
    if (list.length > 0) this.pending.set(participantId, list);
    else this.pending.delete(participantId);
    if (seen !== undefined && this.latest.get(participantId) === seen) {
      this.latest.delete(participantId);
    }
    return seen !== undefined;
  }

  private add(
    participantId: string,
    key: string,
    now: number,
    subscriptions?: Subscriptions,
  ): Expectation {
    const entry: Expectation = { key, until: now + this.ttlMs, settled: 0, subscriptions };
    this.pending.set(participantId, [...(this.pending.get(participantId) ?? []), entry]);
    return entry;
  }

  private drop(participantId: string, entry: Expectation): void {
    const kept = (this.pending.get(participantId) ?? []).filter((e) => e !== entry);
    if (kept.length > 0) this.pending.set(participantId, kept);
    else this.pending.delete(participantId);
    if (this.latest.get(participantId) === entry) this.latest.delete(participantId);
  }
}

interface Expectation {
  readonly key: string;
  readonly until: number;
  /** When its write was answered (the clock), 0 until then. */
  settled: number;
  /** What a subscriptions write wrote (none for a membership change). */
  readonly subscriptions: Subscriptions | undefined;
}

function keyOf(change: ChangeSignature): string {
  return change === 'joined' || change === 'left' ? change : `sub:${subscriptionsKey(change)}`;
}

/** A membership change, or the subscriptions a participant ended up with. */
export type ChangeSignature = 'joined' | 'left' | Subscriptions;

/**
 * What changed between two observations of a session's participants; `sent` is the mark taken
 * just before the poll that read `after` was sent.
 */
export function diffParticipants(
  before: readonly Participant[] | undefined,
  after: readonly Participant[],
  expectations: WriteExpectations,
  sent: number,
  now = Date.now(),
): ObservedChange[] {
  if (!before) return [];
  const old = new Map(before.map((p) => [p.id, p]));
  const changes: ObservedChange[] = [];
  for (const p of after) {
    const previous = old.get(p.id);
    if (!previous) {
      const origin = expectations.consume(p.id, 'joined', now) ? 'console' : 'external';
      changes.push({ participantId: p.id, kind: 'joined', origin, after: p.subscriptions });
      continue;
    }
    old.delete(p.id);
    // Our last write is not what the poll shows: someone changed it, even back to what we had seen.
    const ours = expectations.overwritten(p.id, p.subscriptions, sent);
    if (ours !== undefined) {
      changes.push({
        participantId: p.id,
        kind: 'subscriptions',
        origin: 'external',
        before: ours,
        after: p.subscriptions,
      });
    } else if (subscriptionsKey(previous.subscriptions) !== subscriptionsKey(p.subscriptions)) {
      const mine = expectations.consume(p.id, p.subscriptions ?? {}, now);
      changes.push({
        participantId: p.id,
        kind: 'subscriptions',
        origin: mine ? 'console' : 'external',
        before: previous.subscriptions,
        after: p.subscriptions,
      });
    }
  }
  for (const gone of old.values()) {
    const origin = expectations.consume(gone.id, 'left', now) ? 'console' : 'external';
    changes.push({ participantId: gone.id, kind: 'left', origin, before: gone.subscriptions });
  }
  return changes;
}
