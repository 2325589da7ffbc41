/** The floor's cadences on the watchers: how many reads each kind of call costs. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BandwidthClient } from '../../../../src-main/bandwidth';
import { floorIntervalMs, LiveSync } from '../../../../src-main/live';

const TIMING = { fastMs: 1_000, slowMs: 10_000, maxBackoffMs: 30_000 };

function counting(): { client: BandwidthClient; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const client = {
    listSessionParticipants: async ({ sessionId }: { sessionId: string }) => {
      reads.set(sessionId, (reads.get(sessionId) ?? 0) + 1);
      return [];
    },
  } as unknown as BandwidthClient;
  return { client, reads };
}

beforeEach(() => {
  vi.useFakeTimers();
  // The floor's first interval is spread over half to one and a half of it: the middle here.
  vi.spyOn(Math, 'random').mockReturnValue(0.5);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('poll cadences', () => {
  it('reads the open call fast, a watched or alerted one slowly, a floor call slower still', async () => {
    const { client, reads } = counting();
    const live = new LiveSync(client, TIMING);
    for (const id of ['open', 'alert', 'floor']) live.watch(id);
    live.setCadence('floor', 'floor');
    live.focus('open');
    await vi.advanceTimersByTimeAsync(60_000);
    // The first read at once, then one per interval for a minute.
    expect(reads.get('open')).toBeGreaterThanOrEqual(60);
    expect(reads.get('alert')).toBe(7);
    expect(reads.get('floor')).toBe(3);
    live.close();
  });

  it('a floor call that gets an alert is read at the slow interval from then on', async () => {
    const { client, reads } = counting();
    const live = new LiveSync(client, TIMING);
    live.watch('call');
    live.setCadence('call', 'floor');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(reads.get('call')).toBe(2);
    live.setCadence('call', 'normal');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(reads.get('call')).toBe(5);
    live.close();
  });

  it('spreads calls that reach the floor together over one floor interval', async () => {
    const { client, reads } = counting();
    const live = new LiveSync(client, TIMING);
    const draws = [0, 0.999];
    vi.spyOn(Math, 'random').mockImplementation(() => draws.shift() ?? 0.5);
    for (const id of ['early', 'late']) {
      live.watch(id);
      live.setCadence(id, 'floor');
    }
    await vi.advanceTimersByTimeAsync(15_000);
    expect([reads.get('early'), reads.get('late')]).toEqual([2, 1]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect([reads.get('early'), reads.get('late')]).toEqual([3, 2]);
    live.close();
  });

  it('the floor interval is three slow ones, at least 15 s, unless the timing names one', () => {
    expect(floorIntervalMs(TIMING)).toBe(30_000);
    expect(floorIntervalMs({ ...TIMING, slowMs: 2_000 })).toBe(15_000);
    expect(floorIntervalMs({ ...TIMING, floorMs: 45_000 })).toBe(45_000);
  });
});
