/**
 * Command-line flags of `npm run local-api` (node:util parseArgs, strict), parsed into options.
 * Kept apart from cli.ts so that tests can check them without starting anything.
 *
 * The password comes from `--password`, `--password-file FILE` (its first line) or the environment
 * variable PATCHBAY_LOCAL_API_PASSWORD, in that order, else the documented default; the two flags
 * together are refused. A file or the environment keeps it out of the process list and the shell's
 * history.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { LOCAL_API_DEFAULTS } from './server';
import type { SeedKind } from './server';
import { isSimulationPace, PACES } from './simulate-pace';
import type { SimulationPace } from './simulate-pace';

const CLI_DEFAULT_PORT = 3000;
const PASSWORD_ENV = 'PATCHBAY_LOCAL_API_PASSWORD';

export type PasswordSource = 'default' | '--password' | '--password-file' | typeof PASSWORD_ENV;

export const CLI_USAGE = `Usage: npm run local-api -- [flags]

Starts Patchbay's local, Bandwidth-compatible WebRTC API.

  --port N             port to listen on (default ${CLI_DEFAULT_PORT}; 0 = any free port)
  --host ADDR          address to bind (default ${LOCAL_API_DEFAULTS.host})
  --seed demo|empty    start with the demo contact center or nothing (default empty)
  --simulate           make the demo live: calls come and go, routing changes
  --pace P             realistic (default: calls of 3-15 min, rare outside rewiring, now and then
                       a broken leg or a privacy leak) or fast (short calls, changes every tick)
  --tick-ms N          time between simulation steps (default ${PACES.realistic.tickMs} realistic, ${PACES.fast.tickMs} fast)
  --directory-token T  bearer token of the demo's call directory feed (default: random per run)
  --no-voices          no simulated voices (on by default with --seed demo --simulate)
  --data-dir DIR       keep state in DIR/state.json across restarts (default: memory only)
  --account-id ID      account id (default ${LOCAL_API_DEFAULTS.accountId})
  --username U         API username (default ${LOCAL_API_DEFAULTS.username})
  --password P         API password (default ${LOCAL_API_DEFAULTS.password}); better:
  --password-file F    read the API password from the first line of file F, or set
                       ${PASSWORD_ENV} in the environment
  --no-webrtc-account ID
                       answer 403 (no WebRTC access) for account ID; repeatable. The served
                       account itself, or another id these credentials then reach
  --log                log every request (JSON lines; token= query values redacted)
  --help               show this text`;

export interface CliOptions {
  help: boolean;
  port: number;
  host: string;
  seed: SeedKind;
  simulate: boolean;
  pace: SimulationPace;
  tickMs?: number;
  directoryToken?: string;
  dataDir?: string;
  accountId: string;
  username: string;
  password: string;
  /** Where the password came from (the banner shows it only when it was on the command line). */
  passwordFrom: PasswordSource;
  accountsWithoutWebRtc: string[];
  log: boolean;
  /** Present only with --no-voices (false); otherwise the server decides (demo + simulate). */
  voices?: false;
}

/** A bad command line; the message says what to fix. */
export class CliUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliUsageError';
  }
}

function integer(
  flag: string,
  text: string | undefined,
  min: number,
  max: number,
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new CliUsageError(
      `--${flag} must be a whole number from ${min} to ${max} (got "${text}")`,
    );
  }
  return value;
}

function nonEmpty(flag: string, text: string | undefined, fallback: string): string {
  if (text === undefined) return fallback;
  if (text.trim() === '') throw new CliUsageError(`--${flag} must not be empty`);
  return text;
}

function readPasswordFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CliUsageError(`--password-file: cannot read ${path} (${code})`);
  }
  const line = text.split(/\r?\n/)[0] ?? '';
  if (line.trim() === '') throw new CliUsageError(`--password-file: ${path} holds no password`);
  return line;
}

function password(
  flag: string | undefined,
  file: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): { password: string; passwordFrom: PasswordSource } {
  if (flag !== undefined && file !== undefined) {
    throw new CliUsageError('give either --password or --password-file, not both');
  }
  if (flag !== undefined)
    return { password: nonEmpty('password', flag, ''), passwordFrom: '--password' };
  if (file !== undefined) {
    return {
      password: readPasswordFile(nonEmpty('password-file', file, '')),
      passwordFrom: '--password-file',
    };
  }
  const fromEnv = env[PASSWORD_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.trim() === '') throw new CliUsageError(`${PASSWORD_ENV} must not be blank`);
    return { password: fromEnv, passwordFrom: PASSWORD_ENV };
  }
  return { password: LOCAL_API_DEFAULTS.password, passwordFrom: 'default' };
}

/** `env`: where PATCHBAY_LOCAL_API_PASSWORD is read (cli.ts passes process.env). */
export function parseCliArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        port: { type: 'string' },
        host: { type: 'string' },
        seed: { type: 'string' },
        simulate: { type: 'boolean' },
        pace: { type: 'string' },
        'tick-ms': { type: 'string' },
        'directory-token': { type: 'string' },
        'data-dir': { type: 'string' },
        'account-id': { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
        'password-file': { type: 'string' },
        'no-webrtc-account': { type: 'string', multiple: true },
        log: { type: 'boolean' },
        'no-voices': { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  const seed = values.seed ?? 'empty';
  if (seed !== 'demo' && seed !== 'empty') {
    throw new CliUsageError(`--seed must be "demo" or "empty" (got "${seed}")`);
  }
  const pace = values.pace ?? 'realistic';
  if (!isSimulationPace(pace)) {
    throw new CliUsageError(`--pace must be "realistic" or "fast" (got "${pace}")`);
  }
  const username = nonEmpty('username', values.username, LOCAL_API_DEFAULTS.username);
  if (username.includes(':')) throw new CliUsageError('--username must not contain ":"');
  const options: CliOptions = {
    help: values.help ?? false,
    port: integer('port', values.port, 0, 65535) ?? CLI_DEFAULT_PORT,
    host: nonEmpty('host', values.host, LOCAL_API_DEFAULTS.host),
    seed,
    simulate: values.simulate ?? false,
    pace,
    accountId: nonEmpty('account-id', values['account-id'], LOCAL_API_DEFAULTS.accountId),
    username,
    ...password(values.password, values['password-file'], env),
    accountsWithoutWebRtc: (values['no-webrtc-account'] ?? []).map((id) =>
      nonEmpty('no-webrtc-account', id, ''),
    ),
    log: values.log ?? false,
  };
  if (values['no-voices'] === true) options.voices = false;
  const tickMs = integer('tick-ms', values['tick-ms'], 10, 3_600_000);
  if (tickMs !== undefined) options.tickMs = tickMs;
  const token = values['directory-token'];
  if (token !== undefined) {
    if (!/^[\x21-\x7e]{16,512}$/.test(token)) {
      throw new CliUsageError(
        '--directory-token must be 16 to 512 printable characters without spaces',
      );
    }
    options.directoryToken = token;
  }
  if (values['data-dir'] !== undefined)
    options.dataDir = nonEmpty('data-dir', values['data-dir'], '');
  return options;
}
