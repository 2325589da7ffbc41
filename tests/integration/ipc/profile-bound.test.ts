/**
 * Issue 12, item 8: every request that changes something names the profile it was made for, and
 * main refuses it, changing nothing, when another profile is active by then — e.g. a whisper
 * previewed on the Local demo and applied after the supervisor switched to a Bandwidth account.
 * Also (issue 12, medium) a move to session ".." is refused by validation before any request.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../../../src-main/credentials';
import type { Caller } from '../../../src-main/ipc/dispatcher';
import { createLocalApi, type LocalApi } from '../../../src-main/local-api';
import type { RequestCounts } from '../../../src-main/local-api/control';
import { composeConsole, type ComposedConsole } from '../../../src-main/compose';
import { LOCAL_DEMO_PROFILE_ID, SettingsStore } from '../../../src-main/settings';
import type { RequestName } from '../../../src-main/shared/contract';
import type { Result } from '../../../src-main/shared/result';
import type { SessionView } from '../../../src-main/shared/dto/session-view';
import { assertKeyring, keyringGate } from '../../support/keyring';

const gate = await keyringGate();
const trusted: Caller = { url: 'app://patchbay/index.html', trusted: true };
const DEMO = LOCAL_DEMO_PROFILE_ID;
const PASSWORD = 'Another-Secret-Pa55word-for-tests';

let dir: string;
let composed: ComposedConsole;
let cloud: LocalApi;

async function call<T>(name: RequestName, input: unknown): Promise<Result<T>> {
  return (await composed.dispatch(name, input, trusted)) as Result<T>;
}
async function value<T>(name: RequestName, input: unknown): Promise<T> {
  const result = await call<T>(name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Writes a local API has served (reads are the watchers' polls and do not count). */
function writes(api: LocalApi): number {
  const counts: RequestCounts = api.control.stats();
  return Object.entries(counts)
    .filter(([operation]) => !/^(get|list)/.test(operation))
    .reduce((sum, [, n]) => sum + n, 0);
}

describe.runIf(gate.run)('requests that change something are bound to their profile', () => {
  let call1: SessionView;
  let supervisorId: string;
  let cloudProfile: string;

  beforeAll(async () => {
    assertKeyring(gate);
    dir = await mkdtemp(join(tmpdir(), 'patchbay-profile-bound-'));
    cloud = await createLocalApi({
      accountId: '5550001',
      username: 'api-user',
      password: PASSWORD,
    });
    composed = await composeConsole({
      dataDir: dir,
      settings: new SettingsStore({ cwd: dir }),
      secrets: new KeytarSecretStore({ service: `PatchbayTest-${Date.now()}` }),
      localApi: { seed: 'demo' },
      client: { retryLimit: 0, timeoutMs: 3_000 },
    });
    const listed = await value<SessionView[]>('sessions:list', {});
    const views = await Promise.all(
      listed.map((s) => value<SessionView>('sessions:refresh', { sessionId: s.id })),
    );
    const supervised = views.find((v) => v.participants.some((p) => p.role === 'supervisor'));
    const supervisor = supervised?.participants.find((p) => p.role === 'supervisor');
    if (!supervised || !supervisor) throw new Error('the demo has no supervised call');
    call1 = supervised;
    supervisorId = supervisor.id;
    const profile = await value<{ id: string }>('profiles:add', {
      name: 'Production',
      accountId: cloud.accountId,
      username: 'api-user',
      password: PASSWORD,
      baseUrl: cloud.baseUrl,
    });
    cloudProfile = profile.id;
  });

  afterAll(async () => {
    if (cloudProfile) await call('profiles:remove', { profileId: cloudProfile });
    await composed?.close();
    await cloud?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('a profile switch between a preview and its apply refuses the apply; nothing is written', async () => {
    await value('profiles:select', { profileId: DEMO });
    const intent = { type: 'monitor', supervisorId };
    const preview = await value<{ ok: boolean }>('routing:preview', {
      sessionId: call1.id,
      intent,
    });
    expect(preview.ok).toBe(true);

    await value('profiles:select', { profileId: cloudProfile });
    composed.localApi.control.resetStats();
    cloud.control.resetStats();
    const audited = (await value<unknown[]>('audit:query', { filter: {} })).length;

    const refused = await call('routing:apply', {
      profileId: DEMO,
      sessionId: call1.id,
      intent,
      confirmedViolations: true,
    });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'profile-changed',
        message:
          'Nothing was changed: this was asked for the profile “Local demo”, but “Production” is the active profile now. Look at the screen again and retry.',
      },
    });
    expect(writes(composed.localApi)).toBe(0);
    expect(writes(cloud)).toBe(0);
    expect(await value<unknown[]>('audit:query', { filter: {} })).toHaveLength(audited);
  });

  it('refuses every kind of change meant for another profile, changing nothing', async () => {
    await value('profiles:select', { profileId: cloudProfile });
    const watched = await value<SessionView[]>('sessions:list', {});
    composed.localApi.control.resetStats();
    cloud.control.resetStats();
    const session = { profileId: DEMO, sessionId: call1.id };
    const member = { ...session, participantId: supervisorId };
    const changes: [RequestName, Record<string, unknown>][] = [
      ['sessions:create', { profileId: DEMO, tag: 'call-x' }],
      ['sessions:watch', session],
      ['sessions:discover', { profileId: DEMO, participantId: supervisorId }],
      ['sessions:unwatch', session],
      ['sessions:delete', session],
      ['sessions:focus', session],
      ['participants:create', { profileId: DEMO, publishPermissions: ['AUDIO'] }],
      ['participants:add', member],
      ['participants:remove', member],
      ['participants:delete', { profileId: DEMO, participantId: supervisorId }],
      ['participants:setRole', { profileId: DEMO, participantId: supervisorId, role: 'agent' }],
      ['routing:apply', { ...session, intent: { type: 'endSupervision', supervisorId } }],
      ['routing:undo', session],
      ['routing:redo', session],
      ['routing:stopTimer', { profileId: DEMO, timerId: 't-1' }],
      ['alerts:acknowledge', { profileId: DEMO, alertId: 'outside-change:x:y' }],
      ['alerts:decide', { ...member, decision: 'accepted' }],
    ];
    for (const [name, input] of changes) {
      const result = await call(name, input);
      expect(result, name).toMatchObject({ ok: false, error: { code: 'profile-changed' } });
    }
    expect(writes(composed.localApi)).toBe(0);
    expect(writes(cloud)).toBe(0);
    expect(await value<SessionView[]>('sessions:list', {})).toEqual(watched);

    // A change without the profile it is for is not accepted either.
    const { profileId: _, ...unnamed } = session;
    expect(await call('sessions:unwatch', unnamed)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });

  it('goes through for the active profile', async () => {
    await value('profiles:select', { profileId: cloudProfile });
    const created = await value<SessionView>('sessions:create', {
      profileId: cloudProfile,
      tag: 'call-bound',
    });
    expect(created.label).toBe('call-bound');
    await value('sessions:delete', { profileId: cloudProfile, sessionId: created.id });
  });

  it('refuses a move to session ".." before any request', async () => {
    await value('profiles:select', { profileId: DEMO });
    composed.localApi.control.resetStats();
    const moved = await call('routing:apply', {
      profileId: DEMO,
      sessionId: call1.id,
      intent: { type: 'move', participantId: supervisorId, toSessionId: '..' },
    });
    expect(moved).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    if (!moved.ok) expect(moved.error.message).toMatch(/Session id may only contain/);
    expect(writes(composed.localApi)).toBe(0);
  });
});
