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
import { join } from 'node:path';
import {
  electronBinary,
  follow,
  hostArgs,
  launchOptionsOrExit,
  NO_ELECTRON,
  root,
  run,
} from './launch.ts';

const args = process.argv.slice(2);
const { web } = launchOptionsOrExit(args);

run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);

const binary = web ? undefined : electronBinary();
if (binary) {
  // The built renderer: a dev server named in the environment is `npm run dev`'s business only.
  const { ELECTRON_RENDERER_URL: _devServer, ...env } = process.env;
  follow(binary, [root, ...args], env);
} else {
  if (!web) console.log(NO_ELECTRON);
  follow(process.execPath, [join(root, 'out/main/web-host.js'), ...hostArgs(args)]);
}
