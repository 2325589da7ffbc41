/**
 * `npm start` and `npm run start:web`: parse the flags first (so `--help` and a bad flag answer at
 * once, before anything is built), build, then open Patchbay in Electron on the built-in local
 * backend. Where the Electron runtime cannot be obtained (machines without internet cannot
 * download it), say so in one line and start the web host instead. `--web` goes straight there.
 * Either way what runs is the build's JavaScript: out/main/main.js in Electron, or
 * out/main/web-host.js with this same `node`.
 *
 * Runs with plain `node` (Node 24 strips the types); imports carry their `.ts` extension.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { LAUNCH_USAGE, LaunchUsageError, parseLaunchOptions } from '../src-main/launch-options.ts';

const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

try {
  if (parseLaunchOptions(args).help) {
    console.log(LAUNCH_USAGE);
    process.exit(0);
  }
} catch (error) {
  if (!(error instanceof LaunchUsageError)) throw error;
  console.error(`patchbay: ${error.message}\n\n${LAUNCH_USAGE}`);
  process.exit(2);
}
const web = parseLaunchOptions(args).web;

function electronBinary(): string | undefined {
  const pkg = dirname(require.resolve('electron/package.json'));
  const pathFile = join(pkg, 'path.txt');
  const resolveBinary = (): string | undefined => {
    if (!existsSync(pathFile)) return undefined;
    const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : undefined;
  };
  const present = resolveBinary();
  if (present) return present;
  // Electron 45 fetches its runtime lazily; try once, quietly, with a bound on time.
  spawnSync(process.execPath, [join(pkg, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
  return resolveBinary();
}

function run(command: string, commandArgs: string[]): void {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function follow(command: string, commandArgs: string[]): void {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);

const binary = web ? undefined : electronBinary();
if (binary) {
  follow(binary, [root, ...args]);
} else {
  if (!web) {
    console.log(
      'Patchbay: the Electron runtime is not available on this machine (it could not be downloaded); ' +
        'starting the web host instead — open the link below in a browser.',
    );
  }
  follow(process.execPath, [
    join(root, 'out/main/web-host.js'),
    ...args.filter((a) => a !== '--web'),
  ]);
}
