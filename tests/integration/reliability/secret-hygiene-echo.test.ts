/**
 * Suite 5 (backend part), continued — a backend that echoes the credentials. The account's base URL
 * points at a tiny server in front of a real local API that answers chosen requests with an error
 * body quoting the Authorization header, the username and the bare password (JSON in both of the
 * API's error shapes, a proxy's HTML page, plain text). The console is used through a real web host
 * while it does: a create that fails, a routing write that fails and rolls back, a read that fails
 * (preview, apply, refresh: session views and `sessions:update` events), a 502 page while watching,
 * a timed route whose revert fails, audit query and exports. Then every file the console wrote,
 * every IPC result, event and WebSocket frame and everything printed is searched for the password,
 * its first 12 characters and its Basic token: 0 hits. Participants' device tokens reach the
 * console as they are (shown on purpose) and never a log (the data folder, console output).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalApi, type LocalApi } from '../../../src-main/local-api';
import { assertKeyring, keyringGate } from '../../support/keyring';
import { startConsole, type TestConsole } from '../../support/reliability/console';
import { startEchoBackend, type EchoBackend } from '../../support/reliability/echo-backend';
import {
  basic,
  capturingOutput,
  filesUnder,
  NeedleSearch,
} from '../../support/reliability/hygiene';
import { report, since, until } from '../../support/reliability/report';
import {
  openBridge,
  startSignedInHost,
  type SignedInHost,
} from '../../support/reliability/web-host';

const gate = await keyringGate();
const PASSWORD = `Ech0-${randomUUID()}`;
const USERNAME = 'echo-api-user';

let cloud: LocalApi | undefined;
let echo: EchoBackend | undefined;
let c: TestConsole | undefined;
let signedIn: SignedInHost | undefined;

afterAll(async () => {
  await signedIn?.close();
  await c?.close();
  await echo?.close();
  await cloud?.close();
});

describe.runIf(gate.run)('reliability: secret hygiene with a backend echoing credentials', () => {
  it(
    'scrubs echoed credentials from results, events, session views, the audit log and output',
    { timeout: 120_000 },
    async () => {
      assertKeyring(gate);
      const started = performance.now();
      cloud = await createLocalApi({
        accountId: '5559000',
        username: USERNAME,
        password: PASSWORD,
      });
      const backend = await startEchoBackend(cloud);
      echo = backend;
      const output: string[] = [];
      const results: unknown[] = [];
      const timerEvents: unknown[] = [];
      const tokens: string[] = [];
      let frames: string[] = [];
      const session = await capturingOutput(output, () =>
        startConsole({ client: { retryLimit: 1, timeoutMs: 2_000, backoffLimitMs: 20 } }),
      );
      c = session;
      session.composed.events.on('routing:timer', (e) => timerEvents.push(e));

      await capturingOutput(output, async () => {
        signedIn = await startSignedInHost(session.composed);
        const bridge = await openBridge(signedIn);
        frames = bridge.frames;
        const call = async (name: string, input: unknown): Promise<Record<string, unknown>> => {
          const frame = await bridge.invoke(name, input);
          results.push(frame);
          if (frame.type !== 'result') throw new Error('not a result');
          const { result } = frame;
          return (result.ok ? result.value : result.error) as Record<string, unknown>;
        };
        const profile = await call('profiles:add', {
          name: 'Echoing',
          accountId: cloud?.accountId,
          username: USERNAME,
          password: PASSWORD,
          baseUrl: backend.baseUrl,
        });
        const profileId = profile['id'] as string;
        await call('profiles:select', { profileId });

        backend.echo({ method: 'POST', path: /\/sessions$/, status: 500, shape: 'json-error' });
        expect(await call('sessions:create', { profileId, tag: 'echo-call' })).toMatchObject({
          code: 'api-server',
        });
        backend.clear();
        const created = await call('sessions:create', { profileId, tag: 'echo-call' });
        const sessionId = created['id'] as string;
        const ids: Record<string, string> = {};
        for (const role of ['customer', 'agent', 'supervisor']) {
          const made = await call('participants:create', {
            profileId,
            publishPermissions: ['AUDIO'],
            tag: `${role}-echo`,
          });
          tokens.push(made['token'] as string);
          ids[role] = (made['participant'] as { id: string }).id;
          await call('participants:add', { profileId, sessionId, participantId: ids[role] });
          // Assigned, not guessed from the tag: no role question stands before the writes.
          await call('participants:setRole', { profileId, participantId: ids[role], role });
        }
        const supervisorId = ids['supervisor'];
        await call('routing:apply', { profileId, sessionId, intent: { type: 'restoreCall' } });

        // A routing write answered with the echo: the change rolls back, its result and audit say why.
        backend.echo({
          method: 'PUT',
          path: /\/subscriptions$/,
          status: 400,
          shape: 'json-message',
        });
        expect(
          await call('routing:apply', {
            profileId,
            sessionId,
            intent: { type: 'whisper', supervisorId },
          }),
        ).toMatchObject({ code: 'write-failed', rolledBack: true });
        backend.clear();

        // The fresh read answered with the echo: preview, apply and the watcher's view fail.
        backend.echo({ method: 'GET', path: /\/participants$/, status: 401, shape: 'text' });
        const intent = { type: 'monitor', supervisorId };
        expect(await call('routing:preview', { sessionId, intent })).toMatchObject({
          code: 'read-failed',
        });
        expect(await call('routing:apply', { profileId, sessionId, intent })).toMatchObject({
          code: 'read-failed',
        });
        await call('sessions:refresh', { sessionId });
        backend.clear();
        backend.echo({ method: 'GET', path: /\/participants$/, status: 502, shape: 'html' });
        await call('sessions:refresh', { sessionId });
        await until(
          () => session.updates.some((u) => u.event.session.state === 'unreachable'),
          'an unreachable session event',
        );
        await call('sessions:list', {});
        backend.clear();

        // A timed route whose revert is answered with the echo.
        await call('routing:apply', { profileId, sessionId, intent, durationMs: 60_000 });
        const [timer] = (await call('routing:timers', {})) as unknown as { id: string }[];
        backend.echo({ method: 'PUT', path: /\/subscriptions$/, status: 500, shape: 'json-error' });
        expect(await call('routing:stopTimer', { profileId, timerId: timer?.id })).toMatchObject({
          ok: false,
          code: 'write-failed',
        });
        backend.clear();

        await call('audit:query', { filter: {} });
        await call('audit:export', { format: 'csv', filter: {} });
        await call('audit:export', { format: 'json', filter: {} });
        await call('profiles:remove', { profileId });
        await bridge.close();
        await session.shutdown();
      });

      const needles = new NeedleSearch({
        password: PASSWORD,
        'first 12 characters of the password': PASSWORD.slice(0, 12),
        'Basic token': basic(USERNAME, PASSWORD),
      });
      const logs = new NeedleSearch(Object.fromEntries(tokens.map((t, i) => [`token ${i}`, t])));
      const files = await filesUnder(session.dir);
      for (const f of files) {
        needles.search(f.path, f.text);
        logs.search(f.path, f.text);
      }
      for (const r of results) needles.search('an IPC result', JSON.stringify(r));
      for (const u of session.updates) needles.search('an IPC event', JSON.stringify(u.event));
      for (const e of timerEvents) needles.search('a timer event', JSON.stringify(e));
      for (const f of frames) needles.search('a WebSocket frame', f);
      for (const line of output) {
        needles.search('console output', line);
        logs.search('console output', line);
      }
      const audit = files.find((f) => f.name === 'audit.jsonl')?.text ?? '';
      report(
        'secret hygiene',
        `backend echoing credentials: ${backend.echoed} echoed answers; ${files.length} files, ` +
          `${results.length} IPC results, ${session.updates.length + timerEvents.length} events, ` +
          `${frames.length} WebSocket frames, ${output.length} output lines: ${needles.summary()}; ` +
          `device tokens in logs: ${logs.summary()}`,
        since(started),
      );
      expect(needles.hits).toEqual([]);
      expect(logs.hits).toEqual([]);
      // The echoes did arrive, and were scrubbed where they landed.
      expect(backend.echoed).toBeGreaterThanOrEqual(6);
      expect(audit).toContain('[redacted]');
      expect(
        results.filter((r) => JSON.stringify(r).includes('[redacted]')).length,
      ).toBeGreaterThan(3);
      expect(session.updates.some((u) => u.event.session.error?.includes('[redacted]'))).toBe(true);
      expect(timerEvents.some((e) => JSON.stringify(e).includes('[redacted]'))).toBe(true);
      // Device tokens are shown to the console as they are.
      expect(tokens).toHaveLength(3);
      for (const token of tokens) expect(token).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    },
  );
});
