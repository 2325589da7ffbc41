import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
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
      accountId: '9900000',
      username: 'patchbay',
      password: 'patchbay-local',
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
      '--tick-ms',
      '250',
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
      '--log',
    ];
    expect(parseCliArgs(argv)).toEqual({
      help: false,
      port: 0,
      host: '::1',
      seed: 'demo',
      simulate: true,
      tickMs: 250,
      dataDir: '/tmp/x',
      accountId: '123',
      username: 'u',
      password: 'p:w',
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
    [['--tick-ms', '1'], /--tick-ms must be a whole number from 10/],
  ])('rejects %j with a clear error', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(CliUsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

const tsx = resolve(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs');
const cli = resolve(REPO_ROOT, 'src-main/local-api/cli.ts');

function run(args: string[]): {
  child: ReturnType<typeof spawn>;
  output: () => string;
  exit: Promise<number | null>;
} {
  const child = spawn(process.execPath, [tsx, cli, ...args], { cwd: REPO_ROOT, stdio: 'pipe' });
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
});
