/**
 * Loads the renderer's state classes (`*.svelte.ts`, compiled by the Svelte plugin) into a unit
 * test. The root vitest config has no Svelte plugin, so runes would be undefined if the files were
 * imported directly; this compiles them through a private Vite server in SSR mode instead. With
 * `plugins: [svelte()]` in vitest.config.ts, tests could import the modules directly.
 */
import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { createServer, type ViteDevServer } from 'vite';
import type * as Busy from '../../../../src-renderer/lib/state/busy.svelte';
import type * as Participants from '../../../../src-renderer/lib/state/participants.svelte';
import type * as Preferences from '../../../../src-renderer/lib/state/preferences.svelte';
import type * as Profiles from '../../../../src-renderer/lib/state/profiles.svelte';
import type * as Sessions from '../../../../src-renderer/lib/state/sessions.svelte';
import type * as Toasts from '../../../../src-renderer/lib/state/toasts.svelte';

const ROOT = resolve(import.meta.dirname, '../../../..');
let server: Promise<ViteDevServer> | undefined;

function start(): Promise<ViteDevServer> {
  server ??= createServer({
    configFile: false,
    root: ROOT,
    logLevel: 'silent',
    appType: 'custom',
    plugins: [svelte({ configFile: resolve(ROOT, 'svelte.config.js') })],
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  return server;
}

/** `path` from the repository root, e.g. `src-renderer/lib/state/toasts.svelte.ts`. */
export async function loadSvelteModule<T>(path: string): Promise<T> {
  const vite = await start();
  return (await vite.ssrLoadModule(`/${path}`)) as T;
}

export async function closeSvelteModules(): Promise<void> {
  const running = server;
  server = undefined;
  if (running) await (await running).close();
}

export type StateModules = typeof Busy &
  typeof Toasts &
  typeof Profiles &
  typeof Sessions &
  typeof Participants &
  typeof Preferences;

/** Every state class, compiled once per test file. */
export async function loadStateModules(): Promise<StateModules> {
  const dir = 'src-renderer/lib/state';
  const modules = await Promise.all(
    ['busy', 'toasts', 'profiles', 'sessions', 'participants', 'preferences'].map((name) =>
      loadSvelteModule<object>(`${dir}/${name}.svelte.ts`),
    ),
  );
  return Object.assign({}, ...modules) as StateModules;
}
