/**
 * A web host over the built renderer whose Local demo has a media plane that a test browser can
 * reach: simulated voices on, ICE on loopback only (the other e2e suites start the built host with
 * the simulation off, hence no voices). In the test's own process, so the spec reads the local
 * API's `/_local/media` counters directly.
 */
import { join } from 'node:path';
import { startWebHost } from '../../../src-main/host/web-host';
import type { LocalApi } from '../../../src-main/local-api';
import { startConsole } from '../../support/reliability/console';
import type { DirectoryFeed } from './directory';

const ROOT = join(import.meta.dirname, '../../..');

export interface MediaHost {
  origin: string;
  loginUrl: string;
  localApi: LocalApi;
  directory: DirectoryFeed;
  stop(): Promise<void>;
}

export async function startMediaHost(): Promise<MediaHost> {
  const c = await startConsole({
    localApi: { seed: 'demo', voices: true, media: { addresses: 'loopback' } },
  });
  const host = await startWebHost({
    rendererDir: join(ROOT, 'out/renderer'),
    console: c.composed,
    port: 0,
    onSignInLink: () => undefined,
  });
  const localApi = c.composed.localApi;
  return {
    origin: host.origin,
    loginUrl: host.loginUrl,
    localApi,
    directory: { url: localApi.directory.url, token: localApi.directory.token },
    stop: async () => {
      await host.close();
      await c.close();
    },
  };
}
