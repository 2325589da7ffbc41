/**
 * The embedded Bandwidth-compatible WebRTC API: a Fastify server with the eleven operations under
 * /v1/accounts/{accountId}, the loopback-only control surface under /_local, optional persistence in
 * a data folder, the demo seed and the live simulation, and the demo contact center's call
 * directory feed under /directory/v1 (outside /v1; bearer token, random per run unless given; see
 * directory/routes.ts). `createLocalApi` starts one (on a free loopback port by default) and
 * `close()` stops it: simulation first, then HTTP, then a last write.
 *
 * Defaults: host 127.0.0.1, port 0 (free), account id 9900000, username "patchbay", password
 * "patchbay-local", seed "empty", no simulation, no request logging. With a data folder, a valid
 * state file wins over the seed (the seed only fills a fresh state).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DEMO_DIRECTORY_PATHS } from '../shared/dto/directory';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { WebRtcAccess, createAuthorizer, installBasicAuth } from './auth';
import type { Credentials } from './auth';
import {
  BODY_LIMIT_BYTES,
  MAX_PARAM_LENGTH,
  frameworkErrorHandler,
  installBodyParsers,
  installErrorHandling,
  installGatewayMiss,
} from './bandwidth-http';
import { createLocalControl, installRequestInterception, registerControlRoutes } from './control';
import type { LocalControl } from './control';
import { DemoDirectory } from './directory/register';
import { registerDirectoryRoutes } from './directory/routes';
import type { DirectoryRoutesOptions } from './directory/routes';
import { FaultInjector } from './faults';
import { loggerOptions } from './logging';
import type { RequestLogging } from './logging';
import { MediaPlane } from './media/media-plane';
import type { MediaPlaneOptions } from './media/media-plane';
import { StateWriter, loadPersistedState } from './persistence';
import { installHostCheck } from './request-guards';
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
  /** Fastify's request logging (pino JSON lines: `true` to stdout, or to a destination). */
  logger?: RequestLogging;
  /**
   * Accounts these credentials reach that have no WebRTC access: their calls answer 403. May name
   * the served account itself. Changeable later through `control.setWebRtcAccess`.
   */
  accountsWithoutWebRtc?: string[];
  /** Simulated voices (media plane); default on with the demo seed and the simulation. */
  voices?: boolean;
  /** The media plane's ICE choices (addresses, device limit, port range); see media/media-plane.ts. */
  media?: Omit<MediaPlaneOptions, 'voices'>;
  /** Bearer token of the demo's call directory feed (default: random per run). */
  directoryToken?: string;
}

/** The demo contact center's call directory feed (see directory/routes.ts). */
export interface LocalDirectoryFeed {
  /** `url + '/directory/v1/calls'` */
  url: string;
  /** Its Server-Sent Events variant. */
  eventsUrl: string;
  token: string;
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
  directory: LocalDirectoryFeed;
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
  logger?: RequestLogging;
  /** Default: every account but the served one is refused 401, the served one has access. */
  access?: WebRtcAccess;
  /** Serve the demo's call directory feed (and re-adopt its calls on a control reset). */
  directory?: DirectoryRoutesOptions;
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
  const access = deps.access ?? new WebRtcAccess(deps.credentials.accountId);
  const authorize = createAuthorizer(deps.credentials, access);
  const app = Fastify({
    logger: loggerOptions(deps.logger),
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: () => randomUUID(),
    exposeHeadRoutes: false,
    forceCloseConnections: true,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: frameworkErrorHandler(authorize),
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
  const control = createLocalControl({
    store: deps.store,
    faults,
    access,
    media: () => media.view(),
    onReset: () => deps.directory?.directory.reset(),
  });
  installBodyParsers(app);
  installErrorHandling(app, (deps.logger ?? false) !== false);
  installHostCheck(app);
  installRequestInterception(app, control, faults);
  installGatewayMiss(app);
  installBasicAuth(app, authorize);
  registerBandwidthRoutes(app, {
    store: deps.store,
    accountId: deps.credentials.accountId,
    tokenSecret: deps.tokenSecret,
  });
  registerControlRoutes(app, control);
  if (deps.directory) registerDirectoryRoutes(app, deps.directory);
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
      directory.changed();
      plane.media?.storeChanged();
    },
  });
  const directory = new DemoDirectory(store, { seed: options.demoSeed });
  if (loaded.data === undefined && options.seed === 'demo') {
    store.replace(demoSeed(options.demoSeed).state);
  }
  directory.adopt();
  const directoryToken = options.directoryToken ?? randomBytes(24).toString('base64url');
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
    access: new WebRtcAccess(credentials.accountId, options.accountsWithoutWebRtc),
    directory: { directory, token: directoryToken },
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
      { baseUrl, ...credentials, sessionIds: store.sessionIds(), directory },
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
    directory: {
      url: `${url}${DEMO_DIRECTORY_PATHS.calls}`,
      eventsUrl: `${url}${DEMO_DIRECTORY_PATHS.events}`,
      token: directoryToken,
    },
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
