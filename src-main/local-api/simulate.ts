/**
 * An optional live simulation that makes the demo contact center move, driven through the PUBLIC
 * HTTP API by a simulated backend (simulated-backend.ts): calls arrive and end (each lives for a
 * length drawn from its pace, longer only while no more than `minCalls` are live; the count stays
 * between `minCalls` and `maxCalls`), the backend rewires
 * a call now and then, and now and then a call breaks or leaks (see simulate-pace.ts). Like a real
 * backend it keeps its own register of calls, since the API has no list of sessions, and it tells
 * its call directory about every call and participant. Errors are reported to `onError`, never
 * thrown.
 */
import ky from 'ky';
import { loggableUrl, printable } from '../shared/text';
import type { DemoBackendDirectory } from './directory/register';
import { createPrng } from './prng';
import type { Prng } from './prng';
import { PACES } from './simulate-pace';
import type { SimulationPace } from './simulate-pace';
import { SimulatedBackend } from './simulated-backend';

export type { SimulationPace } from './simulate-pace';

export interface SimulationOptions {
  /** realistic (default) or fast; see simulate-pace.ts. */
  pace?: SimulationPace;
  /** Time between two ticks (default: the pace's). */
  tickMs?: number;
  /** PRNG seed for reproducible choices (default: random). */
  seed?: number;
  minCalls?: number;
  maxCalls?: number;
  /** One line per action (default: silent), control characters escaped. */
  log?: (line: string) => void;
  /** Failed actions (default: their message, escaped, on console.error; never the error object). */
  onError?: (error: unknown) => void;
}

export interface SimulationTarget {
  /** `http://host:port/v1` */
  baseUrl: string;
  accountId: string;
  username: string;
  password: string;
  /** Sessions already running (e.g. the demo seed) that the simulated backend knows about. */
  sessionIds: string[];
  /** The backend's call directory (names, roles, queues), told about every change it makes. */
  directory?: DemoBackendDirectory;
}

export interface Simulation {
  /** Stops ticking, aborts any request in flight and resolves when the current tick is over. */
  stop(): Promise<void>;
  /** Ticks completed so far. */
  readonly ticks: number;
}

export function startSimulation(
  target: SimulationTarget,
  options: SimulationOptions = {},
): Simulation {
  const pace = PACES[options.pace ?? 'realistic'];
  const tickMs = options.tickMs ?? pace.tickMs;
  const minCalls = options.minCalls ?? 3;
  const maxCalls = options.maxCalls ?? 8;
  // Tags and ids come from the API, where anyone may have set them: escaped before any terminal.
  const log = (line: string): void => options.log?.(printable(line));
  // Only the message: a ky error object carries the request, Authorization header included.
  const onError =
    options.onError ??
    ((error: unknown): void =>
      console.error(
        `simulation: ${loggableUrl(error instanceof Error ? error.message : String(error))}`,
      ));
  const prng: Prng = createPrng(options.seed ?? Math.floor(Math.random() * 2 ** 32));
  const abort = new AbortController();
  const auth = Buffer.from(`${target.username}:${target.password}`).toString('base64');
  const http = ky.create({
    prefix: `${target.baseUrl}/accounts/${encodeURIComponent(target.accountId)}/`,
    headers: { authorization: `Basic ${auth}` },
    retry: 0,
    timeout: 5000,
    signal: abort.signal,
  });
  const backend = new SimulatedBackend(http, prng, log, target.directory);
  const [shortest, longest] = pace.callTicks;
  /** Live calls and the tick each one ends at. Calls already running end somewhere in their span. */
  const calls = new Map<string, number>(
    target.sessionIds.map((id) => [id, prng.int(1, longest)] as const),
  );

  let stopped = false;
  let ticks = 0;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  async function tick(now: number): Promise<void> {
    for (const [sessionId, endsAt] of calls) {
      // A call ends when its time is up, but the floor never drops below minCalls for it (so
      // minCalls = maxCalls keeps the same calls forever), and above maxCalls one ends at once.
      const due = endsAt <= now && calls.size > minCalls;
      if (!due && calls.size <= maxCalls) continue;
      calls.delete(sessionId);
      await backend.endCall(sessionId);
    }
    if (calls.size < minCalls || (calls.size < maxCalls && prng.next() < pace.arrivalChance)) {
      const sessionId = await backend.startCall();
      calls.set(sessionId, now + prng.int(shortest, longest));
    }
    for (const [chance, action] of [
      [pace.rewireChance, (id: string) => backend.rewire(id)],
      [pace.incidentChance, (id: string) => backend.incident(id)],
    ] as const) {
      const live = [...calls.keys()];
      if (live.length === 0 || prng.next() >= chance) continue;
      const sessionId = prng.pick(live);
      // A call someone else ended leaves the register.
      if (!(await action(sessionId))) calls.delete(sessionId);
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      current = tick(ticks + 1)
        .catch((error: unknown) => {
          if (!stopped) onError(error);
        })
        .finally(() => {
          ticks += 1;
          schedule();
        });
    }, tickMs);
  }

  schedule();
  return {
    async stop(): Promise<void> {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      abort.abort();
      await current;
    },
    get ticks(): number {
      return ticks;
    },
  };
}
