/**
 * The desktop app itself, through Playwright's Electron driver: the built app opens its window on
 * app://patchbay/, with the preload's bridge (exactly the committed surface) answering from main,
 * no Node or Electron in the page (context isolation, sandbox) and no navigating away. It runs wherever the Electron
 * runtime is installed; where it is not (machines without internet cannot download it, CI among
 * them) it says "not run: no Electron runtime" and is skipped, so it never counts as coverage there.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from '@playwright/test';
import { installedElectron } from '../../scripts/launch.ts';
import { ConsolePage } from './pages/console-page';
import { expect, test } from './support/fixtures';

const ROOT = join(import.meta.dirname, '../..');
const binary = installedElectron();
const headless = process.platform === 'linux' && !process.env['DISPLAY'];
const notRun =
  binary === undefined
    ? 'not run: no Electron runtime (node_modules/electron has no binary; it needs a download)'
    : headless
      ? 'not run: no display for the Electron window (set DISPLAY, e.g. with xvfb-run)'
      : undefined;

test('Electron: the built app opens the console on app://, bridged by the preload, with no Node in the page', async () => {
  if (notRun) console.log(notRun);
  test.skip(notRun !== undefined, notRun);
  const dataDir = await mkdtemp(join(tmpdir(), 'patchbay-electron-'));
  // The built renderer, whatever a developer's shell says about a dev server.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && entry[0] !== 'ELECTRON_RENDERER_URL',
    ),
  );
  const app = await electron.launch({
    executablePath: binary,
    args: [ROOT, '--data-dir', dataDir, '--no-simulate'],
    env,
  });
  try {
    const window = await app.firstWindow();
    await expect(new ConsolePage(window).heading).toBeVisible();
    expect(new URL(window.url()).origin + new URL(window.url()).pathname).toBe(
      'app://patchbay/index.html',
    );

    const page = await window.evaluate(() => {
      const g = globalThis as Record<string, unknown>;
      const bridge = (g['patchbay'] ?? {}) as Record<string, object>;
      return {
        globals: ['require', 'process', 'module', 'ipcRenderer', 'electron'].map(
          (name) => `${name}: ${typeof g[name]}`,
        ),
        surface: Object.entries(bridge)
          .flatMap(([domain, members]) => Object.keys(members).map((m) => `${domain}.${m}`))
          .sort(),
      };
    });
    expect(page.globals).toEqual([
      'require: undefined',
      'process: undefined',
      'module: undefined',
      'ipcRenderer: undefined',
      'electron: undefined',
    ]);
    const committed = readFileSync(
      join(ROOT, 'tests/unit/main/preload/surface.snapshot.txt'),
      'utf8',
    );
    expect(page.surface).toEqual(committed.trim().split('\n'));

    const listed = await window.evaluate(() =>
      (
        globalThis as unknown as { patchbay: { profiles: { list(i: object): Promise<unknown> } } }
      ).patchbay.profiles.list({}),
    );
    expect(listed).toMatchObject({ ok: true, value: { activeId: 'local-demo' } });

    // The window never navigates away from its document.
    await window.evaluate(() => void (location.href = 'https://example.com/'));
    await expect(new ConsolePage(window).heading).toBeVisible();
    expect(new URL(window.url()).protocol).toBe('app:');
  } finally {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
