/**
 * A backend that echoes the credentials it was sent: a tiny HTTP server in front of a real local
 * API that forwards every request, except those matching an echo rule, which it answers with an
 * error body quoting the Authorization header, the decoded username and the bare password — the way
 * a careless API, a proxy's error page or a wrong base URL might. For the secret-hygiene suites.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the echo is written: the API's two JSON error shapes, a proxy's HTML page, plain text. */
export type EchoShape = 'json-error' | 'json-message' | 'html' | 'text';

export interface EchoRule {
  /** Default: any method. */
  method?: string;
  /** Matched against the request path (default: any). */
  path?: RegExp;
  status: number;
  shape: EchoShape;
  /** Answers to echo before the rule is used up (default: until cleared). */
  count?: number;
}

export interface EchoBackend {
  /** `http://127.0.0.1:PORT/v1`: give it as the account's base URL. */
  baseUrl: string;
  echo(rule: EchoRule): void;
  clear(): void;
  /** Answers that echoed credentials so far. */
  readonly echoed: number;
  /** Requests forwarded to the real API so far. */
  readonly forwarded: number;
  close(): Promise<void>;
}

function echoBody(shape: EchoShape, authorization: string): { type: string; body: string } {
  const token = authorization.replace(/^Basic\s+/i, '');
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  switch (shape) {
    case 'json-error':
      return {
        type: 'application/json',
        body: JSON.stringify({
          error: `Credentials ${user}:${password} refused; we got Authorization: ${authorization}`,
          requestId: `req-${password}`,
        }),
      };
    case 'json-message':
      return {
        type: 'application/json',
        body: JSON.stringify({ message: `${password} is not the password of ${user} (${token})` }),
      };
    case 'html':
      return {
        type: 'text/html',
        body:
          `<html><body><h1>502 Bad Gateway</h1><pre>upstream said no to\n` +
          `authorization: ${authorization}\nuser=${user} password=${password}</pre></body></html>`,
      };
    case 'text':
      return { type: 'text/plain', body: `bad login ${password} / ${authorization}` };
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startEchoBackend(target: { baseUrl: string }): Promise<EchoBackend> {
  const targetOrigin = new URL(target.baseUrl).origin;
  const rules: (EchoRule & { left: number })[] = [];
  const counts = { echoed: 0, forwarded: 0 };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', 'http://echo').pathname;
    const authorization = request.headers.authorization ?? '';
    const body = await readBody(request);
    const rule = rules.find(
      (r) =>
        r.left > 0 &&
        (r.method === undefined || r.method === method) &&
        (r.path === undefined || r.path.test(path)),
    );
    if (rule) {
      rule.left -= 1;
      counts.echoed += 1;
      const echo = echoBody(rule.shape, authorization);
      response.writeHead(rule.status, { 'content-type': echo.type }).end(echo.body);
      return;
    }
    counts.forwarded += 1;
    const answer = await fetch(`${targetOrigin}${request.url ?? '/'}`, {
      method,
      headers: {
        authorization,
        accept: request.headers.accept ?? '*/*',
        ...(request.headers['content-type']
          ? { 'content-type': request.headers['content-type'] }
          : {}),
      },
      ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
    });
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'retry-after', 'x-request-id']) {
      const value = answer.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    response.writeHead(answer.status, headers).end(Buffer.from(await answer.arrayBuffer()));
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(599).end(`echo backend failed: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    echo: (rule) => rules.push({ ...rule, left: rule.count ?? Infinity }),
    clear: () => void rules.splice(0),
    get echoed() {
      return counts.echoed;
    },
    get forwarded() {
      return counts.forwarded;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
