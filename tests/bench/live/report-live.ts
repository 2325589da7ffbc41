/** Part 3 as a table and plain objects. */
import { fixed, round, verdictText } from '../support/stats';
import type { Verdict } from '../support/stats';
import { section, table } from '../support/table';
import type { LiveMeasurement } from './bench-live';

export interface LiveRow {
  readonly profile: string;
  readonly fastMs: number;
  readonly slowMs: number;
  readonly sessions: number;
  readonly windowMs: number;
  readonly patchbayPerSecond: number;
  readonly patchbayPerSessionPoll: number;
  readonly patchbayExpectedPerSecond: number;
  readonly perParticipantPerSecond: number;
  readonly perParticipantPerSessionPoll: number;
  readonly ratio: number;
  readonly verdict: Verdict;
}

export function liveRows(measurements: readonly LiveMeasurement[]): LiveRow[] {
  const rows: LiveRow[] = [];
  for (const pb of measurements.filter((m) => m.approach === 'patchbay')) {
    const pp = measurements.find(
      (m) =>
        m.approach === 'per-participant' && m.profile === pb.profile && m.sessions === pb.sessions,
    );
    const ppRate = pp?.requestsPerSecond ?? Number.NaN;
    rows.push({
      profile: pb.profile,
      fastMs: pb.fastMs,
      slowMs: pb.slowMs,
      sessions: pb.sessions,
      windowMs: pb.windowMs,
      patchbayPerSecond: round(pb.requestsPerSecond),
      patchbayPerSessionPoll: round(pb.requestsPerSessionPoll),
      patchbayExpectedPerSecond: round(pb.expectedPerSecond),
      perParticipantPerSecond: round(ppRate),
      perParticipantPerSessionPoll: round(pp?.requestsPerSessionPoll ?? Number.NaN),
      ratio: round(ppRate / pb.requestsPerSecond),
      verdict: { budget: '1 request per session per poll', met: pb.requestsPerSessionPoll <= 1 },
    });
  }
  return rows;
}

export function printLive(
  rows: readonly LiveRow[],
  participants: number,
  latencyMs: number,
): string {
  const body = rows.map((r) => [
    `${r.profile} (${r.fastMs / 1000} s / ${r.slowMs / 1000} s)`,
    String(r.sessions),
    fixed(r.patchbayPerSecond, 2),
    fixed(r.patchbayExpectedPerSecond, 2),
    fixed(r.patchbayPerSessionPoll, 2),
    fixed(r.perParticipantPerSecond, 2),
    fixed(r.perParticipantPerSessionPoll, 2),
    `${fixed(r.ratio, 1)}×`,
    verdictText(r.verdict),
  ]);
  const window = rows[0]?.windowMs ?? 0;
  return [
    section(
      '3. Live sync cost (requests per second, one session focused)',
      `${participants}-party calls, ${latencyMs} ms round trip, counted over one ${fixed(window / 1000, 1)} s window after a warm-up;\n` +
        'per-participant = one subscriptions GET per participant per poll, same intervals (its cost grows with\n' +
        'the call size; Patchbay stays at one list read per poll). Budget: 1 request per session per poll.',
    ),
    table(
      [
        'intervals (focused / others)',
        'sessions',
        'PB req/s',
        'PB expected',
        'PB req/poll',
        'per-part. req/s',
        'req/poll',
        'ratio',
        'budget',
      ],
      body,
    ),
  ].join('\n');
}
