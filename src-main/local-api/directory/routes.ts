/**
 * The Local demo's call directory feed, on the local API's own port and outside `/v1` (it is the demo
 * contact center's backend speaking, not Bandwidth's API, and not in its OpenAPI description):
 *
 *   GET /directory/v1/calls          the snapshot (docs/directory-feed.schema.json), with an ETag;
 *                                    If-None-Match with the current one → 304
 *   GET /directory/v1/calls/events   Server-Sent Events: `event: snapshot` with the same JSON at
 *                                    once and on every change, a `:` heartbeat every 15 s
 *
 * Both need `Authorization: Bearer <token>` (401 otherwise) and pass the same local-only rule as
 * the control surface (`localOnlyRefusal`: loopback peer, own Host, no other origin or site; 403
 * otherwise) before anything else.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEMO_DIRECTORY_PATHS } from '../../shared/dto/directory';
import { localOnlyRefusal } from '../request-guards';
import type { DemoDirectory } from './register';

export interface DirectoryRoutesOptions {
  directory: DemoDirectory;
  token: string;
  /** Between two heartbeat comments on an event stream (default 15 000 ms). */
  heartbeatMs?: number;
}

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

function bearer(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1];
}

function refuse(reply: FastifyReply, status: number, message: string): FastifyReply {
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="patchbay-demo-directory"');
  return reply.code(status).type('application/json').send({ message });
}

/** True when If-None-Match names this ETag (a list, weak forms and `*` included). */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

export function registerDirectoryRoutes(
  app: FastifyInstance,
  options: DirectoryRoutesOptions,
): void {
  const { directory } = options;
  const expected = digest(options.token);
  const heartbeatMs = options.heartbeatMs ?? 15_000;

  const guard = async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const problem = localOnlyRefusal(request, 'The demo directory');
    if (problem !== undefined) return refuse(reply, 403, problem);
    const given = bearer(request.headers.authorization);
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      return refuse(
        reply,
        401,
        'The directory feed needs its bearer token (Authorization: Bearer …)',
      );
    }
    return undefined;
  };

  app.get(DEMO_DIRECTORY_PATHS.calls, { onRequest: guard }, async (request, reply) => {
    const feed = directory.feed();
    reply.header('etag', feed.etag).header('cache-control', 'no-cache');
    if (etagMatches(request.headers['if-none-match'], feed.etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(feed.body);
  });

  app.get(DEMO_DIRECTORY_PATHS.events, { onRequest: guard }, (request, reply) => {
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (): void => {
      out.write(`event: snapshot\ndata: ${directory.feed().body}\n\n`);
    };
    out.write('retry: 2000\n\n');
    send();
    const unsubscribe = directory.onChange(send);
    const heartbeat = setInterval(() => out.write(': heartbeat\n\n'), heartbeatMs);
    out.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
}
