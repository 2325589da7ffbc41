/**
 * `npm run dev` where Electron cannot run (as here): the web host from a watching build. A changed
 * renderer file is rebuilt and a reload serves it; changed main-process code restarts the host,
 * which prints a new sign-in link that works. (Under Electron it is electron-vite's dev server with
 * hot module replacement, which needs the Electron runtime these machines do not have.)
 */
import { spawn, spawnSync } from 'node:child_process';
import { utimesSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { expect, signIn, test } from './support/fixtures';

const ROOT = join(import.meta.dirname, '../..');

/** Marks a source file as changed without changing it. */
const touch = (path: string): void => utimesSync(join(ROOT, path), new Date(), new Date());

test('npm run dev serves the console, rebuilds the renderer on change and restarts the host for main-process code', async ({
  page,
}) => {
  // Two watched builds start, then two rebuilds: minutes on a loaded machine are not unusual.
  test.setTimeout(300_000);
  const dataDir = await mkdtemp(join(tmpdir(), 'patchbay-dev-'));
  const dev = spawn(
    process.execPath,
    [
      join(ROOT, 'scripts/dev.ts'),
      '--web',
      '--port',
      '0',
      '--json',
      '--no-simulate',
      '--data-dir',
      dataDir,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines: string[] = [];
  if (!dev.stdout) throw new Error('npm run dev has no stdout');
  createInterface({ input: dev.stdout }).on('line', (line) => lines.push(line));
  const hosts = (): { origin: string; loginUrl: string }[] =>
    lines.filter((l) => l.startsWith('{"origin"')).map((l) => JSON.parse(l) as never);
  const waitFor = (what: () => boolean): Promise<void> =>
    expect.poll(what, { timeout: 120_000, intervals: [250] }).toBe(true);
  try {
    await waitFor(() => hosts().length === 1);
    const [first] = hosts();
    if (!first) throw new Error('no host');
    await signIn(page, first.loginUrl, first.origin);

    touch('src-renderer/lib/format.ts');
    await waitFor(() => lines.some((l) => l.includes('renderer rebuilt; reload the page')));
    await page.reload();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

    touch('src-main/host/access.ts');
    await waitFor(() => hosts().length === 2);
    const [, second] = hosts();
    if (!second) throw new Error('no second host');
    expect(second.loginUrl).not.toBe(first.loginUrl);
    await signIn(page, second.loginUrl, second.origin);
  } finally {
    const exited = new Promise((done) => dev.once('exit', done));
    dev.kill('SIGTERM');
    await exited;
    await rm(dataDir, { recursive: true, force: true });
    // The specs after this one run on the production build, as `npm run test:e2e` made it.
    const rebuilt = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'),
        'build',
        '--logLevel',
        'warn',
      ],
      { cwd: ROOT, stdio: 'inherit' },
    );
    expect(rebuilt.status).toBe(0);
  }
});
