import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Entries are declared explicitly: electron-vite would otherwise look for src/main, src/preload and
// src/renderer. The preload is emitted as CommonJS because sandboxed preloads cannot load ES modules.
// The main build also emits the two Node programs, run with plain `node` (dependencies stay
// external, shared code lands in out/main/chunks): the web host's command line
// (out/main/web-host.js: `npm start` without Electron, `npm run start:web`, the e2e suite, the
// bench) and the standalone local API (out/main/local-api.js: `npm run local-api`).
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          main: resolve(import.meta.dirname, 'src-main/main.ts'),
          'web-host': resolve(import.meta.dirname, 'src-main/host/cli.ts'),
          'local-api': resolve(import.meta.dirname, 'src-main/local-api/cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: resolve(import.meta.dirname, 'src-main/preload/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src-renderer'),
    resolve: {
      alias: {
        $shared: resolve(import.meta.dirname, 'src-main/shared'),
        // Bandwidth's browser SDK imports Node's `events`; its own socket client already ships
        // eventemitter3, which has the same API (as tests/support/media/browser-device.ts does).
        events: 'eventemitter3',
      },
    },
    plugins: [svelte({ configFile: resolve(import.meta.dirname, 'svelte.config.js') })],
    build: {
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'src-renderer/index.html') },
      },
    },
  },
});
