/**
 * A local API whose store keeps a ledger of every change in the order the server applied it, with a
 * change counter (`version`) the tests read from the same process. Each subscription write records
 * the receiver's subscriptions before and after and the session's members at that moment, so the
 * value of any matrix cell can be traced to the change that set it.
 */
import type { AddressInfo } from 'node:net';
import { buildLocalApiApp, Store } from '../../../src-main/local-api';
import { generateTokenSecret } from '../../../src-main/local-api/tokens';
import type { Subscriptions } from '../../../src-main/shared/bandwidth-api';

export interface SubscriptionWrite {
  kind: 'subscriptions';
  version: number;
  sessionId: string;
  receiverId: string;
  prior: Subscriptions;
  next: Subscriptions;
  /** Members when it was applied. */
  members: string[];
}

export interface MembershipChange {
  kind: 'membership';
  version: number;
  sessionId: string;
  participantId: string;
}

export type LedgerEntry = SubscriptionWrite | MembershipChange;

export class LedgerStore extends Store {
  version = 0;
  readonly ledger: LedgerEntry[] = [];

  override updateParticipantSubscriptions(
    sessionId: string,
    participantId: string,
    subscriptions?: Subscriptions,
  ): void {
    const prior = this.getParticipantSubscriptions(sessionId, participantId);
    super.updateParticipantSubscriptions(sessionId, participantId, subscriptions);
    this.#write(sessionId, participantId, prior);
  }

  override addParticipantToSession(
    sessionId: string,
    participantId: string,
    subscriptions?: Subscriptions,
  ): void {
    const wasMember = this.#members(sessionId).includes(participantId);
    const prior = wasMember ? this.getParticipantSubscriptions(sessionId, participantId) : {};
    super.addParticipantToSession(sessionId, participantId, subscriptions);
    if (!wasMember) this.#membership(sessionId, participantId);
    if (subscriptions !== undefined) this.#write(sessionId, participantId, prior);
  }

  override removeParticipantFromSession(sessionId: string, participantId: string): void {
    super.removeParticipantFromSession(sessionId, participantId);
    this.#membership(sessionId, participantId);
  }

  override deleteParticipant(participantId: string): void {
    const sessionId = this.getParticipant(participantId).sessions?.[0];
    super.deleteParticipant(participantId);
    if (sessionId !== undefined) this.#membership(sessionId, participantId);
  }

  #members(sessionId: string): string[] {
    return this.listSessionParticipants(sessionId).map((p) => p.id);
  }

  #write(sessionId: string, receiverId: string, prior: Subscriptions): void {
    this.version += 1;
    this.ledger.push({
      kind: 'subscriptions',
      version: this.version,
      sessionId,
      receiverId,
      prior,
      next: this.getParticipantSubscriptions(sessionId, receiverId),
      members: this.#members(sessionId),
    });
  }

  #membership(sessionId: string, participantId: string): void {
    this.version += 1;
    this.ledger.push({ kind: 'membership', version: this.version, sessionId, participantId });
  }
}

export interface LedgerApi {
  store: LedgerStore;
  baseUrl: string;
  accountId: string;
  username: string;
  password: string;
  close(): Promise<void>;
}

/** The local API's app over a LedgerStore, listening on a free loopback port. */
export async function startLedgerApi(password: string): Promise<LedgerApi> {
  const store = new LedgerStore();
  const credentials = { accountId: '5550100', username: 'ledger-user', password };
  const { app } = buildLocalApiApp({ store, credentials, tokenSecret: generateTokenSecret() });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  return {
    store,
    baseUrl: `http://127.0.0.1:${port}/v1`,
    ...credentials,
    close: () => app.close(),
  };
}

/**
 * Publisher → streams ('*' = all) that `subs` delivers to `receiverId` among `members` (the same
 * semantics as the local API's delivery).
 */
export function cellsOf(
  subs: Subscriptions,
  members: readonly string[],
  receiverId: string,
): Map<string, string> {
  const cells = new Map<string, string>();
  const list = subs.participants ?? [];
  if (list.length > 0) {
    for (const e of list) {
      if (e.participantId === receiverId || !members.includes(e.participantId)) continue;
      const aliases = [...new Set(e.streamAliases ?? [])].sort();
      cells.set(e.participantId, aliases.length === 0 ? '*' : aliases.join(','));
    }
  } else if (subs.sessionId !== undefined) {
    for (const id of members) if (id !== receiverId) cells.set(id, '*');
  }
  return cells;
}

/** The publishers whose cell differs between two subscription values of one receiver. */
export function changedCells(entry: SubscriptionWrite): string[] {
  const before = cellsOf(entry.prior, entry.members, entry.receiverId);
  const after = cellsOf(entry.next, entry.members, entry.receiverId);
  const publishers = new Set([...before.keys(), ...after.keys()]);
  return [...publishers].filter((p) => before.get(p) !== after.get(p));
}

/**
 * The version of the last change at or before `version` that set cell receiver ← publisher in the
 * session: a subscription write that changed that cell, or the receiver or publisher joining or
 * leaving. 0 when none (the cell has held its value since the start).
 */
export function lastSetter(
  ledger: readonly LedgerEntry[],
  sessionId: string,
  receiverId: string,
  publisherId: string,
  version: number,
): number {
  for (let i = Math.min(version, ledger.length) - 1; i >= 0; i -= 1) {
    const e = ledger[i];
    if (e === undefined || e.version > version || e.sessionId !== sessionId) continue;
    if (e.kind === 'membership') {
      if (e.participantId === receiverId || e.participantId === publisherId) return e.version;
      continue;
    }
    if (e.receiverId === receiverId && changedCells(e).includes(publisherId)) return e.version;
  }
  return 0;
}
