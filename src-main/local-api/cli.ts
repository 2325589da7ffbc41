/**
 * `npm run local-api -- --port 3000 --seed demo --simulate [--data-dir DIR] …` — runs the local
 * WebRTC API standalone, prints its base URL, credentials and a curl example, and stops cleanly on
 * SIGINT/SIGTERM. Bad flags: a clear message and exit code 2.
 */
import { CLI_USAGE, CliUsageError, parseCliArgs } from './cli-options';
import type { CliOptions } from './cli-options';
import { createLocalApi } from './server';
import type { LocalApi } from './server';

function readOptions(): CliOptions {
  try {
    return parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    console.error(`local-api: ${error.message}\n\n${CLI_USAGE}`);
    process.exit(2);
  }
}

function banner(api: LocalApi, options: CliOptions): string {
  const auth = `-u '${api.username}:${api.password}'`;
  const account = `${api.baseUrl}/accounts/${api.accountId}`;
  const firstSession = api.control.state().sessions[0]?.id;
  const example =
    firstSession === undefined
      ? `curl ${auth} -X POST -H 'Content-Type: application/json' -d '{"tag":"call-example"}' ${account}/sessions`
      : `curl ${auth} ${account}/sessions/${firstSession}/participants`;
  const state = options.dataDir === undefined ? 'in memory' : `${options.dataDir}/state.json`;
  return [
    'Patchbay local WebRTC API is running.',
    `  base URL:    ${api.baseUrl}`,
    `  account id:  ${api.accountId}`,
    `  username:    ${api.username}`,
    `  password:    ${api.password}`,
    `  seed:        ${options.seed}; simulation ${options.simulate ? 'on' : 'off'}; state ${state}`,
    `  control:     ${api.url}/_local/stats (loopback only)`,
    `  media:       devices connect to ${api.url.replace(/^http/, 'ws')}/v3/ (token from createParticipant); ` +
      `voices ${api.media.voices ? 'on' : 'off'}; counters at ${api.url}/_local/media`,
    '',
    'Try:',
    `  ${example}`,
    '',
    'Stop with Ctrl+C.',
  ].join('\n');
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
    ...(options.voices === undefined ? {} : { voices: options.voices }),
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    simulate: options.simulate
      ? {
          ...(options.tickMs === undefined ? {} : { tickMs: options.tickMs }),
          log: (line: string) => console.log(`[simulation] ${line}`),
        }
      : false,
  });
  for (const warning of api.warnings) console.error(`warning: ${warning}`);
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
        console.error('local-api: error while stopping:', error);
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
  console.error(`local-api: could not start: ${message}`);
  process.exit(1);
});
