/**
 * Raw HTTP requests for fuzzing the local API (node:http, so any method token, header and body can
 * be sent, unlike fetch), and the arbitraries for them: methods, paths built from the real route
 * templates with hostile segments, Authorization headers, content types, sizes, malformed JSON.
 */
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { deeplyNested, hostileValue } from './hostile';
import { basicAuth } from '../local-api-client';

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer | undefined;
}

export interface RawResponse {
  /** 0: no HTTP answer (the connection failed or was closed). */
  status: number;
  body: string;
  error?: string;
}

/** Sends one request; never throws (a request node refuses to send answers status -1). */
export function send(origin: string, r: RawRequest, timeoutMs = 5_000): Promise<RawResponse> {
  return new Promise((resolve) => {
    const url = new URL(origin);
    // A body always travels with its framing (node sends none for a GET or HEAD body by itself,
    // which would make the body bytes look like a second, garbage request).
    const headers = { ...r.headers };
    if (r.body !== undefined && headers['transfer-encoding'] === undefined) {
      headers['content-length'] = String(r.body.length);
    }
    let req: ReturnType<typeof httpRequest>;
    try {
      req = httpRequest({
        host: url.hostname,
        port: url.port,
        method: r.method,
        path: r.path,
        headers,
        timeout: timeoutMs,
        agent: false,
      });
    } catch (error) {
      resolve({ status: -1, body: '', error: (error as Error).message });
      return;
    }
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', (e) => resolve({ status: 0, body: '', error: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: 0, body: '', error: e.message }));
    try {
      req.end(r.body);
    } catch (error) {
      resolve({ status: -1, body: '', error: (error as Error).message });
    }
  });
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND'];

function segment(real: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...(real.length > 0 ? real : ['x'])) },
    fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/),
    fc.constantFrom(
      '..',
      '%2e%2e',
      '%2F',
      '%00',
      '%',
      '%zz',
      '%E0%A4%A',
      'a'.repeat(300),
      '__proto__',
      'constructor',
      ';',
      '~',
      '%F0%9F%98%80',
    ),
    fc.string({ maxLength: 20 }).map((s) => encodeURIComponent(s)),
  );
}

export interface PathPools {
  accountId: string;
  sessions: readonly string[];
  participants: readonly string[];
}

export function pathArb(p: PathPools): fc.Arbitrary<string> {
  const acct = fc.oneof({ weight: 4, arbitrary: fc.constant(p.accountId) }, segment([]));
  const s = segment(p.sessions);
  const q = segment(p.participants);
  const query = fc.oneof(
    { weight: 4, arbitrary: fc.constant('') },
    fc.constantFrom('?a=1', '?__proto__[x]=1', '?a=%', `?${'q'.repeat(2_000)}`, '#frag'),
  );
  const route = fc.oneof(
    acct.map((a) => `/v1/accounts/${a}/participants`),
    fc.tuple(acct, q).map(([a, x]) => `/v1/accounts/${a}/participants/${x}`),
    acct.map((a) => `/v1/accounts/${a}/sessions`),
    fc.tuple(acct, s).map(([a, x]) => `/v1/accounts/${a}/sessions/${x}`),
    fc.tuple(acct, s).map(([a, x]) => `/v1/accounts/${a}/sessions/${x}/participants`),
    fc.tuple(acct, s, q).map(([a, x, y]) => `/v1/accounts/${a}/sessions/${x}/participants/${y}`),
    fc
      .tuple(acct, s, q)
      .map(([a, x, y]) => `/v1/accounts/${a}/sessions/${x}/participants/${y}/subscriptions`),
    fc.array(segment([]), { maxLength: 8 }).map((parts) => `/${parts.join('/')}`),
    fc.constantFrom('/', '//', '/v1', '/v1/', '/v1/accounts', '/_local', '/_local/state', '*'),
  );
  return fc.tuple(route, query).map(([r, qs]) => `${r}${qs}`);
}

export function headersArb(good: {
  username: string;
  password: string;
}): fc.Arbitrary<Record<string, string>> {
  const auth = fc.oneof(
    { weight: 5, arbitrary: fc.constant(basicAuth(good.username, good.password)) },
    fc.constant(''),
    fc.tuple(fc.string(), fc.string()).map(([u, p]) => basicAuth(u, p)),
    fc.constantFrom('Basic', 'Basic !!!', 'Bearer x', 'basic ' + 'A'.repeat(8_000), 'Basic Og=='),
    fc.base64String({ maxLength: 64 }).map((b) => `Basic ${b}`),
  );
  const type = fc.oneof(
    { weight: 4, arbitrary: fc.constant('application/json') },
    fc.constantFrom(
      'text/plain',
      'application/json; charset=utf-16',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json\u0000',
      'APPLICATION/JSON',
      '',
      '*/*',
      'application/merge-patch+json',
    ),
  );
  return fc.record(
    {
      authorization: auth,
      'content-type': type,
      accept: fc.constantFrom('application/json', '*/*', 'text/html'),
      'x-request-id': fc.string({ maxLength: 40 }),
      'transfer-encoding': fc.constant('chunked'),
    },
    { requiredKeys: [] },
  );
}

/** Bodies: valid-looking JSON, random JSON, malformed JSON, huge, deep, binary, empty. */
export function bodyArb(pools: PathPools): fc.Arbitrary<Buffer | undefined> {
  const id = fc.constantFrom(...(pools.participants.length > 0 ? pools.participants : ['x']));
  const subscriptions = fc.record(
    {
      sessionId: fc.oneof(
        fc.constantFrom(...(pools.sessions.length ? pools.sessions : ['s'])),
        fc.string(),
      ),
      participants: fc.array(
        fc.record(
          {
            participantId: fc.oneof(id, fc.string()),
            streamAliases: fc.array(fc.string(), { maxLength: 5 }),
          },
          { requiredKeys: ['participantId'] },
        ),
        { maxLength: 25 },
      ),
    },
    { requiredKeys: [] },
  );
  const json = fc.oneof(
    subscriptions,
    fc.record(
      {
        tag: fc.string({ maxLength: 60 }),
        callbackUrl: fc.oneof(fc.webUrl(), fc.string(), fc.constant(null)),
        publishPermissions: fc.array(fc.constantFrom('AUDIO', 'VIDEO', 'X'), { maxLength: 3 }),
        deviceApiVersion: fc.constantFrom('V3', 'V2', ''),
      },
      { requiredKeys: [] },
    ),
    hostileValue.map((v) => {
      try {
        return JSON.parse(JSON.stringify(v) ?? 'null') as unknown;
      } catch {
        return null;
      }
    }),
  );
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 6, arbitrary: json.map((v) => Buffer.from(JSON.stringify(v) ?? '')) },
    fc
      .constantFrom(
        '{',
        '{"participants": [}',
        'null',
        '[]',
        '"text"',
        '1e999999',
        '{"__proto__": {"polluted": "yes"}}',
        '{"constructor": {"prototype": {"polluted": "yes"}}}',
        '\uFEFF{}',
        ' ',
      )
      .map((t) => Buffer.from(t)),
    fc.constant(Buffer.from(JSON.stringify(deeplyNested(300)))),
    fc.constant(Buffer.from(`${'['.repeat(30_000)}${']'.repeat(30_000)}`)),
    fc.constant(Buffer.alloc(70 * 1024, 0x61)),
    fc.constant(Buffer.from(JSON.stringify({ tag: 'x'.repeat(200_000) }))),
    fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)),
  );
}

export function methodArb(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...METHODS.slice(0, 4)) },
    fc.constantFrom(...METHODS),
  );
}
