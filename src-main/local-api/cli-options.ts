/**
 * Command-line flags of `npm run local-api` (node:util parseArgs, strict), parsed into options.
 * Kept apart from cli.ts so that tests can check them without starting anything.
 */
import { parseArgs } from 'node:util';
import { LOCAL_API_DEFAULTS } from './server';
import type { SeedKind } from './server';

export const CLI_DEFAULT_PORT = 3000;

export const CLI_USAGE = `Usage: npm run local-api -- [flags]

Starts Patchbay's local, Bandwidth-compatible WebRTC API.

  --port N             port to listen on (default ${CLI_DEFAULT_PORT}; 0 = any free port)
  --host ADDR          address to bind (default ${LOCAL_API_DEFAULTS.host})
  --seed demo|empty    start with the demo contact center or nothing (default empty)
  --simulate           make the demo live: calls come and go, routing changes
  --tick-ms N          time between simulation steps (default 3000)
  --no-voices          no simulated voices (on by default with --seed demo --simulate)
  --data-dir DIR       keep state in DIR/state.json across restarts (default: memory only)
  --account-id ID      account id (default ${LOCAL_API_DEFAULTS.accountId})
  --username U         API username (default ${LOCAL_API_DEFAULTS.username})
  --password P         API password (default ${LOCAL_API_DEFAULTS.password})
  --log                log every request (JSON lines)
  --help               show this text`;

export interface CliOptions {
  help: boolean;
  port: number;
  host: string;
  seed: SeedKind;
  simulate: boolean;
  tickMs?: number;
  dataDir?: string;
  accountId: string;
  username: string;
  password: string;
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

export function parseCliArgs(argv: readonly string[]): CliOptions {
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
        'tick-ms': { type: 'string' },
        'data-dir': { type: 'string' },
        'account-id': { type: 'string' },
        username: { type: 'string' },
        password: { type: 'string' },
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
  const username = nonEmpty('username', values.username, LOCAL_API_DEFAULTS.username);
  if (username.includes(':')) throw new CliUsageError('--username must not contain ":"');
  const options: CliOptions = {
    help: values.help ?? false,
    port: integer('port', values.port, 0, 65535) ?? CLI_DEFAULT_PORT,
    host: nonEmpty('host', values.host, LOCAL_API_DEFAULTS.host),
    seed,
    simulate: values.simulate ?? false,
    accountId: nonEmpty('account-id', values['account-id'], LOCAL_API_DEFAULTS.accountId),
    username,
    password: nonEmpty('password', values.password, LOCAL_API_DEFAULTS.password),
    log: values.log ?? false,
  };
  if (values['no-voices'] === true) options.voices = false;
  const tickMs = integer('tick-ms', values['tick-ms'], 10, 3_600_000);
  if (tickMs !== undefined) options.tickMs = tickMs;
  if (values['data-dir'] !== undefined)
    options.dataDir = nonEmpty('data-dir', values['data-dir'], '');
  return options;
}
