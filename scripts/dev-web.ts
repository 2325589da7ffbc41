/**
 * `npm run dev` where Electron cannot run: electron-vite's own main and renderer configurations
 * (electron.vite.config.ts), built in watch mode into out/, and the web host run from the build with
 * node. The renderer is built in development mode under fixed file names, so the index page the
 * host read at start keeps naming the files every rebuild writes: a reload shows the change. A
 * change to main-process code rebuilds the host, which is restarted (with a new sign-in link).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { resolveConfig } from 'electron-vite';
import { build, mergeConfig, type InlineConfig, type Plugin } from 'vite';
import { root } from './launch.ts';

/** Readable, unhashed output: the same names on every rebuild. */
const RENDERER_DEV: InlineConfig = {
  build: {
    minify: false,
    rolldownOptions: {
      output: {
        entryFileNames: 'assets/[name].js',
        chunkFileNames: 'assets/[name].js',
        assetFileNames: 'assets/[name][extname]',
      },
    },
  },
};

/**
 * Builds `config` in watch mode; resolves once the first build is written (rejects if it fails),
 * then calls `rebuilt` after every later one. Vite prints a failed rebuild and keeps watching.
 */
function watchBuild(config: InlineConfig, rebuilt: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let first = true;
    const plugin: Plugin = {
      name: 'patchbay:dev-watch',
      buildEnd(error) {
        if (error && first) reject(error);
      },
      closeBundle() {
        if (!first) return rebuilt();
        first = false;
        resolve();
      },
    };
    build(mergeConfig(config, { build: { watch: {} }, plugins: [plugin] })).catch(reject);
  });
}

/** The web host from the build, stopped and started again on demand; our signals stop it. */
function hostProcess(args: readonly string[]): { start(): void; restart(): Promise<void> } {
  let child: ChildProcess | undefined;
  let stopping = false;
  const { NODE_ENV: _mode, ...env } = process.env; // the host runs as `npm start` runs it
  const start = (): void => {
    child = spawn(process.execPath, [join(root, 'out/main/web-host.js'), ...args], {
      cwd: root,
      stdio: 'inherit',
      env,
    });
    child.on('exit', (code) => {
      if (stopping) process.exit(code ?? 0);
    });
  };
  const stop = async (): Promise<void> => {
    const running = child;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((done) => running.once('exit', done));
    running.kill('SIGTERM');
    await exited;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      stopping = true;
      if (!child || child.exitCode !== null) process.exit(0);
      child.kill(signal);
    });
  }
  return {
    start,
    restart: async () => {
      console.log('\npatchbay dev: main-process code rebuilt; restarting the web host…');
      await stop();
      if (!stopping) start();
    },
  };
}

export async function webDev(hostArgs: readonly string[]): Promise<void> {
  const { config } = await resolveConfig({ root, mode: 'development' }, 'build', 'development');
  const main = config?.main;
  const renderer = config?.renderer;
  if (!main || !renderer)
    throw new Error('electron.vite.config.ts must configure main and renderer');
  await watchBuild(mergeConfig(renderer, RENDERER_DEV), () =>
    console.log('\npatchbay dev: renderer rebuilt; reload the page to see it.'),
  );
  const host = hostProcess(hostArgs);
  await watchBuild(main, () => void host.restart());
  host.start();
}
