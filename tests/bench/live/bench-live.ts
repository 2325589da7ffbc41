/**
 * Part 3: live sync cost. For 1, 10 and 50 watched 3-party calls (one focused), Patchbay's real
 * LiveSync (one `GET …/participants` per poll) against a poller that reads every participant's
 * subscriptions (`GET …/participants/{id}/subscriptions`, one per participant per poll), both at the
 * same intervals. Every configuration has its own local API (so counts are separate) and all run
 * at once: watchers start staggered over one slow interval (sessions are added at different
 * times in real use), then the requests in a bounded window are counted.
 */
import type { BandwidthClient } from '../../../src-main/bandwidth';
import { LiveSync } from '../../../src-main/live';
import type { WatcherTiming } from '../../../src-main/live';
import type { BenchApi } from '../support/local-api';
import { startBenchApi } from '../support/local-api';
import { createCalls } from '../support/calls';
import { sleep } from '../support/stats';
import { PerParticipantPoller } from './per-participant-poller';

export interface LiveProfile {
  /** e.g. "app default (settings preferences)". */
  readonly name: string;
  readonly timing: WatcherTiming;
}

export interface LiveOptions {
  readonly sessionCounts: readonly number[];
  readonly profiles: readonly LiveProfile[];
  readonly windowMs: number;
  readonly latencyMs: number;
  /** Participants per watched session. */
  readonly participants: number;
}

export interface LiveMeasurement {
  readonly profile: string;
  readonly fastMs: number;
  readonly slowMs: number;
  readonly sessions: number;
  readonly approach: 'patchbay' | 'per-participant';
  readonly windowMs: number;
  readonly requests: number;
  readonly polls: number;
  readonly requestsPerSecond: number;
  readonly requestsPerSessionPoll: number;
  /** Steady state from the intervals: polls/s × requests per poll. */
  readonly expectedPerSecond: number;
}

interface Running {
  readonly profile: LiveProfile;
  readonly sessions: number;
  readonly approach: LiveMeasurement['approach'];
  readonly bench: BenchApi;
  polls(): number;
  stop(): void;
}

/** The client with its list call counted: every LiveSync poll is exactly one such call. */
function countingLists(client: BandwidthClient, onList: () => void): BandwidthClient {
  return {
    ...client,
    listSessionParticipants: (ref, o) => {
      onList();
      return client.listSessionParticipants(ref, o);
    },
  };
}

async function start(
  profile: LiveProfile,
  sessions: number,
  approach: Running['approach'],
  options: LiveOptions,
): Promise<Running> {
  const bench = await startBenchApi();
  const calls = await createCalls(bench.client, sessions, options.participants, 'live-bench');
  bench.latency(options.latencyMs);
  const ids = [...calls.keys()];
  const stagger = (i: number): number => Math.round((i * profile.timing.slowMs) / sessions);
  const timers: ReturnType<typeof setTimeout>[] = [];
  if (approach === 'patchbay') {
    let polls = 0;
    const live = new LiveSync(
      countingLists(bench.client, () => (polls += 1)),
      profile.timing,
    );
    live.focus(ids[0] ?? null);
    ids.forEach((id, i) => timers.push(setTimeout(() => live.watch(id), stagger(i))));
    return {
      profile,
      sessions,
      approach,
      bench,
      polls: () => polls,
      stop: () => {
        timers.forEach(clearTimeout);
        live.close();
      },
    };
  }
  const poller = new PerParticipantPoller(bench.client, profile.timing, ids[0] ?? null);
  ids.forEach((id, i) =>
    timers.push(setTimeout(() => poller.watch(id, calls.get(id) ?? []), stagger(i))),
  );
  return {
    profile,
    sessions,
    approach,
    bench,
    polls: () => poller.polls,
    stop: () => {
      timers.forEach(clearTimeout);
      poller.close();
    },
  };
}

export async function benchLive(options: LiveOptions): Promise<LiveMeasurement[]> {
  const running: Running[] = [];
  try {
    for (const profile of options.profiles) {
      for (const sessions of options.sessionCounts) {
        for (const approach of ['patchbay', 'per-participant'] as const) {
          running.push(await start(profile, sessions, approach, options));
        }
      }
    }
    // Warm-up: every watcher has started (the stagger spans one slow interval) and polled once.
    const warmUp = Math.max(...options.profiles.map((p) => p.timing.slowMs)) + 500;
    await sleep(warmUp);
    const pollsAtStart = running.map((r) => r.polls());
    running.forEach((r) => r.bench.resetCounts());
    const t0 = performance.now();
    await sleep(options.windowMs);
    const totals = running.map((r) => r.bench.total());
    const polls = running.map((r, i) => r.polls() - (pollsAtStart[i] ?? 0));
    const seconds = (performance.now() - t0) / 1000;
    return running.map((r, i) => {
      const requests = totals[i] ?? 0;
      const p = polls[i] ?? 0;
      const { fastMs, slowMs } = r.profile.timing;
      const pollsPerSecond = 1000 / fastMs + ((r.sessions - 1) * 1000) / slowMs;
      const perPoll = r.approach === 'patchbay' ? 1 : options.participants;
      return {
        profile: r.profile.name,
        fastMs,
        slowMs,
        sessions: r.sessions,
        approach: r.approach,
        windowMs: Math.round(seconds * 1000),
        requests,
        polls: p,
        requestsPerSecond: requests / seconds,
        requestsPerSessionPoll: p === 0 ? Number.NaN : requests / p,
        expectedPerSecond: pollsPerSecond * perPoll,
      };
    });
  } finally {
    for (const r of running) {
      r.stop();
      await r.bench.close();
    }
  }
}
