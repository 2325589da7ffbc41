/**
 * The embedded Bandwidth-compatible WebRTC API: a Fastify server with the eleven operations under
 * /v1/accounts/{accountId}, the loopback-only control surface under /_local, optional persistence in
 * a data folder, the demo seed and the live simulation. `createLocalApi` starts one (on a free
 * loopback port by default) and `close()` stops it: simulation first, then HTTP, then a last write.
 *
 * Defaults: host 127.0.0.1, port 0 (free), account id 9900000, username "patchbay", password
 * "patchbay-local", seed "empty", no simulation, no request logging. With a data folder, a valid
 * state file wins over the seed (the seed only fills a fresh state).
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import {
  BODY_LIMIT_BYTES,
  installBasicAuth,
  installBodyParsers,
  installErrorHandling,
} from './bandwidth-http';
import type { Credentials } from './bandwidth-http';
import { createLocalControl, installRequestInterception, registerControlRoutes } from './control';
import type { LocalControl } from './control';
import { FaultInjector } from './faults';
import { MediaPlane } from './media/media-plane';
import type { MediaPlaneOptions } from './media/media-plane';
import { StateWriter, loadPersistedState } from './persistence';
import { registerBandwidthRoutes } from './routes';
import { demoSeed } from './seed';
import { startSimulation } from './simulate';
import type { Simulation, SimulationOptions } from './simulate';
import { Store } from './store';
import { generateTokenSecret, verifyParticipantToken } from './tokens';
import type { ParticipantTokenClaims } from './tokens';

export const LOCAL_API_DEFAULTS = {
  host: '127.0.0.1',
  port: 0,
  accountId: '9900000',
  username: 'patchbay',
  password: 'patchbay-local',
} as const;

export type SeedKind = 'demo' | 'empty';

export interface LocalApiOptions {
  host?: string;
  /** 0: a free port. */
  port?: number;
  accountId?: string;
  username?: string;
  password?: string;
  /** Persist state (and the token secret) to `<dataDir>/state.json`. Memory only when absent. */
  dataDir?: string;
  seed?: SeedKind;
  /** PRNG seed for the demo data (default seed.ts DEFAULT_DEMO_SEED). */
  demoSeed?: number;
  simulate?: boolean | SimulationOptions;
  /** Fastify's request logging (pino, to stdout). */
  logger?: boolean;
  /** Simulated voices (media plane); default on with the demo seed and the simulation. */
  voices?: boolean;
  /** The media plane's ICE choices (addresses, device limit, port range); see media/media-plane.ts. */
  media?: Omit<MediaPlaneOptions, 'voices'>;
}

export interface LocalApi {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `url + '/v1'`; every Bandwidth path continues with `/accounts/{accountId}`. */
  baseUrl: string;
  accountId: string;
  username: string;
  password: string;
  /** Problems met at start (e.g. a corrupt state file moved aside). */
  warnings: string[];
  control: LocalControl;
  /** The local media plane: device gateway at `/v3/`, forwarding unit, simulated voices. */
  media: MediaPlane;
  /** Verifies a participant token issued by this server and returns its claims. */
  verifyToken(token: string): Promise<ParticipantTokenClaims>;
  close(): Promise<void>;
}

export interface LocalApiAppDeps {
  store: Store;
  credentials: Credentials;
  tokenSecret: Uint8Array;
  logger?: boolean;
  media?: MediaPlaneOptions;
}

export interface LocalApiApp {
  app: FastifyInstance;
  control: LocalControl;
  faults: FaultInjector;
  media: MediaPlane;
}

/** The Fastify app alone, not listening (createLocalApi uses it; tests can pass their own store). */
export function buildLocalApiApp(deps: LocalApiAppDeps): LocalApiApp {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: () => randomUUID(),
    exposeHeadRoutes: false,
    forceCloseConnections: true,
  });
  const faults = new FaultInjector();
  // The media plane: its gateway takes WebSocket upgrades at /v3/ straight from the HTTP server, so
  // Fastify (and its request log) never sees a device URL or its token.
  const media = new MediaPlane(
    {
      accountId: deps.credentials.accountId,
      state: () => deps.store.snapshot(),
      verifyToken: (token) => verifyParticipantToken(token, deps.tokenSecret),
    },
    deps.media,
  );
  media.attach(app.server);
  // Before the server stops: open device sockets would otherwise keep it from closing.
  app.addHook('preClose', async () => media.close());
  const control = createLocalControl(deps.store, faults, () => media.view());
  installBodyParsers(app);
  installErrorHandling(app, deps.logger ?? false);
  installRequestInterception(app, control, faults);
  installBasicAuth(app, deps.credentials);
  registerBandwidthRoutes(app, {
    store: deps.store,
    accountId: deps.credentials.accountId,
    tokenSecret: deps.tokenSecret,
  });
  registerControlRoutes(app, control);
  app.addHook('preClose', async () => faults.releaseAll());
  return { app, control, faults, media };
}

function httpOrigin(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

export async function createLocalApi(options: LocalApiOptions = {}): Promise<LocalApi> {
  const credentials: Credentials = {
    accountId: options.accountId ?? LOCAL_API_DEFAULTS.accountId,
    username: options.username ?? LOCAL_API_DEFAULTS.username,
    password: options.password ?? LOCAL_API_DEFAULTS.password,
  };
  const host = options.host ?? LOCAL_API_DEFAULTS.host;
  const loaded =
    options.dataDir === undefined ? { warnings: [] } : await loadPersistedState(options.dataDir);
  const tokenSecret = loaded.data?.tokenSecret ?? generateTokenSecret();
  let writer: StateWriter | undefined;
  const plane: { media?: MediaPlane } = {};
  const store = new Store({
    state: loaded.data?.state,
    onChange: () => {
      writer?.schedule();
      plane.media?.storeChanged();
    },
  });
  if (loaded.data === undefined && options.seed === 'demo') {
    store.replace(demoSeed(options.demoSeed).state);
  }
  if (options.dataDir !== undefined) {
    writer = new StateWriter(options.dataDir, () => ({ state: store.snapshot(), tokenSecret }));
    writer.schedule();
  }

  const simulating = options.simulate !== undefined && options.simulate !== false;
  const built = buildLocalApiApp({
    store,
    credentials,
    tokenSecret,
    logger: options.logger ?? false,
    media: { ...options.media, voices: options.voices ?? (options.seed === 'demo' && simulating) },
  });
  const { app, control } = built;
  plane.media = built.media;
  try {
    await app.listen({ host, port: options.port ?? LOCAL_API_DEFAULTS.port });
  } catch (error) {
    await writer?.flush();
    throw error;
  }
  const url = httpOrigin(host, (app.server.address() as AddressInfo).port);
  const baseUrl = `${url}/v1`;

  let simulation: Simulation | undefined;
  if (options.simulate !== undefined && options.simulate !== false) {
    simulation = startSimulation(
      { baseUrl, ...credentials, sessionIds: store.sessionIds() },
      options.simulate === true ? {} : options.simulate,
    );
  }

  let closing: Promise<void> | undefined;
  return {
    url,
    baseUrl,
    ...credentials,
    warnings: [...loaded.warnings],
    control,
    media: built.media,
    verifyToken: (token) => verifyParticipantToken(token, tokenSecret),
    close(): Promise<void> {
      closing ??= (async (): Promise<void> => {
        await simulation?.stop();
        await app.close();
        await writer?.flush();
      })();
      return closing;
    },
  };
}
