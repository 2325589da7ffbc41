/**
 * `npm test` runs this first: it checks what the tests need from the system and brings what it can
 * without asking anyone, or stops with one message listing the exact commands to run.
 *
 * Needed: a Chromium for Playwright (Debian's, `PATCHBAY_CHROMIUM`, or Playwright's own), D-Bus and
 * gnome-keyring for a private Secret Service, and a built keytar (an optional dependency: npm drops
 * it when it cannot be compiled, so bringing it back means installing its locked version again).
 *
 * Runs with plain `node` (Node 24 strips the types), before anything is built.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import {
  canInstallDebs,
  debsFor,
  KEYTAR_BUILD_DEBS,
  keytarInstallCommand,
  manualCommands,
  missingParts,
  type Findings,
  type Machine,
} from './prereqs-plan.ts';

const root = join(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));
const DEBIAN_CHROMIUM = '/usr/bin/chromium';

function log(message: string): void {
  console.log(`prereqs: ${message}`);
}

function onPath(command: string): boolean {
  return (process.env['PATH'] ?? '')
    .split(delimiter)
    .some((dir) => dir !== '' && existsSync(join(dir, command)));
}

function playwrightChromium(): string | undefined {
  try {
    const { chromium } = require('playwright-core') as { chromium: { executablePath(): string } };
    const path = chromium.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

function hasBrowser(): boolean {
  const override = process.env['PATCHBAY_CHROMIUM'];
  if (override) return existsSync(override);
  return existsSync(DEBIAN_CHROMIUM) || playwrightChromium() !== undefined;
}

/** keytar loads in a child process, so a crash in its native code cannot take this one down. */
function keytarLoads(): boolean {
  const probe = spawnSync(process.execPath, ['-e', "require('keytar')"], {
    cwd: root,
    stdio: 'ignore',
  });
  return probe.status === 0;
}

function inspect(): Findings {
  return {
    browser: hasBrowser(),
    dbus: onPath('dbus-run-session'),
    keyring: onPath('gnome-keyring-daemon'),
    keytar: keytarLoads(),
  };
}

function machine(): Machine {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages?: Record<string, { version?: string }>;
  };
  const keytarVersion = lock.packages?.['node_modules/keytar']?.version;
  if (keytarVersion === undefined) throw new Error('package-lock.json does not lock keytar');
  return {
    root: process.getuid?.() === 0,
    debianLike: onPath('apt-get') && onPath('dpkg-query'),
    keytarVersion,
  };
}

function run(command: string, args: string[], options: SpawnSyncOptions = {}): boolean {
  log(`running: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  return result.status === 0;
}

function debInstalled(deb: string): boolean {
  const status = spawnSync('dpkg-query', ['-W', '-f=${Status}', deb], { encoding: 'utf8' });
  return status.stdout?.includes('install ok installed') ?? false;
}

function main(): number {
  if (process.platform !== 'linux') {
    console.error(
      'prereqs: `npm test` runs on Linux: it starts a private D-Bus session and gnome-keyring so ' +
        'that the keychain tests never touch your own keychain. Here, run the parts that need ' +
        'none: `npm run typecheck && npm run lint && npm run test:unit`.',
    );
    return 1;
  }
  let found = inspect();
  if (missingParts(found).length === 0) return 0;
  log(`missing: ${missingParts(found).join(', ')}`);
  const m = machine();

  if (canInstallDebs(m)) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (run('apt-get', ['update', '-qq'], { env })) {
      run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...debsFor(found)], {
        env,
      });
    }
    found = inspect();
  }
  if (!found.browser) {
    // No system Chromium: Playwright's own browser, where there is internet to download it.
    run('npx', ['playwright', 'install', 'chromium'], { timeout: 600_000 });
    found = inspect();
  }
  const canBuildKeytar = m.debianLike ? KEYTAR_BUILD_DEBS.every(debInstalled) : true;
  if (!found.keytar && canBuildKeytar) {
    const [command = 'npm', ...args] = keytarInstallCommand(m);
    run(command, args);
    found = inspect();
  }

  const still = missingParts(found);
  if (still.length === 0) {
    log('everything the tests need is here');
    return 0;
  }
  console.error(
    [
      `prereqs: npm test cannot run yet; missing: ${still.join(', ')}.`,
      'Run these commands, then npm test again:',
      ...manualCommands(found, m).map((c) => `  ${c}`),
    ].join('\n'),
  );
  return 1;
}

process.exitCode = main();
