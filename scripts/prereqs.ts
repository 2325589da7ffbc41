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

const root = join(import.meta.dirname, '..');
const require = createRequire(join(root, 'package.json'));
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
/** What keytar needs to compile, and what the private keychain needs to run. */
const BUILD_DEBS = ['libsecret-1-dev', 'python3', 'make', 'g++'];

interface Findings {
  browser: boolean;
  dbus: boolean;
  keyring: boolean;
  keytar: boolean;
}

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

function missingParts(f: Findings): string[] {
  const parts: string[] = [];
  if (!f.browser) parts.push('a Chromium browser');
  if (!f.dbus) parts.push('D-Bus (dbus-run-session)');
  if (!f.keyring) parts.push('gnome-keyring');
  if (!f.keytar) parts.push('a built keytar (the OS keychain module)');
  return parts;
}

function lockedKeytarVersion(): string {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages?: Record<string, { version?: string }>;
  };
  return lock.packages?.['node_modules/keytar']?.version ?? '7.9.0';
}

function run(command: string, args: string[], options: SpawnSyncOptions = {}): boolean {
  log(`running: ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  return result.status === 0;
}

function isDebianLike(): boolean {
  return onPath('apt-get') && onPath('dpkg-query');
}

function debsFor(f: Findings): string[] {
  const debs: string[] = [];
  if (!f.browser) debs.push('chromium');
  if (!f.dbus) debs.push('dbus');
  if (!f.keyring) debs.push('gnome-keyring');
  if (!f.keytar) debs.push(...BUILD_DEBS);
  return debs;
}

function reinstallKeytar(): boolean {
  // --no-save keeps package.json and the lockfile as they are: the version is the locked one.
  return run('npm', [
    'install',
    '--no-save',
    '--no-audit',
    '--no-fund',
    `keytar@${lockedKeytarVersion()}`,
  ]);
}

/** What a person has to type, for the message when this script cannot do it alone. */
function manualCommands(f: Findings): string[] {
  const commands: string[] = [];
  const debs = debsFor(f);
  if (process.platform === 'linux' && debs.length > 0) {
    const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
    commands.push(`${sudo}apt-get update && ${sudo}apt-get install -y ${debs.join(' ')}`);
    commands.push(
      '  (other distributions: chromium, dbus, gnome-keyring and the libsecret development files, ' +
        'python3, make and a C++ compiler from their package manager)',
    );
  }
  if (!f.browser) commands.push('or, with internet access: npx playwright install chromium');
  if (!f.keytar) commands.push(`npm install --no-save keytar@${lockedKeytarVersion()}`);
  return commands;
}

function main(): number {
  if (process.platform !== 'linux') {
    console.error(
      'prereqs: `npm test` runs on Linux (it starts a private D-Bus session and gnome-keyring so the ' +
        'keychain tests never touch your own). On this system run the parts that need no keychain: `npm run typecheck && npm run lint && npm run test:unit`.',
    );
    return 1;
  }
  let found = inspect();
  if (missingParts(found).length === 0) return 0;
  log(`missing: ${missingParts(found).join(', ')}`);

  const root_ = process.getuid?.() === 0;
  if (root_ && isDebianLike()) {
    const debs = debsFor(found);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (run('apt-get', ['update', '-qq'], { env })) {
      run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...debs], { env });
    }
    found = inspect();
  }
  if (!found.browser) {
    // No system Chromium: Playwright's own browser, where there is internet to download it.
    run('npx', ['playwright', 'install', 'chromium'], { timeout: 600_000 });
    found = inspect();
  }
  if (!found.keytar && BUILD_DEBS.every(isInstalled)) {
    reinstallKeytar();
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
      ...manualCommands(found).map((c) => `  ${c}`),
    ].join('\n'),
  );
  return 1;
}

function isInstalled(deb: string): boolean {
  if (!onPath('dpkg-query')) return deb === 'python3' ? onPath('python3') : true;
  const status = spawnSync('dpkg-query', ['-W', '-f=${Status}', deb], { encoding: 'utf8' });
  return status.stdout.includes('install ok installed');
}

process.exitCode = main();
