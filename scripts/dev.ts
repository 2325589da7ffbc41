/**
 * `npm run dev`: Patchbay rebuilt as you edit, with the same flags as `npm start`.
 * - Where Electron runs: `electron-vite dev --watch` — the renderer from Vite's dev server with hot
 *   module replacement, main and preload rebuilt on change (Electron restarts for main).
 * - Where it does not (or with `--web`): the web host, built and run with node, serving a renderer
 *   that is rebuilt on every change (reload the page); a change to main-process code rebuilds and
 *   restarts the host, which prints a new sign-in link.
 *
 * Runs with plain `node` (Node 24 strips the types); imports carry their `.ts` extension.
 */
import { join } from 'node:path';
import {
  electronBinary,
  follow,
  hostArgs,
  launchOptionsOrExit,
  NO_ELECTRON,
  root,
} from './launch.ts';

const args = process.argv.slice(2);
const { web } = launchOptionsOrExit(args);

const binary = web ? undefined : electronBinary();
if (binary) {
  // electron-vite passes ELECTRON_CLI_ARGS to the Electron it starts (as `electron-vite dev -- …`).
  follow(
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'dev', '--watch'],
    {
      ...process.env,
      ELECTRON_CLI_ARGS: JSON.stringify(args),
    },
  );
} else {
  if (!web) console.log(NO_ELECTRON);
  // Loaded only here: `--help` and a bad flag answer before Vite is even loaded.
  const { webDev } = await import('./dev-web.ts');
  await webDev(hostArgs(args));
}
