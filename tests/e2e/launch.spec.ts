/**
 * The launcher behind `npm start` / `npm run start:web`: flags answered before anything is built;
 * the build's JavaScript run with node; the terminal banner's local API base URL and credentials
 * working against that API.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, test } from '@playwright/test';

const ROOT = join(import.meta.dirname, '../..');

function launcher(
  args: string[],
  script = 'scripts/start.ts',
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(ROOT, script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Linux: the processes `pid` started (the launcher starts exactly one, the host). */
function childrenOf(pid: number): number[] {
  const list = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return list === '' ? [] : list.split(/\s+/).map(Number);
}

function commandLine(pid: number): string[] {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, -1);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

test('--help answers without building, a bad flag is refused by name (npm start and npm run dev)', () => {
  const help = launcher(['--help']);
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('--api-port N');
  expect(help.stdout + help.stderr).not.toMatch(/vite|building|transform/i);

  const bad = launcher(['--api-port', 'twelve']);
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain('--api-port must be a whole number from 0 to 65535, not "twelve"');
  expect(bad.stdout + bad.stderr).not.toMatch(/vite|building/i);

  // npm run dev takes the same flags, answered the same way before any build or watch starts.
  const devHelp = launcher(['--help'], 'scripts/dev.ts');
  expect(devHelp.status).toBe(0);
  expect(devHelp.stdout).toContain('npm run dev -- [flags]');
  expect(devHelp.stdout + devHelp.stderr).not.toMatch(/vite|building|watching/i);
  const devBad = launcher(['--pace', 'slow'], 'scripts/dev.ts');
  expect(devBad.status).toBe(2);
  expect(devBad.stderr).toContain('--pace');
});

test('npm run start:web builds, then runs the built host with node; its banner names the local API on --api-port with credentials that work, new per run', async () => {
  // The whole command as a person types it: electron-vite build first (minutes on a loaded
  // machine are not unusual), then `node out/main/web-host.js`.
  test.setTimeout(180_000);
  const dataDir = await mkdtemp(join(tmpdir(), 'patchbay-launch-'));
  const apiPort = await freePort();
  const hostArgs = [
    '--port',
    '0',
    '--api-port',
    String(apiPort),
    '--data-dir',
    dataDir,
    '--no-simulate',
  ];
  const child = spawn(process.execPath, [join(ROOT, 'scripts/start.ts'), '--web', ...hostArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const lines: string[] = [];
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`host exited (${code})`)));
      if (!child.stdout) return reject(new Error('the host has no stdout'));
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        if (line.includes('Ctrl+C stops')) resolve();
      });
    });
    // What answers is the build's JavaScript under this same node, not TypeScript through tsx.
    const host = childrenOf(child.pid ?? 0).map((pid) => commandLine(pid));
    expect(host).toEqual([[process.execPath, join(ROOT, 'out/main/web-host.js'), ...hostArgs]]);
    const banner = lines.join('\n');
    const field = (name: string): string =>
      new RegExp(`${name}:\\s+(\\S+)`).exec(banner)?.[1] ?? '';
    const baseUrl = field('base URL');
    expect(baseUrl).toBe(`http://127.0.0.1:${apiPort}/v1`);
    expect(banner).toMatch(/http:\/\/127\.0\.0\.1:\d+\/#secret=/);
    const password = field('password');
    expect(password).not.toBe('patchbay-local');
    expect(password.length).toBeGreaterThanOrEqual(24);
    const auth = Buffer.from(`${field('username')}:${password}`).toString('base64');
    const url = `${baseUrl}/accounts/${field('account id')}/sessions/no-such-session`;
    const answer = await fetch(url, { headers: { authorization: `Basic ${auth}` } });
    expect(answer.status).toBe(404);
    const wrong = await fetch(url, {
      headers: {
        authorization: `Basic ${Buffer.from('patchbay:patchbay-local').toString('base64')}`,
      },
    });
    expect(wrong.status).toBe(401);
  } finally {
    // The launcher exits when the host has: only then is nothing left writing into dataDir (the
    // host saves on SIGTERM, and removing the directory under it failed with ENOTEMPTY in CI).
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  }
});
