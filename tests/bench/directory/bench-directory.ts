/**
 * `npx tsx tests/bench/directory/bench-directory.ts`: what the call directory costs at contact-center
 * scale (200 live calls), with the client as shipped (2 s poll). A feed server on 127.0.0.1 counts
 * requests and bytes while a DirectoryClient follows it, polled (ETag) and streamed (SSE), with the
 * floor still and with a call starting or ending every 2 s; plus the parse and diff time of one
 * 200-call snapshot. Figures count from the first snapshot on (the steady state). Bounded: four windows of BENCH_DIRECTORY_WINDOW_MS (default 10 000) each.
 */
import { createHash } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DirectoryClient,
  diffDirectory,
  parseDirectoryFeedText,
} from '../../../src-main/directory';
import type { DirectoryCall } from '../../../src-main/shared/dto/directory';

const CALLS = 200;
const WINDOW_MS = Number(process.env['BENCH_DIRECTORY_WINDOW_MS'] ?? 10_000);
const CHANGE_EVERY_MS = 2000;

function makeCall(i: number): DirectoryCall {
  const id = (kind: string): string =>
    `${kind}-${String(i).padStart(4, '0')}-4bd1-8e2f-5a6b7c8d9e0f`;
  return {
    sessionId: id('5b0c8f2e'),
    label: `Invoice question #${1000 + i}`,
    queue: ['Billing', 'Technical support', 'Sales', 'Retention'][i % 4] ?? 'Billing',
    startedAt: '2026-11-24T09:00:00Z',
    participants: [
      { participantId: id('a3f1c9d2'), displayName: 'Ada Applewood', role: 'customer' },
      { participantId: id('b4e2d0c3'), displayName: 'Bram Bluefinch', role: 'agent' },
      ...(i % 4 === 0
        ? [
            {
              participantId: id('c5f3e1d4'),
              displayName: 'Cleo Dewberry',
              role: 'supervisor' as const,
            },
          ]
        : []),
    ],
  };
}

interface Window {
  requests: number;
  bytes: number;
}

async function measure(stream: boolean, changing: boolean): Promise<Window & { updates: number }> {
  let next = CALLS;
  let calls = Array.from({ length: CALLS }, (_, i) => makeCall(i));
  const body = (): string =>
    JSON.stringify({
      version: 1,
      generatedAt: new Date().toISOString(),
      ...(stream ? { events: '/events' } : {}),
      calls,
    });
  const streams = new Set<ServerResponse>();
  const counted: Window = { requests: 0, bytes: 0 };
  const server = createServer((req, res) => {
    counted.requests += 1;
    const text = body();
    if (req.url === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      streams.add(res);
      res.on('close', () => streams.delete(res));
      const first = `event: snapshot\ndata: ${text}\n\n`;
      counted.bytes += first.length;
      res.write(first);
      return;
    }
    const etag = `"${createHash('sha256').update(JSON.stringify(calls)).digest('base64url')}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    counted.bytes += text.length;
    res.writeHead(200, { 'content-type': 'application/json', etag }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/calls`;
  const client = new DirectoryClient({ source: { url, token: async () => 'bench-token' } });
  let updates = 0;
  // Steady state: what the feed costs once the first snapshot is in.
  const atFirst: Window = { requests: 0, bytes: 0 };
  client.subscribe(() => {
    if (updates === 0) Object.assign(atFirst, counted);
    updates += 1;
  });
  const changer = changing
    ? setInterval(() => {
        calls = [...calls.slice(1), makeCall(next++)];
        const event = `event: snapshot\ndata: ${body()}\n\n`;
        for (const res of streams) {
          counted.bytes += event.length;
          res.write(event);
        }
      }, CHANGE_EVERY_MS)
    : undefined;
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
  clearInterval(changer);
  await client.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  return {
    requests: counted.requests - atFirst.requests,
    bytes: counted.bytes - atFirst.bytes,
    updates,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const snapshotText = JSON.stringify({
  version: 1,
  generatedAt: '2026-11-24T09:41:07Z',
  calls: Array.from({ length: CALLS }, (_, i) => makeCall(i)),
});
const parseMs: number[] = [];
let previous = parseDirectoryFeedText(snapshotText);
for (let i = 0; i < 50; i++) {
  const t = performance.now();
  const parsed = parseDirectoryFeedText(snapshotText);
  diffDirectory(previous, parsed);
  parseMs.push(performance.now() - t);
  previous = parsed;
}

const rows: string[] = [];
for (const [stream, changing] of [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
] as const) {
  const w = await measure(stream, changing);
  const seconds = WINDOW_MS / 1000;
  rows.push(
    [
      (stream ? 'SSE stream' : 'polled, ETag').padEnd(14),
      (changing ? 'a change every 2 s' : 'floor still').padEnd(20),
      `${(w.requests / seconds).toFixed(2)} req/s`.padStart(11),
      `${(w.bytes / seconds / 1024).toFixed(1)} KiB/s`.padStart(12),
      `${w.updates} updates`.padStart(12),
    ].join('  '),
  );
}
console.log(
  [
    `Call directory, ${CALLS} live calls (${(snapshotText.length / 1024).toFixed(0)} KiB a snapshot), client defaults (2 s poll), ${WINDOW_MS / 1000} s windows, after the first snapshot:`,
    ...rows.map((r) => `  ${r}`),
    `  parse + diff of one ${CALLS}-call snapshot: ${median(parseMs).toFixed(2)} ms (median of 50)`,
    '  (SSE: the one stream request and its opening snapshot, then only the changes; an update is a snapshot or a status change.)',
  ].join('\n'),
);
