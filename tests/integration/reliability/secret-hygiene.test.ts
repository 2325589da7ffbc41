/**
 * Suite 5 (backend part) — secret hygiene. A scripted session through a real web host (a `ws`
 * client with the session token and the host's Origin, like the browser page) drives a composed
 * console: it adds a Bandwidth account (a second local API with its own password) — first with a
 * wrong password, then the right one — uses it (sessions, participants, roles, routing, a timed
 * route, undo, audit export, API failures 401/403/500 and a dropped connection) and removes it. The
 * console's embedded local API runs its live simulation meanwhile, with faults so that it fails
 * too. Then every file the console wrote (settings, audit log, timed routes, local API state,
 * anything else under its data folder), every IPC result and event, every WebSocket frame and
 * everything printed to the console or stdout/stderr is searched for the password, the wrong
 * password and their Basic auth headers (and for the embedded API's Basic header): 0 hits.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalApi, type LocalApi } from '../../../src-main/local-api';
import type { HostFrame } from '../../../src-main/shared/ws-protocol';
import { assertKeyring, keyringGate } from '../../support/keyring';
import { startConsole, type TestConsole } from '../../support/reliability/console';
import {
  basic,
  capturingOutput,
  filesUnder,
  modesUnder,
  NeedleSearch,
} from '../../support/reliability/hygiene';
import { report, since, until } from '../../support/reliability/report';
import {
  openBridge,
  startSignedInHost,
  type BridgeClient,
  type SignedInHost,
} from '../../support/reliability/web-host';

const gate = await keyringGate();
const PASSWORD = `Hyg1ene-${randomUUID()}`;
const WRONG = `Wr0ng-${randomUUID()}`;
const USERNAME = 'hygiene-api-user';

let cloud: LocalApi | undefined;
let c: TestConsole | undefined;
let signedIn: SignedInHost | undefined;

afterAll(async () => {
  await signedIn?.close();
  await c?.close();
  await cloud?.close();
});

describe.runIf(gate.run)('reliability: secret hygiene of a whole account lifecycle', () => {
  it(
    'leaves the password and its Basic header nowhere: files, results, events, frames, output',
    { timeout: 120_000 },
    async () => {
      assertKeyring(gate);
      const started = performance.now();
      cloud = await createLocalApi({
        accountId: '5557000',
        username: USERNAME,
        password: PASSWORD,
      });
      const api = cloud;
      const output: string[] = [];
      const results: unknown[] = [];
      let profileId = '';
      let keychainAfterAdd: string | null = null;
      let keychainAfterRemove: string | null = 'not checked';
      let frames: string[] = [];

      const session = await capturingOutput(output, async () => {
        const console_ = await startConsole({
          localApi: {
            seed: 'demo',
            simulate: { pace: 'fast', tickMs: 50 },
            voices: false,
            dataDir: 'local-api',
          },
          client: { retryLimit: 1, timeoutMs: 1_000, backoffLimitMs: 20 },
        });
        return console_;
      });
      c = session;
      const local = c.composed.localApi;
      await capturingOutput(output, async () => {
        signedIn = await startSignedInHost(session.composed);
        const bridge: BridgeClient = await openBridge(signedIn);
        frames = bridge.frames;
        const call = async (name: string, input: unknown): Promise<unknown> => {
          const frame: HostFrame = await bridge.invoke(name, input);
          results.push(frame);
          if (frame.type !== 'result') throw new Error('not a result');
          return frame.result.ok ? frame.result.value : frame.result.error;
        };
        const account = {
          name: 'Production',
          accountId: api.accountId,
          username: USERNAME,
          baseUrl: api.baseUrl,
        };
        // The embedded simulation fails now and then meanwhile (its errors are printed).
        local.control.addFailure({ kind: 'status', status: 500, count: 40 });

        expect(await call('profiles:add', { ...account, password: WRONG })).toMatchObject({
          code: 'credentials-rejected',
        });
        const profile = (await call('profiles:add', { ...account, password: PASSWORD })) as {
          id: string;
        };
        profileId = profile.id;
        keychainAfterAdd = await session.secrets.get(profileId);
        await call('profiles:select', { profileId });
        const created = (await call('sessions:create', { profileId, tag: 'call-hygiene' })) as {
          id: string;
        };
        const ids: Record<string, string> = {};
        for (const role of ['customer', 'agent', 'supervisor']) {
          const p = (await call('participants:create', {
            profileId,
            publishPermissions: ['AUDIO'],
            tag: `${role}-hygiene`,
          })) as {
            participant: { id: string };
          };
          ids[role] = p.participant.id;
          await call('participants:add', {
            profileId,
            sessionId: created.id,
            participantId: p.participant.id,
          });
        }
        await call('routing:apply', {
          profileId,
          sessionId: created.id,
          intent: { type: 'restoreCall' },
          reason: 'start',
        });
        await call('routing:apply', {
          profileId,
          sessionId: created.id,
          intent: { type: 'whisper', supervisorId: ids['supervisor'] },
          confirmedViolations: true,
        });
        await call('routing:undo', { profileId, sessionId: created.id });
        await call('routing:redo', {
          profileId,
          sessionId: created.id,
          confirmedViolations: true,
        });
        await call('routing:apply', {
          profileId,
          sessionId: created.id,
          intent: { type: 'monitor', supervisorId: ids['supervisor'] },
          durationMs: 60_000,
          confirmedViolations: true,
        });
        await call('routing:history', { sessionId: created.id });
        const timers = (await call('routing:timers', {})) as { id: string }[];
        await call('sessions:discover', { profileId, participantId: ids['agent'] });
        await call('sessions:watch', { profileId, sessionId: 'no-such-session' });
        // API failures of every kind while the account is in use.
        for (const failure of [
          { kind: 'status', status: 401 },
          { kind: 'status', status: 403 },
          { kind: 'status', status: 500 },
          { kind: 'reset' },
        ] as const) {
          api.control.addFailure({ ...failure, count: 4 });
          await call('sessions:refresh', { sessionId: created.id });
          await call('routing:apply', {
            profileId,
            sessionId: created.id,
            intent: { type: 'barge', supervisorId: ids['supervisor'] },
            confirmedViolations: true,
          });
          api.control.clearFaults();
        }
        await call('audit:query', { filter: {} });
        await call('audit:export', { format: 'csv', filter: {} });
        await call('audit:export', { format: 'json', filter: {} });
        for (const t of timers) await call('routing:stopTimer', { profileId, timerId: t.id });
        await call('participants:remove', {
          profileId,
          sessionId: created.id,
          participantId: ids['agent'],
        });
        for (const id of Object.values(ids))
          await call('participants:delete', { profileId, participantId: id });
        await call('sessions:delete', { profileId, sessionId: created.id });
        await call('profiles:remove', { profileId });
        keychainAfterRemove = await session.secrets.get(profileId);
        await call('profiles:list', {});
        await until(
          () => bridge.frames.some((f) => f.includes('"profiles:changed"')),
          'a profiles event',
        );
        await bridge.close();
        local.control.clearFaults();
        await session.shutdown();
      });

      // Search everything.
      const needles = new NeedleSearch({
        password: PASSWORD,
        'Basic header': basic(USERNAME, PASSWORD),
        'wrong password': WRONG,
        'wrong Basic header': basic(USERNAME, WRONG),
        'embedded API Basic header': basic(local.username, local.password),
      });
      const files = await filesUnder(session.dir);
      for (const f of files) needles.search(f.path, f.text);
      for (const r of results) needles.search('an IPC result', JSON.stringify(r));
      for (const u of session.updates) needles.search('an IPC event', JSON.stringify(u.event));
      for (const f of frames) needles.search('a WebSocket frame', f);
      for (const line of output) needles.search('console output', line);
      const written = files.map((f) => f.name).sort();
      // Modes of what the console wrote (the embedded local API's own folder is the local API's).
      const modes = (await modesUnder(session.dir)).filter((m) => !m.path.startsWith('local-api'));
      const loose = modes.filter((m) => m.mode !== (m.folder ? '0700' : '0600'));
      const folders = modes.filter((m) => m.folder).length;

      report(
        'secret hygiene',
        `${files.length} files (${written.join(', ')}), ${results.length} IPC results, ` +
          `${session.updates.length} events, ${frames.length} WebSocket frames, ${output.length} ` +
          `output lines searched for ${Object.keys(needles.needles).length} secrets: ` +
          `${needles.summary()}; keychain entry ${keychainAfterRemove === null ? 'deleted' : 'LEFT'}; ` +
          `file modes: ${modes.length - folders} files 0600, ${folders} folders 0700, ` +
          `${loose.length} looser${loose.length > 0 ? ` (${loose.map((m) => `${m.path} ${m.mode}`).join(', ')})` : ''}`,
        since(started),
      );
      expect(needles.hits).toEqual([]);
      if (process.platform !== 'win32') expect(loose).toEqual([]);
      expect(keychainAfterAdd).toBe(PASSWORD);
      expect(keychainAfterRemove).toBeNull();
      expect(written).toEqual(
        expect.arrayContaining(['settings.json', 'audit.jsonl', 'state.json']),
      );
    },
  );
});
