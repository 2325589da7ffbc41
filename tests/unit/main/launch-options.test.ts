import { describe, expect, it } from 'vitest';
import {
  launchFlagsIn,
  LaunchUsageError,
  parseLaunchOptions,
} from '../../../src-main/launch-options';

describe('launch options (npm start / start:web)', () => {
  it('defaults: Electron first, web host on 4780, local API on any free port, simulation on at a realistic pace', () => {
    expect(parseLaunchOptions([])).toEqual({
      web: false,
      port: 4780,
      apiPort: 0,
      dataDir: undefined,
      simulate: true,
      pace: 'realistic',
      json: false,
      help: false,
    });
  });

  it('reads every flag', () => {
    const options = parseLaunchOptions([
      '--web',
      '--port',
      '0',
      '--api-port=4999',
      '--data-dir',
      '/tmp/x',
      '--no-simulate',
      '--pace',
      'fast',
      '--json',
    ]);
    expect(options).toMatchObject({
      web: true,
      port: 0,
      apiPort: 4999,
      dataDir: '/tmp/x',
      simulate: false,
      pace: 'fast',
      json: true,
    });
    expect(parseLaunchOptions(['-h']).help).toBe(true);
  });

  it.each([
    [['--api-port', '70000'], '--api-port must be a whole number from 0 to 65535, not "70000"'],
    [['--port', '-1'], /--port|argument/],
    [['--port', '12ab'], '--port must be a whole number from 0 to 65535, not "12ab"'],
    [['--data-dir', ' '], '--data-dir needs a folder'],
    [['--pace', 'slow'], '--pace must be "realistic" or "fast", not "slow"'],
    [['--bogus'], /Unknown option '--bogus'/],
    [['stray'], /positional/i],
  ])('refuses %j with a specific message', (argv, message) => {
    expect(() => parseLaunchOptions(argv)).toThrow(LaunchUsageError);
    expect(() => parseLaunchOptions(argv)).toThrow(message);
  });

  it("keeps only Patchbay's flags from Electron's argv", () => {
    expect(
      launchFlagsIn([
        '/app',
        '--no-sandbox',
        '--api-port',
        '5000',
        '--inspect=9229',
        '--data-dir=/d',
        '--no-simulate',
        '--pace',
        'fast',
      ]),
    ).toEqual(['--api-port', '5000', '--data-dir=/d', '--no-simulate', '--pace', 'fast']);
  });
});
