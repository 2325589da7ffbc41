import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Two projects. `unit`: pure code (shared, main, renderer helpers and the renderer's state classes,
// compiled by the Svelte plugin) — no D-Bus, no keychain, no network beyond loopback, any OS
// (`npm run test:unit`). `integration`: real parts — the local API over HTTP, the keychain through
// keytar in a private D-Bus session, child processes (`npm run test:integration`, inside
// tests/support/with-keyring.sh). The state classes run in Node: they hold no DOM, and the Svelte
// plugin compiles their runes for it.
export default defineConfig({
  plugins: [svelte({ configFile: resolve(import.meta.dirname, 'svelte.config.js') })],
  resolve: { alias: { $shared: resolve(import.meta.dirname, 'src-main/shared') } },
  test: {
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          // No session bus: a unit test that reached for the keychain would fail here rather than
          // touch the developer's own keychain.
          env: {
            DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/patchbay-unit-tests-have-no-bus',
          },
        },
      },
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'] } },
    ],
  },
});
