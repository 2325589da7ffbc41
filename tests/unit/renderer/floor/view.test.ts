import { describe, expect, it } from 'vitest';
import {
  callState,
  countdownText,
  durationText,
  filterChoices,
  NO_FILTER,
  supervisionText,
  visibleCalls,
} from '../../../../src-renderer/lib/floor/view';
import { floorCall } from './support';

const billing = floorCall('a', { startedAt: '2026-11-24T09:10:00Z', agent: 'Zoë Quill' });
const sales = floorCall('b', {
  queue: 'Sales',
  startedAt: '2026-11-24T09:00:00Z',
  customer: 'José Núñez',
  supervisors: [{ participantId: 's', name: 'Cleo Cormorant', mode: 'whisper' }],
});
const failing = floorCall('c', {
  queue: 'Retention',
  startedAt: '2026-11-24T09:05:00Z',
  state: 'unreachable',
  alerts: [
    {
      id: 'x',
      severity: 'critical',
      ruleId: 'customer-hears-supervisor',
      participantId: 'cust',
      otherId: 's',
      text: 'Leak',
    },
  ],
});
const calls = [billing, sales, failing];
const ids = (list: readonly { sessionId: string }[]): string[] => list.map((c) => c.sessionId);

describe('visibleCalls', () => {
  it('sorts longest first by default, and by the other keys on demand', () => {
    expect(ids(visibleCalls(calls, NO_FILTER))).toEqual(['b', 'c', 'a']);
    expect(ids(visibleCalls(calls, { ...NO_FILTER, sort: 'newest' }))).toEqual(['a', 'c', 'b']);
    expect(ids(visibleCalls(calls, { ...NO_FILTER, sort: 'queue' }))).toEqual(['a', 'c', 'b']);
    expect(ids(visibleCalls(calls, { ...NO_FILTER, sort: 'agent' }))).toEqual(['b', 'c', 'a']);
    expect(ids(visibleCalls(calls, { ...NO_FILTER, sort: 'alerts' }))).toEqual(['c', 'b', 'a']);
  });

  it('filters by queue, agent and state', () => {
    expect(ids(visibleCalls(calls, { ...NO_FILTER, queue: 'Sales' }))).toEqual(['b']);
    expect(ids(visibleCalls(calls, { ...NO_FILTER, agent: 'Zoë Quill' }))).toEqual(['a']);
    expect(ids(visibleCalls(calls, { ...NO_FILTER, state: 'supervised' }))).toEqual(['b']);
    expect(ids(visibleCalls(calls, { ...NO_FILTER, state: 'unsupervised' }))).toEqual(['a']);
    expect(ids(visibleCalls(calls, { ...NO_FILTER, state: 'unreachable' }))).toEqual(['c']);
  });

  it('searches every name on the call, case and accents aside, all words', () => {
    expect(ids(visibleCalls(calls, { ...NO_FILTER, search: 'jose nunez' }))).toEqual(['b']);
    expect(ids(visibleCalls(calls, { ...NO_FILTER, search: 'ZOE' }))).toEqual(['a']);
    expect(ids(visibleCalls(calls, { ...NO_FILTER, search: 'cleo' }))).toEqual(['b']);
    expect(ids(visibleCalls(calls, { ...NO_FILTER, search: 'cleo zoe' }))).toEqual([]);
    expect(ids(visibleCalls(calls, { ...NO_FILTER, search: '  ' }))).toHaveLength(3);
  });
});

describe('the words of a row', () => {
  it('offers each queue and agent once, sorted', () => {
    expect(filterChoices([...calls, billing])).toEqual({
      queues: ['Billing', 'Retention', 'Sales'],
      agents: ['Bram Bluefinch', 'Zoë Quill'],
    });
  });

  it('says who supervises how', () => {
    expect(supervisionText(sales)).toBe('Cleo Cormorant is coaching (whisper)');
    expect(supervisionText(billing)).toBe('');
    // My own participant is "you", whatever the directory or the tag call it.
    const mine = sales.supervisors[0]?.participantId ?? '';
    expect(supervisionText(sales, mine)).toBe('You are coaching (whisper)');
    expect(supervisionText(sales, 'someone-else')).toBe('Cleo Cormorant is coaching (whisper)');
    // A customer hearing a supervisor outside a Patchbay barge reads as the leak it is.
    const leaking = {
      ...sales,
      alerts: failing.alerts,
      supervisors: sales.supervisors.map((s) => ({ ...s, mode: 'barge' as const })),
    };
    expect(supervisionText(leaking)).toBe(
      'Cleo Cormorant is heard by the customer, not in a barge (privacy leak)',
    );
    expect(callState(floorCall('d', { state: 'starting' }))).toBe('starting');
  });

  it('ticks durations and counts timers down', () => {
    const start = Date.parse('2026-11-24T09:00:00Z');
    expect(durationText('2026-11-24T09:00:00Z', start + 245_000)).toBe('4:05');
    expect(durationText('2026-11-24T09:00:00Z', start + 3_729_000)).toBe('1:02:09');
    expect(durationText('2026-11-24T09:00:00Z', start - 5_000)).toBe('0:00');
    expect(countdownText(start + 41_200, start)).toBe('0:42');
    expect(countdownText(start, start + 1)).toBe('0:00');
  });
});
