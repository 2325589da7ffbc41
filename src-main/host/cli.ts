/**
 * The web host's process (`npm run start:web`, or `npm start` where Electron cannot run): the same
 * services as the desktop app, the built-in local backend included, serving the built renderer on
 * loopback. Prints the one-time sign-in link and the local API's base URL and credentials (to the
 * terminal only: they are never written to a file or a log).
 */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KeytarSecretStore } from '../credentials';
import { composeConsole } from '../compose';
import { SettingsStore } from '../settings';
import { LAUNCH_USAGE, LaunchUsageError, parseLaunchOptions } from '../launch-options';
import type { LaunchOptions } from '../launch-options';
import { printable } from '../shared/text';
import { startWebHost } from './web-host';

function options(): LaunchOptions {
  try {
    const parsed = parseLaunchOptions(process.argv.slice(2));
    if (parsed.help) {
      console.log(LAUNCH_USAGE);
      process.exit(0);
    }
    return parsed;
  } catch (error) {
    if (!(error instanceof LaunchUsageError)) throw error;
    // The message quotes the arguments as typed: never let them drive the terminal.
    console.error(`patchbay: ${printable(error.message)}\n\n${LAUNCH_USAGE}`);
    process.exit(2);
  }
}

const o = options();
const dataDir =
  o.dataDir ?? join(process.env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'Patchbay');
mkdirSync(dataDir, { recursive: true, mode: 0o700 });
const composed = await composeConsole({
  dataDir,
  settings: new SettingsStore({ cwd: dataDir }),
  secrets: new KeytarSecretStore(),
  localApi: { seed: 'demo', simulate: o.simulate && { pace: o.pace }, port: o.apiPort },
});
const host = await startWebHost({
  rendererDir: join(import.meta.dirname, '../../out/renderer'),
  console: composed,
  port: o.port,
  // After a sign-out or expiry (or near the time limit) the next link is printed here too.
  onSignInLink: (url) =>
    console.log(
      o.json ? JSON.stringify({ loginUrl: url }) : `New sign-in link (works once):\n  ${url}`,
    ),
});
for (const warning of composed.localApi.warnings) {
  console.warn(`local API: ${printable(warning)}`);
}
const { baseUrl, accountId, username, password } = composed.localApi;
if (o.json) {
  // JSON.stringify escapes control characters but not the bidi ones; `printable` writes those as
  // \uXXXX, which is still the same JSON.
  console.log(
    printable(
      JSON.stringify({
        origin: host.origin,
        loginUrl: host.loginUrl,
        dataDir,
        localApi: { baseUrl, accountId, username, password },
        directory: {
          url: composed.localApi.directory.url,
          token: composed.localApi.directory.token,
        },
      }),
      Number.MAX_SAFE_INTEGER,
    ),
  );
} else {
  console.log(
    [
      'Patchbay is running. Open this link in a browser (it works once):',
      `  ${host.loginUrl}`,
      '',
      'The built-in local WebRTC API (the Local demo profile), for curl while the console runs:',
      `  base URL:    ${baseUrl}`,
      `  account id:  ${accountId}`,
      `  username:    ${username}`,
      `  password:    ${password}    (new on every start; shown here only)`,
      `  try:         curl -u '${username}:${password}' ${baseUrl}/accounts/${accountId}/sessions/SESSION_ID/participants`,
      `  directory:   curl -H 'Authorization: Bearer ${composed.localApi.directory.token}' ${composed.localApi.directory.url}`,
      '',
      `Settings, audit log and timers: ${printable(dataDir)}. Ctrl+C stops.`,
    ].join('\n'),
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
