import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ComposedConsole } from '../services/compose';
import { SECRET_QUERY, SESSION_COOKIE, WS_PATH } from '../shared/ws-protocol';
import { HostAccess } from './access';
import { SECURITY_HEADERS } from './security-headers';
import { attachBridge } from './ws-bridge';

export interface WebHostOptions {
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  console: ComposedConsole;
  /** Loopback only; 0 picks a free port. */
  port?: number;
}

export interface WebHost {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** The URL to open once: it carries the one-time secret. */
  loginUrl: string;
  close(): Promise<void>;
}

const NOT_SIGNED_IN = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Patchbay</title>
<body style="font-family:system-ui;max-width:40rem;margin:4rem auto;padding:0 1rem">
<h1>Patchbay</h1><p>This console only opens from the link its host printed when it started
(<code>npm run start:web</code>); that link carries a one-time secret. Restart the host for a new link.</p></body></html>`;

/**
 * The web host: the same main-process services, served to a browser on loopback. The built
 * renderer is served as static files; the bridge travels over one WebSocket carrying exactly the
 * preload's capabilities, through the same dispatcher.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const access = new HostAccess();
  const app: FastifyInstance = Fastify({
    logger: false,
    bodyLimit: 16 * 1024,
    forceCloseConnections: true,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyWebsocket, { options: { maxPayload: 256 * 1024 } });

  app.addHook('onRequest', async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    if (!access.hostAllowed(request.headers.host)) {
      return reply
        .code(421)
        .type('text/plain')
        .send('Refused: this host only answers on 127.0.0.1.');
    }
  });

  const signedIn = (request: FastifyRequest): boolean =>
    access.isSession(request.cookies[SESSION_COOKIE]);

  const index = await readFile(join(options.rendererDir, 'index.html'), 'utf8');
  const page = (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const secret = (request.query as Record<string, string | undefined>)[SECRET_QUERY];
    if (secret !== undefined) {
      const session = access.redeem(secret);
      if (!session) return reply.code(401).type('text/html').send(NOT_SIGNED_IN);
      reply.setCookie(SESSION_COOKIE, session, { path: '/', httpOnly: true, sameSite: 'strict' });
      return reply.redirect('/', 303);
    }
    if (!signedIn(request)) return reply.code(401).type('text/html').send(NOT_SIGNED_IN);
    return reply.type('text/html').send(index);
  };
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
        if (!signedIn(request)) return reply.code(401).send('Refused: not signed in.');
      },
    },
    (socket, request) => attachBridge(socket, options.console, request.headers.origin ?? ''),
  );

  await app.register(fastifyStatic, { root: options.rendererDir, index: false, wildcard: true });

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  access.setPort(port);
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    loginUrl: `${origin}/?${SECRET_QUERY}=${access.secret ?? ''}`,
    close: async () => {
      await app.close();
    },
  };
}
