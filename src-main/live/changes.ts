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
 */
export class WriteExpectations {
  private readonly pending = new Map<string, { key: string; until: number; settled: number }[]>();
  /** Orders settles and poll marks (program order, not wall-clock time). */
  private clock = 0;

  constructor(private readonly ttlMs = 60_000) {}

  /** This console is about to write these subscriptions for this participant. */
  expect(participantId: string, subscriptions: Subscriptions, now = Date.now()): void {
    this.add(participantId, keyOf(subscriptions), now);
  }

  /** This console is about to add the participant to, or remove it from, the session. */
  expectMembership(participantId: string, kind: 'joined' | 'left', now = Date.now()): void {
    this.add(participantId, kind, now);
  }

  /** The write announced for this change was answered (done or failed). */
  settle(participantId: string, change: ChangeSignature): void {
    const key = keyOf(change);
    const entry = this.pending.get(participantId)?.find((e) => e.key === key && e.settled === 0);
    if (entry) entry.settled = ++this.clock;
  }

  /** Taken just before a poll is sent; give it to `forgetSettled` once the poll succeeded. */
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
  }

  /** True (and consumed) when this console made exactly this change. */
  consume(participantId: string, change: ChangeSignature, now = Date.now()): boolean {
    const key = keyOf(change);
    const list = (this.pending.get(participantId) ?? []).filter((e) => e.until > now);
    const index = list.findIndex((e) => e.key === key);
    if (index >= 0) list.splice(index, 1);
    if (list.length > 0) this.pending.set(participantId, list);
    else this.pending.delete(participantId);
    return index >= 0;
  }

  private add(participantId: string, key: string, now: number): void {
    const list = this.pending.get(participantId) ?? [];
    list.push({ key, until: now + this.ttlMs, settled: 0 });
    this.pending.set(participantId, list);
  }
}

function keyOf(change: ChangeSignature): string {
  return change === 'joined' || change === 'left' ? change : `sub:${subscriptionsKey(change)}`;
}

/** A membership change, or the subscriptions a participant ended up with. */
export type ChangeSignature = 'joined' | 'left' | Subscriptions;

/** What changed between two observations of a session's participants. */
export function diffParticipants(
  before: readonly Participant[] | undefined,
  after: readonly Participant[],
  expectations: WriteExpectations,
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
    if (subscriptionsKey(previous.subscriptions) !== subscriptionsKey(p.subscriptions)) {
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
