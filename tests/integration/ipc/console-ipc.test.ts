import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../../src-main/credentials';
import type { Caller, Dispatch } from '../../../src-main/ipc/dispatcher';
import { createLocalApi, type LocalApi } from '../../../src-main/local-api';
import { composeConsole, type ComposedConsole } from '../../../src-main/compose';
import { LOCAL_DEMO_PROFILE_ID, SettingsStore } from '../../../src-main/settings';
import { buildBridge, describeSurface } from '../../../src-main/shared/contract/bridge';
import { events, requests, type PatchbayBridge } from '../../../src-main/shared/contract';
import type { Result } from '../../../src-main/shared/result';
import { assertKeyring, keyringGate } from '../../support/keyring';

const gate = await keyringGate();
const PASSWORD = 'Sup3r-Secret-Pa55word-for-tests';
const trusted: Caller = { url: 'app://patchbay/index.html', trusted: true };
const DEMO = LOCAL_DEMO_PROFILE_ID;

let dir: string;
let composed: ComposedConsole;
let cloud: LocalApi; // stands in for a Bandwidth account
let secrets: KeytarSecretStore;
let dispatch: Dispatch;
let bridge: PatchbayBridge;
const transcript: unknown[] = [];

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

describe.runIf(gate.run)('the IPC surface over the console core (real keychain, real HTTP)', () => {
  beforeAll(async () => {
    assertKeyring(gate);
    dir = await mkdtemp(join(tmpdir(), 'patchbay-ipc-'));
    secrets = new KeytarSecretStore({ service: `PatchbayTest-${Date.now()}` });
    cloud = await createLocalApi({
      accountId: '5551234',
      username: 'api-user',
      password: PASSWORD,
    });
    composed = await composeConsole({
      dataDir: dir,
      settings: new SettingsStore({ cwd: dir }),
      secrets,
      localApi: { seed: 'demo' },
      client: { retryLimit: 0, timeoutMs: 3_000 },
    });
    dispatch = composed.dispatch;
    composed.events.on('sessions:update', (e) => transcript.push(e));
    composed.events.on('profiles:changed', (e) => transcript.push(e));
    composed.events.on('routing:timer', (e) => transcript.push(e));
    bridge = buildBridge(
      requests,
      events,
      async (name, input) => {
        const result = await dispatch(name, input, trusted);
        transcript.push(result);
        return result;
      },
      () => () => undefined,
    );
  });

  afterAll(async () => {
    await composed?.close();
    await cloud?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('exposes exactly the contract (a new privileged capability shows up here as a diff)', () => {
    expect(describeSurface(bridge)).toEqual([
      'alerts.acknowledge',
      'alerts.decide',
      'alerts.list',
      'alerts.onChanged',
      'audit.export',
      'audit.query',
      'floor.get',
      'floor.onUpdate',
      'me.act',
      'me.audio',
      'me.leave',
      'me.onChanged',
      'me.state',
      'participants.add',
      'participants.create',
      'participants.delete',
      'participants.remove',
      'participants.setRole',
      'profiles.add',
      'profiles.list',
      'profiles.onChanged',
      'profiles.remove',
      'profiles.rename',
      'profiles.select',
      'profiles.setDeviceGateway',
      'profiles.setSupervisor',
      'routing.apply',
      'routing.history',
      'routing.onTimer',
      'routing.preview',
      'routing.redo',
      'routing.stopTimer',
      'routing.timers',
      'routing.undo',
      'sessions.create',
      'sessions.delete',
      'sessions.discover',
      'sessions.focus',
      'sessions.list',
      'sessions.onUpdate',
      'sessions.refresh',
      'sessions.unwatch',
      'sessions.watch',
      'settings.get',
      'settings.update',
    ]);
  });

  it('starts on the Local demo with its calls watched', async () => {
    const state = value(await bridge.profiles.list({}));
    expect(state.activeId).toBe('local-demo');
    const sessions = value(await bridge.sessions.list({}));
    expect(sessions.length).toBeGreaterThanOrEqual(6);
    const first = sessions[0];
    if (!first) throw new Error('no session');
    const fresh = value(await bridge.sessions.refresh({ sessionId: first.id }));
    expect(fresh.state).toBe('live');
    expect(fresh.participants.some((p) => p.role === 'agent')).toBe(true);
  });

  it('refuses an untrusted sender and malformed input, changing nothing', async () => {
    const before = value(await bridge.sessions.list({})).length;
    const refused = await dispatch(
      'sessions:create',
      { tag: 'x' },
      { url: 'https://evil.example/', trusted: false },
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    for (const bad of [null, 'x', { tag: 7 }, { tag: 'x'.repeat(51) }, { tag: 'ok', extra: 1 }]) {
      const r = await dispatch('sessions:create', bad, trusted);
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    const badId = await dispatch('sessions:watch', { sessionId: '../../etc' }, trusted);
    expect(badId).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(value(await bridge.sessions.list({}))).toHaveLength(before);
  });

  it('tells wrong credentials, no WebRTC access, a wrong base URL and an unreachable API apart when adding an account', async () => {
    const base = {
      name: 'Prod',
      accountId: cloud.accountId,
      username: 'api-user',
      baseUrl: cloud.baseUrl,
    };
    const wrong = await bridge.profiles.add({ ...base, password: 'not-it-at-all' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'credentials-rejected' } });
    const otherAccount = await bridge.profiles.add({
      ...base,
      accountId: '777',
      password: PASSWORD,
    });
    expect(otherAccount).toMatchObject({ ok: false, error: { code: 'credentials-rejected' } });
    cloud.control.setWebRtcAccess('777', false);
    try {
      const forbidden = await bridge.profiles.add({
        ...base,
        accountId: '777',
        password: PASSWORD,
      });
      expect(forbidden).toMatchObject({ ok: false, error: { code: 'no-webrtc-access' } });
    } finally {
      cloud.control.clearWebRtcAccess();
    }
    const noV1 = await bridge.profiles.add({ ...base, baseUrl: cloud.url, password: PASSWORD });
    expect(noV1).toMatchObject({
      ok: false,
      error: {
        code: 'not-webrtc-api',
        message: expect.stringContaining('this does not look like the WebRTC API base URL'),
      },
    });
    const offline = await bridge.profiles.add({
      ...base,
      baseUrl: 'http://127.0.0.1:9/v1',
      password: PASSWORD,
    });
    expect(offline).toMatchObject({ ok: false, error: { code: 'network' } });
    expect(value(await bridge.profiles.list({})).profiles).toHaveLength(1);
  });

  it('adds an account, uses it for sessions and participants, then removes it with its keychain entry', async () => {
    const profile = value(
      await bridge.profiles.add({
        name: 'Prod',
        accountId: cloud.accountId,
        username: 'api-user',
        password: PASSWORD,
        baseUrl: cloud.baseUrl,
      }),
    );
    expect(JSON.stringify(profile)).not.toContain(PASSWORD);
    expect(await secrets.get(profile.id)).toBe(PASSWORD);
    value(await bridge.profiles.select({ profileId: profile.id }));
    expect(value(await bridge.sessions.list({}))).toEqual([]);

    const session = value(
      await bridge.sessions.create({ profileId: profile.id, tag: 'call-7f3a' }),
    );
    expect(session).toMatchObject({ label: 'call-7f3a', state: 'live', participants: [] });
    const created = value(
      await bridge.participants.create({
        profileId: profile.id,
        publishPermissions: ['AUDIO'],
        tag: 'agent-1',
      }),
    );
    expect(created.bxmlTemplate).toContain(created.token);
    const joined = value(
      await bridge.participants.add({
        profileId: profile.id,
        sessionId: session.id,
        participantId: created.participant.id,
      }),
    );
    expect(joined.participants.map((p) => p.id)).toEqual([created.participant.id]);
    expect(joined.participants[0]?.role).toBe('agent'); // suggested by its tag
    value(
      await bridge.participants.setRole({
        profileId: profile.id,
        participantId: created.participant.id,
        role: 'supervisor',
      }),
    );
    expect(
      value(await bridge.sessions.refresh({ sessionId: session.id })).participants[0]?.role,
    ).toBe('supervisor');

    const found = value(
      await bridge.sessions.discover({
        profileId: profile.id,
        participantId: created.participant.id,
      }),
    );
    expect(found.id).toBe(session.id);
    const missing = await bridge.sessions.watch({
      profileId: profile.id,
      sessionId: 'no-such-session',
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });

    value(
      await bridge.participants.remove({
        profileId: profile.id,
        sessionId: session.id,
        participantId: created.participant.id,
      }),
    );
    value(
      await bridge.participants.delete({
        profileId: profile.id,
        participantId: created.participant.id,
      }),
    );
    value(await bridge.sessions.delete({ profileId: profile.id, sessionId: session.id }));
    expect(value(await bridge.sessions.list({}))).toEqual([]);

    const state = value(await bridge.profiles.remove({ profileId: profile.id }));
    expect(state).toMatchObject({ activeId: 'local-demo' });
    expect(await secrets.get(profile.id)).toBeNull();
  });

  it('routes a live call: preview, whisper, undo, redo, and a timed monitor that reverts', async () => {
    const listed = value(await bridge.sessions.list({}));
    const sessions = await Promise.all(
      listed.map(async (s) => value(await bridge.sessions.refresh({ sessionId: s.id }))),
    );
    const call = sessions.find((s) => s.participants.some((p) => p.role === 'supervisor'));
    if (!call) throw new Error('the demo has no supervised call');
    const supervisor = call.participants.find((p) => p.role === 'supervisor');
    const customer = call.participants.find((p) => p.role === 'customer');
    if (!supervisor || !customer) throw new Error('roles missing');
    const intent = { type: 'whisper', supervisorId: supervisor.id } as const;

    // The Local demo's directory gives the roles; they count as assigned (issue 14), so once it has
    // been read the whisper asks nothing (the tags' guesses are only the fallback).
    const roleOf = async (id: string): Promise<string | null | undefined> =>
      value(await bridge.sessions.refresh({ sessionId: call.id })).participants.find(
        (p) => p.id === id,
      )?.roleSource;
    await expect.poll(() => roleOf(supervisor.id), { timeout: 5000 }).toBe('directory');
    const preview = value(await bridge.routing.preview({ sessionId: call.id, intent }));
    expect(preview).toMatchObject({ ok: true });
    if (preview.ok) expect(preview.violations).toEqual([]);
    const applied = value(
      await bridge.routing.apply({
        profileId: DEMO,
        sessionId: call.id,
        intent,
        reason: 'coaching',
      }),
    );
    expect(applied).toMatchObject({ ok: true });
    // The apply answers with the history after it: the renderer needs no routing:history call.
    expect(applied.history).toEqual(value(await bridge.routing.history({ sessionId: call.id })));
    expect(value(await bridge.routing.history({ sessionId: call.id }))).toMatchObject({
      canUndo: true,
      canRedo: false,
    });
    expect(value(await bridge.routing.undo({ profileId: DEMO, sessionId: call.id }))).toMatchObject(
      { ok: true },
    );
    // Redo applies the whisper again; with the directory's roles it asks nothing either.
    expect(value(await bridge.routing.redo({ profileId: DEMO, sessionId: call.id }))).toMatchObject(
      { ok: true },
    );

    const bad = await bridge.routing.apply({
      profileId: DEMO,
      sessionId: call.id,
      intent: { type: 'whisper' } as never,
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const both = await bridge.routing.apply({
      profileId: DEMO,
      sessionId: call.id,
      intent,
      durationMs: 5_000,
      untilStopped: true,
    });
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

    const timed = value(
      await bridge.routing.apply({
        profileId: DEMO,
        sessionId: call.id,
        intent: { type: 'monitor', supervisorId: supervisor.id },
        untilStopped: true,
        confirmedViolations: true,
      }),
    );
    if (!timed.ok || !('timer' in timed)) throw new Error('not timed');
    expect(value(await bridge.routing.timers({})).map((t) => t.id)).toEqual([timed.timer.id]);
    const stopped = value(
      await bridge.routing.stopTimer({ profileId: DEMO, timerId: timed.timer.id }),
    );
    expect(stopped).toMatchObject({ ok: true });
    expect(value(await bridge.routing.timers({}))).toEqual([]);

    const entries = value(await bridge.audit.query({ filter: { sessionId: call.id } }));
    expect(entries.length).toBeGreaterThanOrEqual(4);
    expect(entries.some((e) => e.reason === 'coaching')).toBe(true);
    const csv = value(await bridge.audit.export({ format: 'csv', filter: { sessionId: call.id } }));
    expect(csv.split('\n')[0]).toContain('seq');
  });

  it('never lets the password or its Basic header reach a file, a result, an event or an error', async () => {
    const basic = Buffer.from(`api-user:${PASSWORD}`).toString('base64');
    const seen = JSON.stringify(transcript);
    expect(seen).not.toContain(PASSWORD);
    expect(seen).not.toContain(basic);
    const files = await readdir(dir, { recursive: true, withFileTypes: true });
    let read = 0;
    for (const file of files.filter((f) => f.isFile())) {
      // An atomic write's temporary file (`alerts.json.<n>`) may be renamed away between the
      // listing and the read: its content is read under its final name.
      const text = await readFile(join(file.parentPath, file.name), 'utf8').catch(
        (error: unknown) => {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
          throw error;
        },
      );
      if (text === null) continue;
      expect(text, file.name).not.toContain(PASSWORD);
      expect(text, file.name).not.toContain(basic);
      read += 1;
    }
    expect(read).toBeGreaterThanOrEqual(2); // settings.json and the audit log at least
  });
});
