/**
 * Issue 14, section 3: "me" against the local API — Monitor → Coach → Barge → Leave on a
 * two-party call, the server's subscriptions checked after each action; the 20-participant limit;
 * the barge question; roles from the directory (no question) and from tags (asked); the token
 * never leaving main; a leftover "me" found and removed on start, audited.
 */
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { composeConsole, type ComposedConsole } from '../../../src-main/compose';
import { KeytarSecretStore } from '../../../src-main/credentials';
import type { Caller } from '../../../src-main/ipc/dispatcher';
import { LOCAL_DEMO_PROFILE_ID, SettingsStore } from '../../../src-main/settings';
import type { RequestName } from '../../../src-main/shared/contract';
import type { AuditEntry } from '../../../src-main/shared/dto/audit';
import type { MeAudioGrant, MeOutcome } from '../../../src-main/shared/dto/me';
import type { SessionView } from '../../../src-main/shared/dto/session-view';
import type { Result } from '../../../src-main/shared/result';
import { assertKeyring, keyringGate } from '../../support/keyring';
import { LocalApiClient } from '../../support/local-api-client';

const gate = await keyringGate();
const trusted: Caller = { url: 'app://patchbay/index.html', trusted: true };
const profileId = LOCAL_DEMO_PROFILE_ID;

let dir: string;
let composed: ComposedConsole;
let api: LocalApiClient;
const seen: string[] = [];

async function call<T>(name: RequestName, input: unknown): Promise<Result<T>> {
  const result = (await composed.dispatch(name, input, trusted)) as Result<T>;
  seen.push(JSON.stringify(result));
  return result;
}
async function value<T>(name: RequestName, input: unknown): Promise<T> {
  const result = await call<T>(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}
const act = (sessionId: string, mode: string, confirmed?: boolean): Promise<MeOutcome> =>
  value<MeOutcome>('me:act', { profileId, sessionId, mode, ...(confirmed ? { confirmed } : {}) });

/** Whom each member of the session hears, on the server (participant ids, sorted). */
async function hearing(sessionId: string): Promise<Record<string, string[]>> {
  const state = await api.state();
  const members = state.sessions.find((s) => s.id === sessionId)?.participantIds ?? [];
  const out: Record<string, string[]> = {};
  for (const id of members) {
    const subs = state.participants.find((p) => p.id === id)?.subscriptions;
    const list = subs?.participants?.map((p) => p.participantId) ?? [];
    out[id] = subs?.sessionId !== undefined && list.length === 0 ? ['<session>'] : list.sort();
  }
  return out;
}

async function lastAudit(): Promise<AuditEntry> {
  const entries = await value<AuditEntry[]>('audit:query', { filter: {} });
  const last = entries.at(-1);
  if (!last) throw new Error('no audit entry');
  return last;
}

/** A two-party call the directory does not know: its roles are only suggested by the tags. */
async function untrackedCall(): Promise<{ sessionId: string; customer: string; agent: string }> {
  const session = await api.createSession('call-me-test');
  const customer = (
    await api.createParticipant({ tag: 'customer-t', publishPermissions: ['AUDIO'] })
  ).participant.id;
  const agent = (await api.createParticipant({ tag: 'agent-t', publishPermissions: ['AUDIO'] }))
    .participant.id;
  await api.add(session.id, customer);
  await api.add(session.id, agent);
  await api.subscribe(session.id, customer, { participants: [{ participantId: agent }] });
  await api.subscribe(session.id, agent, { participants: [{ participantId: customer }] });
  return { sessionId: session.id, customer, agent };
}

async function closeConsole(): Promise<void> {
  await composed?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
}

/** A console on the seeded demo (no simulation) in a fresh data folder, and a client of its API. */
async function openConsole(prefix: string): Promise<void> {
  dir = await mkdtemp(join(tmpdir(), prefix));
  composed = await composeConsole({
    dataDir: dir,
    settings: new SettingsStore({ cwd: dir }),
    secrets: new KeytarSecretStore({ service: `PatchbayTest-${Date.now()}` }),
    localApi: { seed: 'demo' },
    client: { retryLimit: 0, timeoutMs: 3_000 },
  });
  const { baseUrl, accountId, username, password } = composed.localApi;
  api = new LocalApiClient({ baseUrl, accountId, username, password });
}

const sorted = (...ids: string[]): string[] => [...ids].sort();

describe.runIf(gate.run)('"me": one action each, checked on the server', () => {
  beforeAll(async () => {
    assertKeyring(gate);
    await openConsole('patchbay-me-');
  });
  beforeEach(() => {
    seen.length = 0;
  });

  afterAll(closeConsole);

  it('Monitor → Coach → Barge → Leave on a two-party call the directory names', async () => {
    const state = await api.state();
    const demo = state.sessions.find((s) => s.participantIds.length === 2);
    if (!demo) throw new Error('the demo has no two-party call');
    const sessionId = demo.id;
    const [customer, agent] = demo.participantIds as [string, string];
    const before = await hearing(sessionId);
    const offEvents = composed.events.onAny((name, payload) =>
      seen.push(`${name} ${JSON.stringify(payload)}`),
    );

    const monitor = await act(sessionId, 'monitor');
    if (monitor.status !== 'done' || !monitor.me) throw new Error(JSON.stringify(monitor));
    const me = monitor.me.participantId;
    expect(monitor.me).toMatchObject({
      sessionId,
      mode: 'monitor',
      displayName: 'Demo supervisor',
    });
    expect(await hearing(sessionId)).toEqual({ ...before, [me]: sorted(customer, agent) });
    const created = (await api.state()).participants.find((p) => p.id === me);
    expect(created?.publishPermissions).toEqual(['AUDIO']);
    const joined = await lastAudit();
    expect(joined).toMatchObject({ sessionId, outcome: 'applied' });
    expect(joined.reason).toMatch(
      /joined the call — participant .* created \(audio only\) and added/,
    );
    expect(await value('me:state', {})).toEqual(monitor.me);

    // The token is held in main, registered with the scrubber, and nowhere in what left main.
    const token = composed.scrubbing.secrets.secrets().find((s) => s.kind === 'me-device-token');
    expect(token?.value.length).toBeGreaterThan(20);
    const recorded = JSON.parse(await readFile(join(dir, 'me', `${profileId}.json`), 'utf8')) as {
      participantId: string;
    };
    expect(recorded.participantId).toBe(me);

    // Coach: the directory says who the agent is, so nothing is asked.
    const coach = await act(sessionId, 'coach');
    expect(coach).toMatchObject({ status: 'done', me: { mode: 'coach' } });
    expect(await hearing(sessionId)).toMatchObject({
      [customer]: [agent],
      [agent]: sorted(customer, me),
      [me]: sorted(customer, agent),
    });

    // Barge asks one sentence first and changes nothing until it is answered.
    const unchanged = await hearing(sessionId);
    const asked = await act(sessionId, 'barge');
    expect(asked).toEqual({
      status: 'confirm',
      question:
        'Everyone on the call, the customer too, will hear you (Demo supervisor): barge in?',
    });
    expect(await hearing(sessionId)).toEqual(unchanged);
    expect(await act(sessionId, 'barge', true)).toMatchObject({
      status: 'done',
      me: { mode: 'barge' },
    });
    expect(await hearing(sessionId)).toMatchObject({
      [customer]: sorted(agent, me),
      [agent]: sorted(customer, me),
    });

    const left = await value<MeOutcome>('me:leave', { profileId });
    expect(left).toMatchObject({ status: 'done', me: null });
    expect(await hearing(sessionId)).toEqual(before);
    expect((await api.state()).participants.some((p) => p.id === me)).toBe(false);
    expect(await lastAudit()).toMatchObject({
      sessionId,
      outcome: 'applied',
      intent: { type: 'me-leave', participantId: me, removed: true, deleted: true },
    });
    expect(composed.scrubbing.secrets.secrets().some((s) => s.kind === 'me-device-token')).toBe(
      false,
    );
    await expect(readFile(join(dir, 'me', `${profileId}.json`), 'utf8')).rejects.toThrow(/ENOENT/);
    expect(await value('me:state', {})).toBeNull();
    offEvents();
    expect(seen.some((text) => text.startsWith('me:changed'))).toBe(true);
    for (const text of seen) expect(text).not.toContain(token?.value);
  });

  it('me:audio hands my own device token to my audio connection, and nothing else does', async () => {
    const absent = await call('me:audio', { profileId });
    expect(absent).toMatchObject({ ok: false, error: { code: 'me-absent' } });
    const state = await api.state();
    const demo = state.sessions.find((s) => s.participantIds.length === 2);
    if (!demo) throw new Error('the demo has no two-party call');
    const monitor = await act(demo.id, 'monitor');
    if (monitor.status !== 'done' || !monitor.me) throw new Error(JSON.stringify(monitor));
    const token = composed.scrubbing.secrets.secrets().find((s) => s.kind === 'me-device-token');
    if (!token) throw new Error('no token held');

    const grant = await value<MeAudioGrant>('me:audio', { profileId });
    expect(grant).toEqual({
      sessionId: demo.id,
      participantId: monitor.me.participantId,
      // The Local demo's gateway: the local API's own port (the SDK appends /v3/).
      websocketUrl: `ws://${new URL(composed.localApi.baseUrl).host}`,
      deviceToken: token.value,
    });
    // The matrix names my participant by the supervisor's name (no directory lists it).
    await value('sessions:watch', { profileId, sessionId: demo.id });
    const view = await value<SessionView>('sessions:refresh', { sessionId: demo.id });
    const mine = view.participants.find((p) => p.id === monitor.me?.participantId);
    expect(mine?.displayName).toBe('Demo supervisor');
    await value('sessions:unwatch', { profileId, sessionId: demo.id });
    // The gateways the document's CSP may reach: the Local demo's among them.
    expect(composed.deviceGateways()).toContain(grant.websocketUrl);
    // Every other result still scrubs it; bad input and another profile get specific errors.
    expect(JSON.stringify(await call('me:state', {}))).not.toContain(token.value);
    expect(await call('me:audio', { profileId, extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await call('me:audio', { profileId: 'no-such-profile' })).toMatchObject({ ok: false });

    await value('me:leave', { profileId });
    expect(await call('me:audio', { profileId })).toMatchObject({
      ok: false,
      error: { code: 'me-absent' },
    });
    // Never in the audit log.
    const audit = await value<AuditEntry[]>('audit:query', { filter: {} });
    expect(JSON.stringify(audit)).not.toContain(token.value);
  });

  it('a role only a tag suggests is asked about before Coach; the answer goes ahead', async () => {
    const { sessionId, customer, agent } = await untrackedCall();
    const monitor = await act(sessionId, 'monitor');
    const me = monitor.status === 'done' ? monitor.me?.participantId : undefined;
    if (!me) throw new Error(JSON.stringify(monitor));
    const unchanged = await hearing(sessionId);
    const asked = await act(sessionId, 'coach');
    expect(asked.status === 'confirm' && asked.question).toMatch(
      /guessed from the tag that .* is the agent; whisper to them\?/,
    );
    expect(await hearing(sessionId)).toEqual(unchanged);
    expect(await act(sessionId, 'coach', true)).toMatchObject({
      status: 'done',
      me: { mode: 'coach' },
    });
    expect((await hearing(sessionId))[agent]).toEqual(sorted(customer, me));
    await value('me:leave', { profileId });
  });

  it('a first Coach on a call whose agent is only guessed asks before creating anything', async () => {
    const { sessionId, customer, agent } = await untrackedCall();
    const participants = (await api.state()).participants.length;
    const asked = await act(sessionId, 'coach');
    expect(asked.status === 'confirm' && asked.question).toMatch(
      /guessed from the tag that .* is the agent; whisper to them\?/,
    );
    expect((await api.state()).participants.length).toBe(participants);
    const coached = await act(sessionId, 'coach', true);
    const me = coached.status === 'done' ? coached.me?.participantId : undefined;
    if (!me) throw new Error(JSON.stringify(coached));
    expect(await hearing(sessionId)).toEqual({
      [customer]: [agent],
      [agent]: sorted(customer, me),
      [me]: sorted(customer, agent),
    });
    await value('me:leave', { profileId });
  });

  it('removed from the call outside Patchbay: the next action says so and deletes my participant', async () => {
    const { sessionId } = await untrackedCall();
    const joined = await act(sessionId, 'monitor');
    const me = joined.status === 'done' ? joined.me?.participantId : undefined;
    if (!me) throw new Error(JSON.stringify(joined));
    await api.remove(sessionId, me);
    const refused = await call('me:act', { profileId, sessionId, mode: 'coach' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'me-removed' } });
    expect((await api.state()).participants.some((p) => p.id === me)).toBe(false);
    expect(await value('me:state', {})).toBeNull();
    expect(await act(sessionId, 'monitor')).toMatchObject({ status: 'done' });
    await value('me:leave', { profileId });
  });

  it('explains the 20-participant limit before creating anything', async () => {
    const { session } = await api.sessionWith(20, 'call-full');
    const participants = (await api.state()).participants.length;
    const refused = await call('me:act', { profileId, sessionId: session.id, mode: 'monitor' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'session-full' } });
    expect(!refused.ok && refused.error.message).toMatch(
      /already has 20 participants, the most Bandwidth allows/,
    );
    expect((await api.state()).participants.length).toBe(participants);
    expect(await value('me:state', {})).toBeNull();
  });

  it('refuses a second call while I am on one, and bad input, changing nothing', async () => {
    const first = await untrackedCall();
    const second = await untrackedCall();
    await act(first.sessionId, 'monitor');
    const before = await api.state();
    const elsewhere = await call('me:act', {
      profileId,
      sessionId: second.sessionId,
      mode: 'monitor',
    });
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'me-elsewhere' } });
    const bad = await call('me:act', { profileId, sessionId: first.sessionId, mode: 'whisper' });
    expect(bad).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/mode must be monitor, coach or barge/) },
    });
    expect(await api.state()).toEqual(before);
    await value('me:leave', { profileId });
  });

  it('finds a leftover "me" from an earlier run (by id, or by tag) and removes it, audited', async () => {
    for (const byId of [true, false]) {
      const { sessionId, customer, agent } = await untrackedCall();
      const tag = `supervisor-me-leftover-${byId}`;
      const leftover = (await api.createParticipant({ tag, publishPermissions: ['AUDIO'] }))
        .participant.id;
      await api.add(sessionId, leftover, {
        sessionId,
        participants: [{ participantId: customer }, { participantId: agent }],
      });
      await mkdir(join(dir, 'me'), { recursive: true });
      const record = {
        version: 1,
        sessionId,
        tag,
        createdAt: new Date().toISOString(),
        ...(byId ? { participantId: leftover } : {}),
      };
      await writeFile(join(dir, 'me', `${profileId}.json`), JSON.stringify(record));

      await composed.services.me.recoverActive();
      const state = await api.state();
      expect(state.sessions.find((s) => s.id === sessionId)?.participantIds).toEqual([
        customer,
        agent,
      ]);
      expect(state.participants.some((p) => p.id === leftover)).toBe(false);
      const audited = await lastAudit();
      expect(audited).toMatchObject({
        sessionId,
        outcome: 'applied',
        intent: { type: 'me-leave', participantId: leftover },
      });
      expect(audited.reason).toMatch(/leftover "me" from an earlier run/);
      await expect(readFile(join(dir, 'me', `${profileId}.json`), 'utf8')).rejects.toThrow(
        /ENOENT/,
      );
    }
  });
});

describe.runIf(gate.run)('the profile names its supervisor (profiles:setSupervisor)', () => {
  beforeAll(async () => {
    await openConsole('patchbay-me-name-');
  });
  afterAll(closeConsole);

  it('closing the console leaves the call first: nothing is left listening', async () => {
    const { sessionId, customer, agent } = await untrackedCall();
    const joined = await act(sessionId, 'coach', true);
    const me = joined.status === 'done' ? joined.me?.participantId : undefined;
    if (!me) throw new Error(JSON.stringify(joined));
    await composed.services.me.close();
    const state = await api.state();
    expect(state.sessions.find((s) => s.id === sessionId)?.participantIds).toEqual([
      customer,
      agent,
    ]);
    expect(state.participants.some((p) => p.id === me)).toBe(false);
    expect(await lastAudit()).toMatchObject({ intent: { type: 'me-leave', participantId: me } });
    expect(await value('me:state', {})).toBeNull();
  });

  it('joins under the saved name; a bad name is refused and changes nothing', async () => {
    const bad = await call('profiles:setSupervisor', { profileId, displayName: 'Dana\u0007' });
    expect(bad).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/control characters/) },
    });
    await value('profiles:setSupervisor', { profileId, displayName: ' Dana Reyes ' });
    const { sessionId } = await untrackedCall();
    const joined = await act(sessionId, 'monitor');
    expect(joined).toMatchObject({ status: 'done', me: { displayName: 'Dana Reyes' } });
    expect((await lastAudit()).reason).toMatch(/^As me \(Dana Reyes\): joined the call/);
    await value('me:leave', { profileId });
  });
});
