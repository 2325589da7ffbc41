/**
 * A device's connection URL carries its token (`/v3/?token=…`, as the SDK builds it): the request
 * log of `npm run local-api -- --log` never records it, because device upgrades go to the gateway
 * without passing through Fastify's request logging.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import WebSocket from 'ws';
import { REPO_ROOT } from '../../support/openapi';
import { LocalApiClient } from '../../support/local-api-client';

it('never logs a device token', async () => {
  const child = spawn(
    process.execPath,
    [
      resolve(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'),
      resolve(REPO_ROOT, 'src-main/local-api/cli.ts'),
      '--port',
      '0',
      '--log',
    ],
    { cwd: REPO_ROOT, stdio: 'pipe' },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await expect.poll(() => output, { timeout: 20_000, interval: 50 }).toMatch(/Stop with Ctrl\+C/);
    const base = /base URL: +(\S+)/.exec(output)?.[1] ?? '';
    const created = await new LocalApiClient({
      baseUrl: base,
      accountId: '9900000',
      username: 'patchbay',
      password: 'patchbay-local',
    }).createParticipant();
    const ws = new WebSocket(
      `${base.replace(/^http/, 'ws').replace(/\/v1$/, '')}/v3/?token=${created.token}&client=test`,
    );
    const answer = new Promise((done) => ws.once('message', done));
    ws.once('open', () => ws.send(JSON.stringify({ jsonrpc: '2.0', method: 'ping', id: 1 })));
    await answer;
    ws.close();
    // Logging is on (the createParticipant request is there), and the token is nowhere.
    await expect
      .poll(() => output, { timeout: 5_000 })
      .toContain('/v1/accounts/9900000/participants');
    expect(output).not.toContain(created.token);
    expect(output).not.toContain(created.token.split('.')[2] ?? created.token);
  } finally {
    child.kill('SIGTERM');
  }
}, 40_000);
