import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestApi } from '../../support/local-api';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'patchbay-local-api-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const stateFile = (): string => join(dir, 'state.json');

describe('persistence in a data folder', () => {
  it('survives a restart: sessions, members, subscriptions and token validity', async () => {
    const first = await startTestApi({ dataDir: dir });
    const session = await first.createSession('call-persist');
    const { participant: c, token } = await first.createParticipant({
      tag: 'customer-p',
      publishPermissions: ['AUDIO'],
    });
    const { participant: a } = await first.createParticipant({
      tag: 'agent-p',
      callbackUrl: 'https://example.com/cb',
    });
    await first.add(session.id, c.id);
    await first.add(session.id, a.id, {
      sessionId: session.id,
      participants: [{ participantId: c.id, streamAliases: ['mic'] }],
    });
    await first.subscribe(session.id, c.id, { sessionId: session.id });
    const members = await first.members(session.id);
    const state = first.api.control.state();
    await first.close();

    const second = await startTestApi({ dataDir: dir, seed: 'demo' });
    try {
      expect(second.api.warnings).toEqual([]);
      expect(second.api.control.state()).toEqual(state);
      expect((await second.bw('GET', `/sessions/${session.id}`)).body).toEqual(session);
      expect(await second.members(session.id)).toEqual(members);
      expect((await second.api.verifyToken(token)).p).toBe(c.id);
    } finally {
      await second.close();
    }
  });

  it('writes atomically with owner-only permissions and flushes the last change on close', async () => {
    const api = await startTestApi({ dataDir: dir });
    const session = await api.createSession('call-last');
    await api.close();
    const saved = JSON.parse(await readFile(stateFile(), 'utf8')) as {
      state: { sessions: unknown[] };
    };
    expect(saved.state.sessions).toEqual([
      { id: session.id, tag: 'call-last', participantIds: [] },
    ]);
    expect((await stat(stateFile())).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['state.json']);
  });

  it.each([
    ['not JSON', '{"format": "patchbay-local-api-state", ', 'is not valid JSON'],
    ['JSON of another shape', '{"hello": "world"}', 'is not a Patchbay local API state file'],
    [
      'a state that breaks the schema',
      JSON.stringify({
        format: 'patchbay-local-api-state',
        version: 1,
        tokenSecret: 'A'.repeat(43),
        state: { sessions: 'no' },
      }),
      'does not match the state schema',
    ],
    [
      'an inconsistent state',
      JSON.stringify({
        format: 'patchbay-local-api-state',
        version: 1,
        tokenSecret: 'A'.repeat(43),
        state: { sessions: [{ id: 's', participantIds: ['ghost'] }], participants: [] },
      }),
      'is inconsistent (session s lists unknown participant ghost)',
    ],
  ])('reports a file that is %s and keeps it aside', async (_what, content, reason) => {
    await writeFile(stateFile(), content);
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const api = await startTestApi({ dataDir: dir, seed: 'demo' });
    try {
      expect(api.api.warnings).toHaveLength(1);
      const warning = api.api.warnings[0] ?? '';
      expect(warning).toContain(stateFile());
      expect(warning).toContain(reason);
      expect(stderr).toHaveBeenCalledWith(expect.stringContaining(reason));
      const aside = (await readdir(dir)).filter((name) => name.startsWith('state.json.corrupt-'));
      expect(aside).toHaveLength(1);
      expect(warning).toContain(aside[0]);
      expect(await readFile(join(dir, aside[0] ?? ''), 'utf8')).toBe(content);
      // A fresh state (here the demo seed) took its place.
      expect(api.api.control.state().sessions).toHaveLength(6);
    } finally {
      await api.close();
    }
    expect(JSON.parse(await readFile(stateFile(), 'utf8'))).toMatchObject({ version: 1 });
  });
});
