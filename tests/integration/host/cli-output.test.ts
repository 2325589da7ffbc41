/**
 * The web host's command line prints what it was given (flags, the data folder) and what the local
 * API warns about: none of it may reach the terminal as a control sequence (issue 12, item 4).
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/openapi';

const tsx = resolve(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs');
const cli = resolve(REPO_ROOT, 'src-main/host/cli.ts');
/** Clear the screen, set the window title, ring the bell; and a right-to-left override. */
const HOSTILE = '\u001b[2J\u001b]0;owned\u0007\u202e';
/** Any control or bidi character but the line breaks the output is made of. */
const raw = (text: string): boolean =>
  /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u.test(text.replace(/\r?\n/g, ''));

function run(args: string[]): { output: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, [tsx, cli, ...args], { cwd: REPO_ROOT, stdio: 'pipe' });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { output: () => output, exit };
}

describe('npm run start:web output', () => {
  it('writes control characters of a bad flag value out instead of sending them', async () => {
    const { output, exit } = run(['--port', `80${HOSTILE}`]);
    expect(await exit).toBe(2);
    expect(output()).toContain('--port must be a whole number from 0 to 65535, not "80\\x1b[2J');
    expect(output()).toContain('\\x1b]0;owned\\x07\\u202e"');
    expect(raw(output())).toBe(false);
  });

  it('does the same for an unknown flag', async () => {
    const { output, exit } = run([`--x${HOSTILE}`]);
    expect(await exit).toBe(2);
    expect(output()).toContain('\\x1b[2J');
    expect(raw(output())).toBe(false);
  });
});
