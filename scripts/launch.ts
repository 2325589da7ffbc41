/**
 * What `npm start` (scripts/start.ts) and `npm run dev` (scripts/dev.ts) share: the flags answered
 * before anything is built, the Electron runtime if this machine has or can get it, and running a
 * child process in the foreground. Plain `node`: imports carry their `.ts` extension.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import {
  LAUNCH_USAGE,
  LaunchUsageError,
  parseLaunchOptions,
  type LaunchOptions,
} from '../src-main/launch-options.ts';

export const root = join(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

/** The flags, or `--help` / a refusal printed and the process ended, before any build. */
export function launchOptionsOrExit(args: readonly string[]): LaunchOptions {
  try {
    const options = parseLaunchOptions(args);
    if (options.help) {
      console.log(LAUNCH_USAGE);
      process.exit(0);
    }
    return options;
  } catch (error) {
    if (!(error instanceof LaunchUsageError)) throw error;
    console.error(`patchbay: ${error.message}\n\n${LAUNCH_USAGE}`);
    process.exit(2);
  }
}

/** The Electron binary if its runtime is on this machine (nothing is downloaded). */
export function installedElectron(): string | undefined {
  const pkg = dirname(require.resolve('electron/package.json'));
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

/** The Electron binary, fetched once if it is missing; undefined where it cannot be had. */
export function electronBinary(): string | undefined {
  const present = installedElectron();
  if (present) return present;
  // Electron 45 fetches its runtime lazily; try once, quietly, with a bound on time.
  const installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
  spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: 120_000 });
  return installedElectron();
}

export const NO_ELECTRON =
  'Patchbay: the Electron runtime is not available on this machine (it could not be downloaded); ' +
  'starting the web host instead — open the link below in a browser.';

/** The launcher's arguments as the web host takes them (it has no `--web`: it is the web). */
export const hostArgs = (args: readonly string[]): string[] => args.filter((a) => a !== '--web');

/** Runs a command to the end; a failure ends this process with its status. */
export function run(command: string, commandArgs: string[]): void {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Hands the terminal to a command: signals go to it, and its exit is ours. */
export function follow(command: string, commandArgs: string[], env = process.env): void {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals): void => void child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}
