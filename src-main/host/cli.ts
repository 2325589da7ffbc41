/**
 * `npm run start:web`: the console in a browser, for machines where Electron cannot run. Starts the
 * same services as the desktop app (local demo backend included) and serves the built renderer on
 * loopback. Prints the one-time sign-in link.
 */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { KeytarSecretStore } from '../credentials';
import { composeConsole } from '../services/compose';
import { SettingsStore } from '../settings';
import { printable } from '../shared/safe-text';
import { startWebHost } from './web-host';

const USAGE = `Usage: npm run start:web -- [flags]

  --port N          port on 127.0.0.1 (default 4780; 0 = any free port)
  --data-dir DIR    settings, audit log and timers (default ~/.config/Patchbay)
  --no-simulate     keep the demo calls still (no arrivals, endings or outside rewiring)
  --json            print one JSON line with the URLs (for scripts and tests)
  --help            show this text`;

function options(): { port: number; dataDir: string; simulate: boolean; json: boolean } {
  try {
    const { values } = parseArgs({
      options: {
        port: { type: 'string', default: '4780' },
        'data-dir': { type: 'string' },
        'no-simulate': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new Error(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
    }
    const base = process.env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config');
    return {
      port,
      dataDir: values['data-dir'] ?? join(base, 'Patchbay'),
      simulate: !values['no-simulate'],
      json: values.json,
    };
  } catch (error) {
    // The message quotes the arguments as typed: never let them drive the terminal.
    console.error(`patchbay web host: ${printable((error as Error).message)}\n\n${USAGE}`);
    process.exit(2);
  }
}

const o = options();
mkdirSync(o.dataDir, { recursive: true });
const composed = await composeConsole({
  dataDir: o.dataDir,
  settings: new SettingsStore({ cwd: o.dataDir }),
  secrets: new KeytarSecretStore(),
  localApi: { seed: 'demo', simulate: o.simulate },
});
const host = await startWebHost({
  rendererDir: join(import.meta.dirname, '../../out/renderer'),
  console: composed,
  port: o.port,
});
for (const warning of composed.localApi.warnings) {
  console.warn(`local API: ${printable(warning)}`);
}
if (o.json) {
  const { baseUrl, accountId, username, password } = composed.localApi;
  // JSON.stringify escapes control characters but not the bidi ones; `printable` writes those as
  // \uXXXX, which is still the same JSON.
  console.log(
    printable(
      JSON.stringify({
        origin: host.origin,
        loginUrl: host.loginUrl,
        dataDir: o.dataDir,
        localApi: { baseUrl, accountId, username, password },
      }),
      Number.MAX_SAFE_INTEGER,
    ),
  );
} else {
  console.log(
    `Patchbay is running. Open this link in a browser (it works once):\n  ${printable(host.loginUrl)}`,
  );
  console.log(
    `Local demo backend: ${printable(composed.localApi.baseUrl)} · settings in ${printable(o.dataDir)} · Ctrl+C stops.`,
  );
}

let closing = false;
const stop = (): void => {
  if (closing) return;
  closing = true;
  setTimeout(() => process.exit(0), 5_000).unref();
  void host
    .close()
    .then(() => composed.close())
    .finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
