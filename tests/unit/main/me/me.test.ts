import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ActiveSecrets, Scrubber } from '../../../../src-main/credentials';
import { assignedRoles, directoryRoles } from '../../../../src-main/directory/roles';
import { questionBeforeJoin } from '../../../../src-main/me/ask-first';
import { ME_TAG_PREFIX, newMeTag } from '../../../../src-main/me/membership';
import { MeRecordStore } from '../../../../src-main/me/record-store';
import { MeRoster } from '../../../../src-main/me/roster';
import { bargeQuestion, intentFor } from '../../../../src-main/me/words';
import { MAX_TAG_LENGTH } from '../../../../src-main/shared/bandwidth-api';
import { suggestRole } from '../../../../src-main/shared/roles';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'patchbay-me-unit-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const view = {
  profileId: 'p1',
  displayName: 'Dana Reyes',
  sessionId: 's1',
  participantId: 'me-1',
  mode: 'monitor' as const,
};

describe('the words and intents of "me"', () => {
  it('maps each mode to its routing intent for my participant', () => {
    expect(intentFor('monitor', 'me-1')).toEqual({ type: 'monitor', supervisorId: 'me-1' });
    expect(intentFor('coach', 'me-1')).toEqual({ type: 'whisper', supervisorId: 'me-1' });
    expect(intentFor('barge', 'me-1')).toEqual({ type: 'barge', supervisorId: 'me-1' });
  });

  it('asks a barge in one sentence naming who will hear whom', () => {
    const question = bargeQuestion('Dana Reyes');
    expect(question).toBe(
      'Everyone on the call, the customer too, will hear you (Dana Reyes): barge in?',
    );
    expect(question.split(/[.?!]\s/)).toHaveLength(1);
  });

  it('tags my participant without personal data, within the limit, as a supervisor', () => {
    const tag = newMeTag();
    expect(tag.startsWith(ME_TAG_PREFIX)).toBe(true);
    expect(tag.length).toBeLessThanOrEqual(MAX_TAG_LENGTH);
    expect(newMeTag()).not.toBe(tag);
    expect(suggestRole(tag)).toBe('supervisor');
  });
});

const snapshot = {
  version: 1 as const,
  generatedAt: '2026-01-01T00:00:00Z',
  calls: [
    {
      sessionId: 's1',
      label: 'Billing',
      queue: 'billing',
      startedAt: '2026-01-01T00:00:00Z',
      participants: [
        { participantId: 'c', displayName: 'Ann', role: 'customer' as const },
        { participantId: 'a', displayName: 'Bo', role: 'agent' as const },
      ],
    },
  ],
};

describe('directoryRoles', () => {
  it('gives the roles of the session the directory lists, none otherwise', () => {
    expect(directoryRoles(snapshot, 's1')).toEqual({ c: 'customer', a: 'agent' });
    expect(directoryRoles(snapshot, 's2')).toEqual({});
    expect(directoryRoles(undefined, 's1')).toEqual({});
  });
});

describe('assigned roles and the question before a first Coach', () => {
  const member = (id: string, tag: string) => ({
    id,
    tag,
    callbackUrl: null,
    publishPermissions: ['AUDIO' as const],
    sessions: ['s1'],
    subscriptions: {},
    deviceApiVersion: 'V3' as const,
  });
  const members = [member('c', 'customer-1'), member('a', 'agent-1')];

  it("lets the console's roles win over the directory's", () => {
    expect(assignedRoles(snapshot, { a: 'other' }, 's1')).toEqual({ c: 'customer', a: 'other' });
    expect(assignedRoles(snapshot, {}, 's2')).toEqual({});
  });

  it('asks only a Coach whose agent is guessed from a tag', () => {
    const none = { directory: undefined, console: {} };
    expect(questionBeforeJoin('coach', 's1', members, none)).toMatch(
      /guessed from the tag that .* is the agent; whisper to them\?$/,
    );
    expect(questionBeforeJoin('monitor', 's1', members, none)).toBeNull();
    expect(
      questionBeforeJoin('coach', 's1', members, { directory: snapshot, console: {} }),
    ).toBeNull();
    expect(
      questionBeforeJoin('coach', 's1', members, { directory: undefined, console: { a: 'agent' } }),
    ).toBeNull();
  });
});

describe('MeRoster: the token stays in main, scrubbed while held', () => {
  it('registers the token with the scrubber while held and forgets it on drop', () => {
    const secrets = new ActiveSecrets();
    secrets.register('p1', [{ kind: 'api-password', value: 'account-password-1' }]);
    const scrubber = new Scrubber({ secrets, mode: 'outgoing' });
    const roster = new MeRoster(secrets);
    const token = 'eyJhbGciOiJIUzI1NiJ9.my-own-device-token.signature';
    roster.hold(view, token);
    expect(roster.get('p1')).toEqual(view);
    expect(roster.deviceToken('p1')).toBe(token);
    expect(scrubber.text(`token ${token}`)).not.toContain(token);
    expect(roster.update('p1', { mode: 'barge' })?.mode).toBe('barge');
    roster.drop('p1');
    expect(roster.get('p1')).toBeUndefined();
    expect(roster.deviceToken('p1')).toBeUndefined();
    expect(secrets.secrets().map((s) => s.kind)).toEqual(['api-password']);
  });
});

describe('MeRecordStore', () => {
  const record = {
    version: 1 as const,
    sessionId: 's1',
    tag: 'supervisor-me-x',
    createdAt: '2026-01-01T00:00:00.000Z',
  };

  it('saves (owner-only), loads and clears a record; none without a file', async () => {
    const store = new MeRecordStore(join(dir, 'me'));
    expect(await store.load('p1')).toEqual({});
    await store.save('p1', record);
    expect(await store.load('p1')).toEqual({ record });
    if (process.platform !== 'win32') {
      expect((await stat(store.path('p1'))).mode & 0o777).toBe(0o600);
    }
    await store.clear('p1');
    expect(await store.load('p1')).toEqual({});
  });

  it('keeps an unreadable record aside and says so', async () => {
    const store = new MeRecordStore(dir);
    await writeFile(store.path('p1'), '{"version":1,"sessionId":');
    const loaded = await store.load('p1');
    expect(loaded.record).toBeUndefined();
    expect(loaded.warning).toMatch(/could not be read; it was kept at .*corrupt-/);
    const files = await readdir(dir);
    expect(files.some((f) => f.startsWith('p1.json.corrupt-'))).toBe(true);
  });

  it('refuses to save a record of the wrong shape, writing nothing', async () => {
    const store = new MeRecordStore(dir);
    await expect(store.save('p1', { ...record, mode: 'whisper' } as never)).rejects.toThrow();
    await expect(readFile(store.path('p1'), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('keeps a profile id from naming a path outside its folder', () => {
    const store = new MeRecordStore(dir);
    expect(store.path('../x')).toBe(join(dir, '..%2Fx.json'));
  });
});
