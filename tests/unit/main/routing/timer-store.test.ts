import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TimerStore } from '../../../../src-main/routing';
import type { TimedRouteRecord } from '../../../../src-main/routing';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'patchbay-timers-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

const record: TimedRouteRecord = {
  id: 't1',
  sessionId: 's1',
  intent: { type: 'whisper', supervisorId: 'sup', agentIds: ['ag'] },
  label: 'Supervisor 0001 whispers to Agent 0002',
  startedAt: 1_000,
  endsAt: 61_000,
  routeId: 'r1',
  plan: {
    sessionId: 's1',
    writes: [
      {
        receiverId: 'ag',
        before: { sessionId: 's1', participants: [{ participantId: 'cu' }] },
        after: {
          sessionId: 's1',
          participants: [{ participantId: 'cu' }, { participantId: 'sup' }],
        },
        opens: [{ receiverId: 'ag', publisherId: 'sup', streams: 'all' }],
        closes: [],
        cells: [{ receiverId: 'ag', publisherId: 'sup', before: null, after: ['microphone'] }],
        sessionLevel: { before: false, after: false },
      },
    ],
    moves: [],
  },
};

describe('TimerStore', () => {
  it('a missing file is no pending routes; saved routes load back as they were', async () => {
    const store = new TimerStore(join(dir, 'nested'));
    expect(await store.load()).toEqual({ routes: [] });
    await store.save([record]);
    expect(await store.load()).toEqual({ routes: [record] });
    await store.save([]);
    expect(await store.load()).toEqual({ routes: [] });
  });

  it('keeps an unreadable file aside and starts empty, with a warning', async () => {
    const store = new TimerStore(dir);
    await writeFile(store.path, '{"version":1,"routes":[{"id":');
    const loaded = await store.load();
    expect(loaded.routes).toEqual([]);
    expect(loaded.warning).toMatch(/could not be read.*kept at/);
    const files = await readdir(dir);
    expect(files.some((f) => f.startsWith('timed-routes.json.corrupt-'))).toBe(true);
    expect(files).not.toContain('timed-routes.json');
  });

  it('refuses a well-formed file whose routes are not routes', async () => {
    const store = new TimerStore(dir);
    const bad = { ...record, intent: { type: 'explode' } };
    await writeFile(store.path, JSON.stringify({ version: 1, routes: [bad] }));
    expect((await store.load()).routes).toEqual([]);
  });
});
