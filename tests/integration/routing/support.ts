/**
 * Shared set-up for the applier's integration tests: one real local API per test file, real HTTP
 * through the real Bandwidth client, a real audit log in a fresh temp folder per test, and calls
 * (sessions) built through the API. Server state is read back with the local API's own delivery
 * function, so the tests check what the SERVER would deliver, not what the applier believes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { AuditLog } from '../../../src-main/audit';
import type { AuditEntry } from '../../../src-main/audit';
import { createBandwidthClient } from '../../../src-main/bandwidth';
import type { BandwidthClient } from '../../../src-main/bandwidth';
import { createLocalApi, deliveredPublishers } from '../../../src-main/local-api';
import type { LocalApi, RequestCounts } from '../../../src-main/local-api';
import { RoutingApplier } from '../../../src-main/routing';
import type { RoutingApplierOptions, RoutingClient } from '../../../src-main/routing';
import type { Subscriptions } from '../../../src-main/shared/bandwidth-api';
import type { Role } from '../../../src-main/shared/routing';

export interface Harness {
  api: LocalApi;
  client: BandwidthClient;
  roles: Map<string, Record<string, Role>>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const api = await createLocalApi({ port: 0 });
  const client = createBandwidthClient({
    baseUrl: api.baseUrl,
    accountId: api.accountId,
    credentials: () => ({ username: api.username, password: api.password }),
    timeoutMs: 2_000,
    backoffLimitMs: 20,
  });
  return { api, client, roles: new Map(), close: () => api.close() };
}

/** A call: customer C, agent A, supervisor S (and optionally a second agent A2). */
export interface Call {
  sessionId: string;
  c: string;
  a: string;
  s: string;
  a2?: string;
}

const list = (sessionId: string, ...ids: string[]): Subscriptions =>
  ids.length === 0
    ? {}
    : { sessionId, participants: ids.map((participantId) => ({ participantId })) };

/**
 * A normal call with a silent supervisor present: C hears [A], A hears [C] (and A2 likewise hears
 * C and A, and is heard by both), S hears nobody and nobody hears S. Participant-level lists.
 */
export async function normalCall(
  h: Harness,
  options: { secondAgent?: boolean } = {},
): Promise<Call> {
  const session = await h.client.createSession({ tag: 'call-routing' });
  const sessionId = session.id;
  const make = async (tag: string): Promise<string> =>
    (await h.client.createParticipant({ tag, publishPermissions: ['AUDIO'] })).participant.id;
  const c = await make('customer-x');
  const a = await make('agent-x');
  const s = await make('supervisor-x');
  const a2 = options.secondAgent === true ? await make('agent-y') : undefined;
  for (const id of [c, a, s, ...(a2 === undefined ? [] : [a2])]) {
    await h.client.addParticipantToSession({ sessionId, participantId: id });
  }
  const agents = a2 === undefined ? [a] : [a, a2];
  await set(h, sessionId, c, list(sessionId, ...agents));
  await set(h, sessionId, a, list(sessionId, c, ...agents.filter((x) => x !== a)));
  if (a2 !== undefined) await set(h, sessionId, a2, list(sessionId, c, a));
  const roles: Record<string, Role> = { [c]: 'customer', [a]: 'agent', [s]: 'supervisor' };
  if (a2 !== undefined) roles[a2] = 'agent';
  h.roles.set(sessionId, roles);
  return { sessionId, c, a, s, ...(a2 === undefined ? {} : { a2 }) };
}

/** An external writer (someone else's console): a plain PUT through the API. */
export async function set(
  h: Harness,
  sessionId: string,
  participantId: string,
  subscriptions: Subscriptions,
): Promise<void> {
  await h.client.updateParticipantSubscriptions({ sessionId, participantId, subscriptions });
}

export function listOf(sessionId: string, ...ids: string[]): Subscriptions {
  return list(sessionId, ...ids);
}

/** What the server delivers to `receiverId` now: sorted publisher ids. */
export function hears(h: Harness, sessionId: string, receiverId: string): string[] {
  return deliveredPublishers(h.api.control.state(), sessionId, receiverId)
    .map((d) => d.participantId)
    .sort();
}

/** Every member's delivered publishers, keyed by receiver (for "equals the starting state"). */
export function matrix(h: Harness, sessionId: string): Record<string, string[]> {
  const session = h.api.control.state().sessions.find((s) => s.id === sessionId);
  const out: Record<string, string[]> = {};
  for (const id of session?.participantIds ?? []) out[id] = hears(h, sessionId, id);
  return out;
}

export const sorted = (...ids: string[]): string[] => [...ids].sort();

/** The non-zero request counts since the last reset. */
export function calls(h: Harness): Partial<RequestCounts> {
  return Object.fromEntries(
    Object.entries(h.api.control.stats()).filter(([, n]) => n > 0),
  ) as Partial<RequestCounts>;
}

export interface Fixture {
  dir: string;
  audit: AuditLog;
  applier: RoutingApplier;
  entries(): Promise<AuditEntry[]>;
  dispose(): Promise<void>;
}

/** A fresh temp folder, audit log and applier for one test. */
export async function fixture(
  h: Harness,
  overrides: Partial<RoutingApplierOptions> & { client?: RoutingClient } = {},
): Promise<Fixture> {
  const dir = await mkdtemp(join(tmpdir(), 'patchbay-routing-'));
  const audit = await AuditLog.open({ dir });
  const applier = new RoutingApplier({
    client: h.client,
    audit,
    profileId: 'profile-test',
    accountId: h.api.accountId,
    roles: (sessionId) => h.roles.get(sessionId) ?? {},
    ...overrides,
  });
  return {
    dir,
    audit,
    applier,
    entries: () => audit.query(),
    async dispose() {
      await audit.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The real client, with its subscription writes going through `update` instead. */
export function withWrites(
  h: Harness,
  update: RoutingClient['updateParticipantSubscriptions'],
): RoutingClient {
  return {
    listSessionParticipants: (r, o) => h.client.listSessionParticipants(r, o),
    removeParticipantFromSession: (r, o) => h.client.removeParticipantFromSession(r, o),
    addParticipantToSession: (r, o) => h.client.addParticipantToSession(r, o),
    updateParticipantSubscriptions: update,
  };
}

/** What a test works on: the file's harness, this test's call and (once made) its fixture. */
export interface PerTest {
  readonly h: Harness;
  readonly call: Call;
  f: Fixture | undefined;
}

/**
 * The usual hooks of a file: one harness (local API) for the file, a normal call before each test
 * (with a second agent when asked), faults cleared around each test, and the test's fixture (set
 * `current.f`) disposed after it. `bind`, when given, receives the harness and the call after the
 * set-up of each test, for files that keep them in variables of their own.
 */
export function perTest(
  options: { secondAgent?: boolean } = {},
  bind?: (scene: { h: Harness; call: Call }) => void,
): PerTest {
  const current: { h?: Harness; call?: Call; f: Fixture | undefined } = { f: undefined };
  beforeAll(async () => {
    current.h = await startHarness();
  });
  afterAll(async () => current.h?.close());
  beforeEach(async () => {
    const h = current.h as Harness;
    h.api.control.clearFaults();
    current.call = await normalCall(h, options);
    bind?.({ h, call: current.call });
  });
  afterEach(async () => {
    current.h?.api.control.clearFaults();
    await current.f?.dispose();
    current.f = undefined;
  });
  return {
    get h(): Harness {
      return current.h as Harness;
    },
    get call(): Call {
      return current.call as Call;
    },
    get f(): Fixture | undefined {
      return current.f;
    },
    set f(value: Fixture | undefined) {
      current.f = value;
    },
  };
}

/**
 * perTest, plus a fresh fixture with the default applier for each test; `bind` receives the
 * harness, the call and that fixture after the set-up of each test.
 */
export function perTestWithFixture(
  bind: (scene: { h: Harness; call: Call; f: Fixture }) => void,
  options: { secondAgent?: boolean } = {},
): void {
  const t = perTest(options);
  beforeEach(async () => {
    const f = (t.f = await fixture(t.h));
    bind({ h: t.h, call: t.call, f });
  });
}
