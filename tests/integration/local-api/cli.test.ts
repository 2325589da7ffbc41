import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CliUsageError, parseCliArgs } from '../../../src-main/local-api/cli-options';
import { REPO_ROOT } from '../../support/openapi';

describe('parseCliArgs', () => {
  it('has documented defaults', () => {
    expect(parseCliArgs([])).toEqual({
      help: false,
      port: 3000,
      host: '127.0.0.1',
      seed: 'empty',
      simulate: false,
      pace: 'realistic',
      accountId: '9900000',
      username: 'patchbay',
      password: 'patchbay-local',
      passwordFrom: 'default',
      accountsWithoutWebRtc: [],
      log: false,
    });
  });

  it('reads every flag', () => {
    const argv = [
      '--port',
      '0',
      '--seed',
      'demo',
      '--simulate',
      '--pace',
      'fast',
      '--tick-ms',
      '250',
      '--directory-token',
      'demo-directory-token-1',
      '--data-dir',
      '/tmp/x',
      '--account-id',
      '123',
      '--username',
      'u',
      '--password',
      'p:w',
      '--host',
      '::1',
      '--no-webrtc-account',
      '777',
      '--no-webrtc-account',
      '123',
      '--log',
    ];
    expect(parseCliArgs(argv)).toEqual({
      help: false,
      port: 0,
      host: '::1',
      seed: 'demo',
      simulate: true,
      pace: 'fast',
      tickMs: 250,
      directoryToken: 'demo-directory-token-1',
      dataDir: '/tmp/x',
      accountId: '123',
      username: 'u',
      password: 'p:w',
      passwordFrom: '--password',
      accountsWithoutWebRtc: ['777', '123'],
      log: true,
    });
  });

  it('--no-voices turns the simulated voices off (the server decides otherwise)', () => {
    expect(parseCliArgs(['--seed', 'demo', '--simulate', '--no-voices']).voices).toBe(false);
    expect(parseCliArgs(['--seed', 'demo', '--simulate'])).not.toHaveProperty('voices');
  });

  it.each([
    [['--prot', '3000'], /Unknown option '--prot'/],
    [['--port', 'abc'], /--port must be a whole number from 0 to 65535 \(got "abc"\)/],
    [['--port', '70000'], /--port must be a whole number/],
    [['--seed', 'full'], /--seed must be "demo" or "empty" \(got "full"\)/],
    [['--port'], /argument missing/],
    [['extra'], /Unexpected argument 'extra'/],
    [['--username', 'a:b'], /--username must not contain ":"/],
    [['--password', ''], /--password must not be empty/],
    [['--pace', 'slow'], /--pace must be "realistic" or "fast" \(got "slow"\)/],
    [['--directory-token', 'short'], /--directory-token must be 16 to 512 printable characters/],
    [['--tick-ms', '1'], /--tick-ms must be a whole number from 10/],
    [['--password', 'a', '--password-file', '/x'], /either --password or --password-file/],
    [
      ['--password-file', '/nonexistent/pw'],
      /--password-file: cannot read \/nonexistent\/pw \(ENOENT\)/,
    ],
    [['--no-webrtc-account', ' '], /--no-webrtc-account must not be empty/],
  ])('rejects %j with a clear error', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(CliUsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

describe('the password, kept off the command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'patchbay-cli-'));
  const file = join(dir, 'password');
  writeFileSync(file, 's3cret-from-file\nignored second line\n');

  it('reads the first line of --password-file', () => {
    expect(parseCliArgs(['--password-file', file])).toMatchObject({
      password: 's3cret-from-file',
      passwordFrom: '--password-file',
    });
  });

  it('reads PATCHBAY_LOCAL_API_PASSWORD, below both flags', () => {
    const env = { PATCHBAY_LOCAL_API_PASSWORD: 's3cret-from-env' };
    expect(parseCliArgs([], env)).toMatchObject({
      password: 's3cret-from-env',
      passwordFrom: 'PATCHBAY_LOCAL_API_PASSWORD',
    });
    expect(parseCliArgs(['--password-file', file], env).password).toBe('s3cret-from-file');
    expect(parseCliArgs(['--password', 'flag'], env).password).toBe('flag');
    expect(() => parseCliArgs([], { PATCHBAY_LOCAL_API_PASSWORD: '  ' })).toThrow(/blank/);
  });

  it('refuses an empty password file', () => {
    const empty = join(dir, 'empty');
    writeFileSync(empty, '\n');
    expect(() => parseCliArgs(['--password-file', empty])).toThrow(/holds no password/);
  });
});

// tsx as a loader, not its CLI: the CLI relays signals to a child process and kills it when the
// child does not answer within 30 ms, which a loaded machine misses (exit 143 instead of 0).
const tsx = pathToFileURL(resolve(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const cli = resolve(REPO_ROOT, 'src-main/local-api/cli.ts');

function run(
  args: string[],
  env: Record<string, string> = {},
): {
  child: ReturnType<typeof spawn>;
  output: () => string;
  exit: Promise<number | null>;
} {
  const child = spawn(process.execPath, ['--import', tsx, cli, ...args], {
    cwd: REPO_ROOT,
    stdio: 'pipe',
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, output: () => output, exit };
}

describe('npm run local-api', () => {
  it('prints base URL, credentials and a working curl example, and stops on SIGTERM', async () => {
    const { child, output, exit } = run(['--port', '0', '--seed', 'demo']);
    try {
      await expect.poll(output, { timeout: 10_000, interval: 50 }).toMatch(/Stop with Ctrl\+C/);
      const text = output();
      expect(text).toMatch(/base URL: +http:\/\/127\.0\.0\.1:\d+\/v1/);
      expect(text).toMatch(/account id: +9900000/);
      expect(text).toMatch(/username: +patchbay/);
      expect(text).toMatch(/password: +patchbay-local/);
      const example = /curl -u '([^']+)' (\S+)/.exec(text);
      expect(example).not.toBeNull();
      const [, userPass = '', url = ''] = example ?? [];
      const response = await fetch(url, { headers: { authorization: `Basic ${btoa(userPass)}` } });
      expect(response.status).toBe(200);
      expect(((await response.json()) as unknown[]).length).toBeGreaterThanOrEqual(2);
      const feed = /directory: +(\S+) \(Authorization: Bearer (\S+)\)/.exec(text);
      const [, feedUrl = '', token = ''] = feed ?? [];
      const calls = await fetch(feedUrl, { headers: { authorization: `Bearer ${token}` } });
      expect(calls.status).toBe(200);
      expect(((await calls.json()) as { calls: unknown[] }).calls).toHaveLength(6);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exit).toBe(0);
  });

  it('exits 2 with the reason and the usage on a bad flag', async () => {
    const { output, exit } = run(['--seed', 'nope']);
    expect(await exit).toBe(2);
    expect(output()).toContain('local-api: --seed must be "demo" or "empty" (got "nope")');
    expect(output()).toContain('Usage: npm run local-api -- [flags]');
  });

  it('takes the password from the environment without printing it, and escapes what it prints', async () => {
    const { child, output, exit } = run(['--port', '0', '--account-id', 'acct\u001b[2J\u009b31m'], {
      PATCHBAY_LOCAL_API_PASSWORD: 'env-only-secret',
    });
    try {
      await expect.poll(output, { timeout: 10_000, interval: 50 }).toMatch(/Stop with Ctrl\+C/);
      const text = output();
      expect(text).toMatch(/password: +\(from PATCHBAY_LOCAL_API_PASSWORD\)/);
      expect(text).not.toContain('env-only-secret');
      expect(text).toContain('account id:  acct\\x1b[2J\\x9b31m');
      expect([text.includes('\u001b'), text.includes('\u009b')]).toEqual([false, false]);
      const url = /base URL: +(\S+)/.exec(text)?.[1] ?? '';
      const response = await fetch(
        `${url}/accounts/${encodeURIComponent('acct\u001b[2J\u009b31m')}/sessions/x`,
        {
          headers: { authorization: `Basic ${btoa('patchbay:env-only-secret')}` },
        },
      );
      expect(response.status).toBe(404);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exit).toBe(0);
  });

  it('warns loudly when bound to an address other than loopback', async () => {
    const { child, output, exit } = run(['--port', '0', '--host', '0.0.0.0']);
    try {
      await expect.poll(output, { timeout: 10_000, interval: 50 }).toMatch(/Stop with Ctrl\+C/);
      expect(output()).toContain('WARNING: listening on 0.0.0.0, not on loopback');
      expect(output()).toContain('The password is the documented default');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exit).toBe(0);
    const quiet = run(['--port', '0']);
    try {
      await expect.poll(quiet.output, { timeout: 10_000, interval: 50 }).toMatch(/Stop with/);
      expect(quiet.output()).not.toContain('WARNING');
    } finally {
      quiet.child.kill('SIGTERM');
    }
    expect(await quiet.exit).toBe(0);
  });
});
