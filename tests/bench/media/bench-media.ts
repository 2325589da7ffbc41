/**
 * The media plane's cost and speed (figures only, never asserted), on loopback:
 * - CPU of the local API process at 20 calls × 3 voices (customer, agent, supervisor monitoring):
 *   simulated voices into the forwarding unit, forwarded to simulated receivers' counting sinks,
 *   then with real receivers — Node devices over werift in another process — in place of some
 *   supervisors; reported per forwarded stream.
 * - Renegotiation time: from the subscription PUT that adds a publisher to a device's list to the
 *   first packet of it forwarded on the device's live leg (the gateway re-offered, the device
 *   answered), and from the PUT that removes it to the last packet.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createLocalApi } from '../../../src-main/local-api';
import type { LocalApi } from '../../../src-main/local-api';
import type { Subscriptions } from '../../../src-main/shared/bandwidth-api';
import { LocalApiClient } from '../../support/local-api-client';
import { connectNodeDevice } from '../../support/media/node-device';
import { median } from '../support/stats';

export interface MediaBenchOptions {
  calls: number;
  windowMs: number;
  realReceivers: number;
  toggles: number;
}

export interface MediaFigures {
  calls: number;
  voices: number;
  idleCpu: number;
  sinkStreams: number;
  sinkCpu: number;
  realLegs: number;
  realCpu: number;
  renegotiateAddMs: number[];
  renegotiateRemoveMs: number[];
}

const ROOT = join(import.meta.dirname, '../../..');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Fraction of one core this process used over `ms`. */
async function cpuOver(ms: number): Promise<number> {
  const before = process.cpuUsage();
  const start = performance.now();
  await sleep(ms);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / (performance.now() - start);
}

interface Call {
  sessionId: string;
  ids: string[];
  supervisorToken: string;
}

async function monitoredCalls(api: LocalApi, count: number): Promise<Call[]> {
  const client = new LocalApiClient(api);
  const calls: Call[] = [];
  for (let i = 0; i < count; i += 1) {
    const { id: sessionId } = await client.createSession(`call-bench-${i}`);
    const made = [];
    for (const role of ['customer', 'agent', 'supervisor']) {
      made.push(
        await client.createParticipant({ tag: `${role}-${i}`, publishPermissions: ['AUDIO'] }),
      );
    }
    const [c, a, s] = made.map((m) => m.participant.id) as [string, string, string];
    const list = (...ids: string[]): Subscriptions => ({
      sessionId,
      participants: ids.map((participantId) => ({ participantId })),
    });
    await client.add(sessionId, c);
    await client.add(sessionId, a, list(c));
    await client.subscribe(sessionId, c, list(a));
    await client.add(sessionId, s, list(c, a));
    calls.push({ sessionId, ids: [c, a, s], supervisorToken: made[2]?.token ?? '' });
  }
  return calls;
}

/** Receiver × publisher pairs whose packets grew over one second. */
async function forwardedStreams(api: LocalApi): Promise<number> {
  const count = (): Map<string, number> =>
    new Map(
      api.control.media().forwarded.map((f) => [`${f.receiverId}<${f.publisherId}`, f.packets]),
    );
  const before = count();
  await sleep(1000);
  return [...count()].filter(([k, n]) => n > (before.get(k) ?? 0)).length;
}

async function swarm(api: LocalApi, tokens: string[]): Promise<() => Promise<void>> {
  const child = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      join(import.meta.dirname, 'device-swarm.ts'),
      JSON.stringify({ apiUrl: api.url, tokens }),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`device swarm exited ${code}`)));
    createInterface({ input: child.stdout }).on('line', (line) => line === 'ready' && resolve());
  });
  return async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
}

async function renegotiation(
  api: LocalApi,
  toggles: number,
): Promise<{ add: number[]; remove: number[] }> {
  const client = new LocalApiClient(api);
  const [c] = await monitoredCalls(api, 1);
  if (c === undefined) throw new Error('no call');
  const [customer, agent, supervisor] = c.ids as [string, string, string];
  const device = await connectNodeDevice(api.url, c.supervisorToken);
  const packets = (): number =>
    api.control
      .media()
      .forwarded.find((f) => f.receiverId === supervisor && f.publisherId === agent)?.packets ?? 0;
  const list = (...ids: string[]): Subscriptions => ({
    sessionId: c.sessionId,
    participants: ids.map((participantId) => ({ participantId })),
  });
  const put = (body: Subscriptions): Promise<void> =>
    client.subscribe(c.sessionId, supervisor, body);
  const add: number[] = [];
  const remove: number[] = [];
  await put(list(customer));
  await sleep(500);
  for (let i = 0; i < toggles; i += 1) {
    const before = packets();
    let start = performance.now();
    await put(list(customer, agent));
    while (packets() === before && performance.now() - start < 5000) await sleep(2);
    add.push(performance.now() - start);
    await sleep(300);
    start = performance.now();
    await put(list(customer));
    const revision = device.revision();
    while (device.revision() === revision && performance.now() - start < 5000) await sleep(2);
    remove.push(performance.now() - start);
    await sleep(300);
  }
  await device.close();
  return { add, remove };
}

export async function benchMedia(
  options: MediaBenchOptions,
  log: (line: string) => void,
): Promise<MediaFigures> {
  const quiet = await createLocalApi({ voices: false, media: { addresses: 'loopback' } });
  await monitoredCalls(quiet, options.calls);
  const idleCpu = await cpuOver(options.windowMs);
  await quiet.close();

  const api = await createLocalApi({
    voices: true,
    media: { addresses: 'loopback', maxDevices: 32 },
  });
  try {
    const calls = await monitoredCalls(api, options.calls);
    await api.media.voicesReady();
    await sleep(1000);
    const sinkStreams = await forwardedStreams(api);
    log(`media: ${options.calls * 3} voices, ${sinkStreams} streams to sinks`);
    const sinkCpu = await cpuOver(options.windowMs);

    const stop = await swarm(
      api,
      calls.slice(0, options.realReceivers).map((c) => c.supervisorToken),
    );
    try {
      await sleep(2000);
      const realCpu = await cpuOver(options.windowMs);
      log(`media: ${options.realReceivers} real receivers`);
      const renegotiate = await renegotiation(api, options.toggles);
      return {
        calls: options.calls,
        voices: options.calls * 3,
        idleCpu,
        sinkStreams,
        sinkCpu,
        realLegs: options.realReceivers * 2,
        realCpu,
        renegotiateAddMs: renegotiate.add,
        renegotiateRemoveMs: renegotiate.remove,
      };
    } finally {
      await stop();
    }
  } finally {
    await api.close();
  }
}

export function printMedia(f: MediaFigures): string {
  const pct = (x: number): string => `${(x * 100).toFixed(Math.abs(x) < 0.01 ? 3 : 1)} %`;
  const perSink = (f.sinkCpu - f.idleCpu) / Math.max(1, f.sinkStreams);
  const perReal = (f.realCpu - f.sinkCpu) / Math.max(1, f.realLegs);
  return [
    `Local API process, ${f.calls} calls × 3 voices (customer, agent, a monitoring supervisor), loopback.`,
    `  idle (same calls, voices off):                 ${pct(f.idleCpu)} of a core`,
    `  ${f.voices} voices → ${f.sinkStreams} forwarded streams to sinks: ${pct(f.sinkCpu)} of a core (${pct(perSink)} per forwarded stream, voice included)`,
    `  + ${f.realLegs} streams to ${f.realLegs / 2} real devices (werift):  ${pct(f.realCpu)} of a core (${pct(perReal)} per real leg)`,
    `  renegotiation, add a publisher → first packet on the device's leg: median ${median(f.renegotiateAddMs).toFixed(0)} ms (${f.renegotiateAddMs.length} runs, max ${Math.max(...f.renegotiateAddMs).toFixed(0)} ms)`,
    `  renegotiation, remove a publisher → answered re-offer: median ${median(f.renegotiateRemoveMs).toFixed(0)} ms (forwarding stops at once)`,
  ].join('\n');
}
