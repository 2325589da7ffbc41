/**
 * The flags of `npm start`, `npm run start:web` and `npm run dev`, parsed once by the launcher
 * (before anything is built, so `--help` answers at once) and again by the process it starts. No
 * imports but `node:` ones and explicit `.ts` paths: the launcher runs this file with plain `node`.
 */
import { parseArgs } from 'node:util';

export interface LaunchOptions {
  /** Skip Electron and serve the console to a browser. */
  web: boolean;
  /** The web host's port on 127.0.0.1 (0 = any free port). */
  port: number;
  /** The built-in local WebRTC API's port on 127.0.0.1 (0 = any free port). */
  apiPort: number;
  /** Settings, audit log and timers; undefined = the platform's default. */
  dataDir: string | undefined;
  simulate: boolean;
  /** The demo's pace: realistic (default) or fast (tests, quick demos). */
  pace: 'realistic' | 'fast';
  /** One JSON line with the URLs and credentials instead of the banner (scripts and tests). */
  json: boolean;
  help: boolean;
}

export const LAUNCH_USAGE = `Usage: npm start -- [flags]        (npm run start:web -- [flags] skips Electron)
       npm run dev -- [flags]      the same, rebuilt as you edit

  --web             serve the console to a browser instead of opening the Electron window
  --port N          the web host's port on 127.0.0.1 (default 4780; 0 = any free port)
  --api-port N      the built-in local WebRTC API's port on 127.0.0.1 (default 0 = any free port)
  --data-dir DIR    settings, audit log and timers (default: the platform's app data folder)
  --no-simulate     keep the demo calls still (no arrivals, endings or outside rewiring)
  --pace P          the demo's pace: realistic (default: calls of 3-15 minutes, rare outside
                    changes, now and then a broken leg or a privacy leak) or fast (tests, demos)
  --json            print one JSON line with the URLs and credentials (web host; for scripts)
  --help            show this text

The terminal shows the sign-in link, and the local API's base URL and credentials so that you can
drive the demo with curl while the console runs (the password is new on every start).`;

export class LaunchUsageError extends Error {
  override readonly name = 'LaunchUsageError';
}

function portFlag(flag: string, value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(port) || port > 65535) {
    throw new LaunchUsageError(`${flag} must be a whole number from 0 to 65535, not "${value}"`);
  }
  return port;
}

/** Parses the flags; throws LaunchUsageError with a specific message on anything unknown or bad. */
export function parseLaunchOptions(argv: readonly string[]): LaunchOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        web: { type: 'boolean', default: false },
        port: { type: 'string', default: '4780' },
        'api-port': { type: 'string', default: '0' },
        'data-dir': { type: 'string' },
        'no-simulate': { type: 'boolean', default: false },
        pace: { type: 'string', default: 'realistic' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new LaunchUsageError((error as Error).message);
  }
  const dataDir = values['data-dir'];
  if (dataDir !== undefined && dataDir.trim() === '') {
    throw new LaunchUsageError('--data-dir needs a folder');
  }
  const pace = values.pace;
  if (pace !== 'realistic' && pace !== 'fast') {
    throw new LaunchUsageError(`--pace must be "realistic" or "fast", not "${pace}"`);
  }
  return {
    web: values.web,
    port: portFlag('--port', values.port),
    apiPort: portFlag('--api-port', values['api-port']),
    dataDir,
    simulate: !values['no-simulate'],
    pace,
    json: values.json,
    help: values.help,
  };
}

/** Electron passes its own switches (and the app path) too: keep only the flags above. */
export function launchFlagsIn(argv: readonly string[]): string[] {
  const withValue = new Set(['--port', '--api-port', '--data-dir', '--pace']);
  const bare = new Set(['--web', '--no-simulate', '--json', '--help', '-h']);
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const name = arg.split('=')[0] ?? arg;
    if (bare.has(arg)) kept.push(arg);
    else if (withValue.has(name)) {
      if (arg.includes('=')) kept.push(arg);
      else if (i + 1 < argv.length) kept.push(arg, argv[++i] ?? '');
    }
  }
  return kept;
}
