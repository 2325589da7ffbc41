import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(import.meta.dirname, '../../..');
/** The web host as `npm start` runs it: the build's JavaScript under plain `node`. */
export const BUILT_HOST = join(ROOT, 'out/main/web-host.js');

export interface RunningHost {
  origin: string;
  /** One-time sign-in link. */
  loginUrl: string;
  /** Sign-in links the host printed later (after a sign-out, an expiry), oldest first. */
  links: string[];
  dataDir: string;
  localApi: { baseUrl: string; accountId: string; username: string; password: string };
  /** The Local demo's call directory feed and its bearer token. */
  directory: { url: string; token: string };
  stop(): Promise<void>;
}

/**
 * Starts the real web host (the built `out/main/web-host.js`, with `node`) as its own process with
 * a fresh data folder, on a free port, and waits for the JSON line it prints. Needs a build
 * (`electron-vite build`: the host and the renderer in `out/`).
 */
export interface StartHostOptions {
  simulate?: boolean;
  /** NODE_OPTIONS for the host process (e.g. `--import` a module hook). */
  nodeOptions?: string;
}

export async function startHost(options: StartHostOptions = {}): Promise<RunningHost> {
  if (!existsSync(BUILT_HOST)) {
    throw new Error(`${BUILT_HOST} is missing: run \`npx electron-vite build\` first`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'patchbay-e2e-'));
  const args = [BUILT_HOST, '--port', '0', '--data-dir', dataDir, '--json'];
  // A simulated contact center moves at the old fast pace in tests (realistic is the default).
  if (!options.simulate) args.push('--no-simulate');
  else args.push('--pace', 'fast');
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.nodeOptions === undefined
      ? {}
      : { env: { ...process.env, NODE_OPTIONS: options.nodeOptions } }),
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const links: string[] = [];
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start:\n${stderr}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`web host exited (${code}):\n${stderr}`)));
    if (!child.stdout) return reject(new Error('web host has no stdout'));
    let first = true;
    createInterface({ input: child.stdout }).on('line', (l) => {
      if (!first) {
        const link = /^\{"loginUrl":"([^"]+)"\}$/.exec(l)?.[1];
        if (link) links.push(link);
        return;
      }
      first = false;
      clearTimeout(timer);
      resolve(l);
    });
  });
  const info = JSON.parse(line) as Omit<RunningHost, 'stop' | 'links'>;
  return {
    ...info,
    links,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
