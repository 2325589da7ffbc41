import { existsSync } from 'node:fs';

/**
 * Where Chromium comes from. Machines without internet cannot download Playwright's own browser,
 * so Debian's Chromium is used when it is installed; elsewhere Playwright's bundled browser is used.
 * The flags keep Chromium off the network (no background fetches, updates or sync) and let it run
 * as root in a container.
 */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export interface ChromiumLaunch {
  executablePath?: string;
  args: string[];
}

export function chromiumLaunchOptions(): ChromiumLaunch {
  const override = process.env['PATCHBAY_CHROMIUM'];
  if (override) return { executablePath: override, args: CHROMIUM_FLAGS };
  if (existsSync(DEBIAN_CHROMIUM)) return { executablePath: DEBIAN_CHROMIUM, args: CHROMIUM_FLAGS };
  return { args: CHROMIUM_FLAGS };
}
