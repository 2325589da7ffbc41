/**
 * `npm run local-api -- --port 3000 --seed demo --simulate [--data-dir DIR] …` — runs the local
 * WebRTC API standalone, prints its base URL, credentials and a curl example, and stops cleanly on
 * SIGINT/SIGTERM. Bad flags: a clear message and exit code 2. Bound to an address other than
 * loopback, it warns loudly on stderr. Everything it prints from outside (flags, ids, warnings) has
 * its control characters escaped.
 */
import { printable } from '../shared/text';
import { CLI_USAGE, CliUsageError, parseCliArgs } from './cli-options';
import type { CliOptions } from './cli-options';
import { isLoopbackAddress } from './loopback';
import { createLocalApi } from './server';
import type { LocalApi } from './server';

function readOptions(): CliOptions {
  try {
    return parseCliArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    console.error(`local-api: ${printable(error.message)}\n\n${CLI_USAGE}`);
    process.exit(2);
  }
}

function nonLoopbackWarning(options: CliOptions): string | undefined {
  if (options.host === 'localhost' || isLoopbackAddress(options.host)) return undefined;
  const lines = [
    '',
    '!'.repeat(78),
    `WARNING: listening on ${printable(options.host)}, not on loopback. Anyone who can reach this`,
    'address can call the WebRTC API with these credentials (the /_local control surface still',
    'answers loopback clients only).',
  ];
  if (options.passwordFrom === 'default') {
    lines.push(
      'The password is the documented default: set --password-file or PATCHBAY_LOCAL_API_PASSWORD.',
    );
  }
  lines.push('!'.repeat(78), '');
  return lines.join('\n');
}

function banner(api: LocalApi, options: CliOptions): string {
  const shownPassword =
    options.passwordFrom === 'default' || options.passwordFrom === '--password'
      ? api.password
      : undefined;
  const auth = `-u '${api.username}:${shownPassword ?? 'PASSWORD'}'`;
  const account = `${api.baseUrl}/accounts/${api.accountId}`;
  const firstSession = api.control.state().sessions[0]?.id;
  const example =
    firstSession === undefined
      ? `curl ${auth} -X POST -H 'Content-Type: application/json' -d '{"tag":"call-example"}' ${account}/sessions`
      : `curl ${auth} ${account}/sessions/${firstSession}/participants`;
  const state = options.dataDir === undefined ? 'in memory' : `${options.dataDir}/state.json`;
  const without = options.accountsWithoutWebRtc;
  return [
    'Patchbay local WebRTC API is running.',
    `  base URL:    ${api.baseUrl}`,
    `  account id:  ${api.accountId}`,
    `  username:    ${api.username}`,
    `  password:    ${shownPassword ?? `(from ${options.passwordFrom})`}`,
    `  seed:        ${options.seed}; simulation ${options.simulate ? `on (${options.pace} pace)` : 'off'}; state ${state}`,
    ...(without.length === 0 ? [] : [`  no WebRTC:   ${without.join(', ')} (answered 403)`]),
    `  control:     ${api.url}/_local/stats (loopback only)`,
    `  directory:   ${api.directory.url} (Authorization: Bearer ${api.directory.token})`,
    `  media:       devices connect to ${api.url.replace(/^http/, 'ws')}/v3/ (token from createParticipant); ` +
      `voices ${api.media.voices ? 'on' : 'off'}; counters at ${api.url}/_local/media`,
    '',
    'Try:',
    `  ${example}`,
    '',
    'Stop with Ctrl+C.',
  ]
    .map((line) => printable(line))
    .join('\n');
}

async function main(): Promise<void> {
  const options = readOptions();
  if (options.help) {
    console.log(CLI_USAGE);
    return;
  }
  const api = await createLocalApi({
    host: options.host,
    port: options.port,
    accountId: options.accountId,
    username: options.username,
    password: options.password,
    seed: options.seed,
    logger: options.log,
    accountsWithoutWebRtc: options.accountsWithoutWebRtc,
    ...(options.voices === undefined ? {} : { voices: options.voices }),
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.directoryToken === undefined ? {} : { directoryToken: options.directoryToken }),
    simulate: options.simulate
      ? {
          pace: options.pace,
          ...(options.tickMs === undefined ? {} : { tickMs: options.tickMs }),
          log: (line: string) => console.log(`[simulation] ${line}`),
        }
      : false,
  });
  for (const warning of api.warnings) console.error(`warning: ${printable(warning)}`);
  const exposed = nonLoopbackWarning(options);
  if (exposed !== undefined) console.error(exposed);
  console.log(banner(api, options));

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: stopping the local WebRTC API…`);
    api.close().then(
      () => process.exit(0),
      (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        console.error(`local-api: error while stopping: ${printable(reason)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  const message =
    code === 'EADDRINUSE'
      ? 'that port is already in use; pick another with --port (0 = any free port)'
      : error instanceof Error
        ? error.message
        : String(error);
  console.error(`local-api: could not start: ${printable(message)}`);
  process.exit(1);
});
