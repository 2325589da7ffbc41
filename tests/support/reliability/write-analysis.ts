/**
 * Suite 3's measurements over the ledger (see concurrent-supervisors.test.ts for the definitions):
 * which console write produced which ledger entry, the clobbers inside and outside the
 * read-to-write window, and whether every deliberate cell someone else overwrote was shown as drift.
 */
import { subscriptionsKey } from '../../../src-main/live';
import type { ApplyResult } from '../../../src-main/routing';
import type { Plan } from '../../../src-main/shared/routing';
import type { SentRequest, TestConsole } from './console';
import {
  cellsOf,
  changedCells,
  lastSetter,
  type LedgerEntry,
  type SubscriptionWrite,
} from './ledger';

/** One routing change a console tried (its requests carry `id` as their tag). */
export interface Attempt {
  id: string;
  console: string;
  sessionId: string;
  result: ApplyResult | undefined;
}

export interface ConsoleWrite {
  attempt: Attempt;
  entry: SubscriptionWrite;
  /** The server's change counter when the attempt's fresh read was sent. */
  readVersion: number;
  /** Publishers whose cell for this receiver the plan meant to change. */
  intended: Set<string>;
}

export interface Attribution {
  /** Ledger version → the console write that produced it. */
  owner: Map<number, ConsoleWrite>;
  /** Ledger version → every console that could have produced it (identical concurrent writes). */
  couldBe: Map<number, Set<string>>;
  /** PUTs that could not be attributed (must be none, or the figures mean nothing). */
  problems: string[];
}

function intendedCells(plan: Plan | undefined, receiverId: string, body: string): Set<string> {
  const key = subscriptionsKey(JSON.parse(body || '{}'));
  for (const w of plan?.writes ?? []) {
    if (w.receiverId !== receiverId) continue;
    if (subscriptionsKey(w.after) === key || subscriptionsKey(w.before) === key) {
      return new Set(w.cells.map((c) => c.publisherId));
    }
  }
  return new Set();
}

/**
 * Attributes every console PUT to the ledger entry it produced: an entry for that receiver with
 * that value, applied while the PUT was under way. Two writers can put the same value at
 * overlapping times, so the PUTs with the fewest candidates are matched first.
 */
export function attributeWrites(
  ledger: readonly LedgerEntry[],
  attempts: readonly Attempt[],
  requests: Readonly<Record<string, readonly SentRequest[]>>,
): Attribution {
  const owner = new Map<number, ConsoleWrite>();
  const couldBe = new Map<number, Set<string>>();
  const problems: string[] = [];
  const puts: { write: Omit<ConsoleWrite, 'entry'>; candidates: SubscriptionWrite[] }[] = [];
  for (const attempt of attempts) {
    const tagged = (requests[attempt.console] ?? []).filter((r) => r.tag === attempt.id);
    const read = tagged.find(
      (r) => r.method === 'GET' && r.url.endsWith(`/sessions/${attempt.sessionId}/participants`),
    );
    const result = attempt.result;
    const plan = result && (result.ok || result.code === 'write-failed') ? result.plan : undefined;
    for (const put of tagged.filter((r) => r.method === 'PUT' && r.status === 204)) {
      const receiverId = /\/participants\/([^/]+)\/subscriptions$/.exec(put.url)?.[1] ?? '';
      const key = subscriptionsKey(JSON.parse(put.body || '{}'));
      const candidates = ledger.filter(
        (e): e is SubscriptionWrite =>
          e.kind === 'subscriptions' &&
          e.receiverId === receiverId &&
          e.version > (put.versionAtSend ?? 0) &&
          e.version <= (put.versionAtSettle ?? Infinity) &&
          subscriptionsKey(e.next) === key,
      );
      if (read?.versionAtSend === undefined) {
        problems.push(`${attempt.id}: a PUT without the attempt's read`);
        continue;
      }
      const intended = intendedCells(plan, receiverId, put.body ?? '');
      puts.push({ write: { attempt, readVersion: read.versionAtSend, intended }, candidates });
      for (const e of candidates) {
        couldBe.set(e.version, (couldBe.get(e.version) ?? new Set()).add(attempt.console));
      }
    }
  }
  puts.sort((x, y) => x.candidates.length - y.candidates.length);
  for (const { write, candidates } of puts) {
    const entry = candidates.find((e) => !owner.has(e.version));
    if (entry) owner.set(entry.version, { ...write, entry });
    else problems.push(`${write.attempt.id}: a PUT that matches no change in the ledger`);
  }
  return { owner, couldBe, problems };
}

export interface ClobberFigures {
  clobberedInWindow: number;
  clobberedOutside: number;
  /** Cells of written receivers that the writes left as they were. */
  keptCells: number;
  /** Deliberate changes to a cell someone else had set since the start. */
  sameCellConflicts: number;
  problems: string[];
}

/** Write by write: every cell it changed without meaning to, and who had set it when. */
export function countClobbers(
  ledger: readonly LedgerEntry[],
  { owner }: Attribution,
  versionAtStart: number,
): ClobberFigures {
  const figures: ClobberFigures = {
    clobberedInWindow: 0,
    clobberedOutside: 0,
    keptCells: 0,
    sameCellConflicts: 0,
    problems: [],
  };
  for (const w of owner.values()) {
    const { sessionId, receiverId, version, members } = w.entry;
    const changed = changedCells(w.entry);
    figures.keptCells += members.length - 1 - changed.length;
    for (const publisherId of changed) {
      const setter = lastSetter(ledger, sessionId, receiverId, publisherId, version - 1);
      if (w.intended.has(publisherId)) {
        const by = owner.get(setter)?.attempt.console;
        if (setter > versionAtStart && by !== w.attempt.console) figures.sameCellConflicts += 1;
      } else if (setter > w.readVersion) figures.clobberedInWindow += 1;
      else {
        figures.clobberedOutside += 1;
        figures.problems.push(
          `${w.attempt.id} (v${version}) overwrote ${receiverId}←${publisherId}, set at v${setter}, read at v${w.readVersion}`,
        );
      }
    }
  }
  return figures;
}

export interface DriftFigures {
  /** Cells a console set on purpose that someone else changed for good. */
  overwritten: number;
  shownAsDrift: number;
  /** Not shown, but read fresh by that console for a later write to the same receiver. */
  seenFresh: number;
  silentlyLost: number;
  problems: string[];
}

/** The value of cell receiver ← publisher after the last write to that receiver (null: none). */
function finalCell(
  ledger: readonly LedgerEntry[],
  sessionId: string,
  receiverId: string,
  publisherId: string,
): string | null {
  const last = [...ledger]
    .reverse()
    .find(
      (e): e is SubscriptionWrite =>
        e.kind === 'subscriptions' && e.receiverId === receiverId && e.sessionId === sessionId,
    );
  return last ? (cellsOf(last.next, last.members, receiverId).get(publisherId) ?? null) : null;
}

/** For each console and each cell it set on purpose last: was its loss shown as drift? */
export function countDrift(
  ledger: readonly LedgerEntry[],
  { owner, couldBe }: Attribution,
  updates: Readonly<Record<string, TestConsole['updates']>>,
): DriftFigures {
  const figures: DriftFigures = {
    overwritten: 0,
    shownAsDrift: 0,
    seenFresh: 0,
    silentlyLost: 0,
    problems: [],
  };
  const lastOwn = new Map<string, ConsoleWrite>();
  for (const w of [...owner.values()].sort((x, y) => x.entry.version - y.entry.version)) {
    for (const p of w.intended) lastOwn.set(`${w.attempt.console}|${w.entry.receiverId}|${p}`, w);
  }
  for (const [key, w] of lastOwn) {
    const [name = '', receiverId = '', publisherId = ''] = key.split('|');
    const { sessionId, version } = w.entry;
    const mine = cellsOf(w.entry.next, w.entry.members, receiverId).get(publisherId) ?? null;
    const later = ledger.find(
      (e) =>
        e.version > version &&
        e.sessionId === sessionId &&
        (e.kind === 'membership'
          ? e.participantId === receiverId || e.participantId === publisherId
          : e.receiverId === receiverId && changedCells(e).includes(publisherId)),
    );
    if (!later || couldBe.get(later.version)?.has(name)) continue;
    if (finalCell(ledger, sessionId, receiverId, publisherId) === mine) continue;
    figures.overwritten += 1;
    const seen = (updates[name] ?? []).filter(
      (u) => (u.version ?? 0) >= later.version && u.event.session.id === sessionId,
    );
    const drift = seen.some((u) =>
      u.event.changes.some(
        (ch) =>
          ch.origin === 'external' &&
          (ch.participantId === receiverId || ch.participantId === publisherId),
      ),
    );
    const fresh = [...owner.values()].some(
      (x) =>
        x.attempt.console === name &&
        x.entry.receiverId === receiverId &&
        x.readVersion >= later.version,
    );
    if (drift) figures.shownAsDrift += 1;
    else if (fresh) figures.seenFresh += 1;
    else {
      figures.silentlyLost += 1;
      const history = ledger
        .filter((e) => e.version >= version && e.sessionId === sessionId)
        .filter((e) => e.kind === 'membership' || e.receiverId === receiverId)
        .map((e) =>
          e.kind === 'membership'
            ? `v${e.version} member ${e.participantId}`
            : `v${e.version} ${subscriptionsKey(e.prior)} → ${subscriptionsKey(e.next)} by ${[...(couldBe.get(e.version) ?? ['outside'])].join('/')}`,
        );
      const events = seen.map(
        (u) =>
          `v${u.version} ${u.event.changes.map((ch) => `${ch.participantId} ${ch.kind} ${ch.origin}`).join('+')}`,
      );
      figures.problems.push(
        `${name}'s ${receiverId}←${publisherId} (v${version}) lost at v${later.version} without ` +
          `drift; changes to the receiver since: ${history.join(', ')}; events: ${events.join(', ')}`,
      );
    }
  }
  return figures;
}
