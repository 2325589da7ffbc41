import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WebSocket } from 'ws';
import type { ComposedConsole } from '../compose';
import { CLOSE_CODES, MAX_FRAME_BYTES, signInLink, WS_PATH } from '../shared/ws-protocol';
import { HostAccess } from './access';
import { systemClock, type Clock } from './clock';
import { securityHeaders } from '../shared/security-policy';
import { sessionLimits, type SessionLimits } from './session-limits';
import { SessionRegistry } from './sessions';
import { attachBridge } from './ws-bridge';

export interface WebHostOptions {
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  console: Pick<ComposedConsole, 'dispatch' | 'events' | 'deviceGateways'>;
  /** Loopback only; 0 picks a free port. */
  port?: number;
  /** Session limits; the defaults are 30 minutes idle, 12 hours absolute, 4 sockets per session. */
  sessions?: Partial<SessionLimits>;
  /** Tests drive time by hand. */
  clock?: Clock;
  /**
   * A fresh printed sign-in link, issued when a session ends or nears its absolute limit and the
   * last printed link has been used: whoever runs the host prints it where the first one went.
   */
  onSignInLink?: (url: string) => void;
}

export interface WebHost {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** The link to open once: `origin/#secret=…` (the secret rides in the fragment, never sent). */
  loginUrl: string;
  close(): Promise<void>;
}

/**
 * The web host: the same main-process services, served to a browser on loopback. The built
 * renderer is served as static files to any page on our own Host (it holds nothing secret); the
 * bridge travels over one WebSocket per page carrying exactly the preload's capabilities, through
 * the same dispatcher, once the page has signed in on it (sessions.ts). No cookie is ever set.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const access = new HostAccess();
  const limits = sessionLimits(options.sessions);
  const clock = options.clock ?? systemClock;
  let origin = '';
  const announce = (): void => {
    const secret = sessions.issuePrintedSecret();
    if (secret !== null) options.onSignInLink?.(signInLink(origin, secret));
  };
  const sessions: SessionRegistry = new SessionRegistry(limits, clock, {
    ended: announce,
    expiring: announce,
  });
  const open = new Set<WebSocket>();
  const app: FastifyInstance = Fastify({
    logger: false,
    bodyLimit: 16 * 1024,
    forceCloseConnections: true,
  });
  await app.register(fastifyWebsocket, { options: { maxPayload: MAX_FRAME_BYTES } });

  app.addHook('onRequest', async (request, reply) => {
    // Built per response: a device gateway configured since the last page load is allowed on the next.
    reply.headers(securityHeaders(options.console.deviceGateways()));
    if (!access.hostAllowed(request.headers.host)) {
      return reply
        .code(421)
        .type('text/plain')
        .send('Refused: this host only answers on 127.0.0.1.');
    }
  });

  const index = await readFile(join(options.rendererDir, 'index.html'), 'utf8');
  const page = (_request: unknown, reply: FastifyReply): FastifyReply =>
    reply.type('text/html').send(index);
  app.get('/', page);
  app.get('/index.html', page);

  app.get(
    WS_PATH,
    {
      websocket: true,
      preValidation: async (request, reply) => {
        if (!access.originAllowed(request.headers.origin)) {
          return reply.code(403).send('Refused: wrong origin.');
        }
      },
    },
    (socket, request) =>
      attachBridge(socket, request.headers.origin ?? '', {
        composed: options.console,
        sessions,
        clock,
        signInMs: limits.signInMs,
        open,
      }),
  );

  await app.register(fastifyStatic, { root: options.rendererDir, index: false, wildcard: true });

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  access.setPort(port);
  origin = `http://127.0.0.1:${port}`;
  const secret = sessions.issuePrintedSecret();
  if (secret === null) throw new Error('web host: a new host cannot have a used sign-in link');
  let closed: Promise<void> | undefined;
  return {
    origin,
    loginUrl: signInLink(origin, secret),
    close: () =>
      (closed ??= (async () => {
        sessions.close();
        for (const socket of open) socket.close(CLOSE_CODES.hostStopping, 'host stopping');
        await app.close();
      })()),
  };
}
