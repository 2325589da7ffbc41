import { describe, expect, it } from 'vitest';
import type { SessionSnapshot } from '../../../../src-main/live';
import {
  cadenceOf,
  floorBudget,
  floorCall,
  pruneEnded,
  withEnded,
} from '../../../../src-main/services/floor-model';
import type { Participant, Subscriptions } from '../../../../src-main/shared/bandwidth-api';
import type { DirectoryCall } from '../../../../src-main/shared/dto/directory';

const SID = 'c0ffee00-0000-4000-8000-000000000001';
const hears = (...ids: string[]): Subscriptions => ({
  sessionId: SID,
  participants: ids.map((participantId) => ({ participantId })),
});
const member = (id: string, subscriptions: Subscriptions, tag?: string): Participant => ({
  id,
  publishPermissions: ['AUDIO'],
  subscriptions,
  ...(tag ? { tag } : {}),
});

const call: DirectoryCall = {
  sessionId: SID,
  label: 'Invoice question #1042',
  queue: 'Billing',
  startedAt: '2026-11-24T09:33:52Z',
  participants: [
    { participantId: 'cus', displayName: 'Ada Applewood', role: 'customer' },
    { participantId: 'agt', displayName: 'Bram Bluefinch', role: 'agent' },
    { participantId: 'sup', displayName: 'Cleo Cormorant', role: 'supervisor' },
  ],
};

function snapshot(participants: Participant[]): SessionSnapshot {
  return { sessionId: SID, state: 'live', participants, observedAt: 1, consecutiveFailures: 0 };
}

describe('floorCall', () => {
  it('names the supervisor from the directory and says how they supervise', () => {
    const base = [member('cus', hears('agt')), member('agt', hears('cus', 'sup'))];
    const monitor = floorCall(
      call,
      snapshot([...base, member('sup', hears('cus', 'agt'))]),
      {},
      [],
      'floor',
    );
    expect(monitor.supervisors).toEqual([
      { participantId: 'sup', name: 'Cleo Cormorant', mode: 'whisper' },
    ]);
    const barge = floorCall(
      call,
      snapshot([
        member('cus', hears('agt', 'sup')),
        member('agt', hears('cus')),
        member('sup', hears('cus', 'agt')),
      ]),
      {},
      [],
      'floor',
    );
    expect(barge.supervisors[0]?.mode).toBe('barge');
    const listening = floorCall(
      call,
      snapshot([
        member('cus', hears('agt')),
        member('agt', hears('cus')),
        member('sup', hears('cus', 'agt')),
      ]),
      {},
      [],
      'floor',
    );
    expect(listening.supervisors[0]?.mode).toBe('monitor');
  });

  it('finds a supervisor the directory does not list by the role assigned in the console', () => {
    const row = floorCall(
      call,
      snapshot([
        member('cus', hears('agt')),
        member('agt', hears('cus')),
        member('5a9e1234', hears('cus')),
      ]),
      { '5a9e1234': 'supervisor' },
      [],
      'floor',
    );
    expect(row.supervisors).toEqual([
      { participantId: '5a9e1234', name: 'Supervisor 5a9e', mode: 'monitor' },
    ]);
  });

  it('has nobody supervising and the state "starting" before the first read', () => {
    const row = floorCall(call, undefined, {}, [], 'floor');
    expect(row.state).toBe('starting');
    expect(row.supervisors).toEqual([]);
    expect(row.people.map((p) => p.displayName)).toEqual([
      'Ada Applewood',
      'Bram Bluefinch',
      'Cleo Cormorant',
    ]);
  });

  it('carries the alerts and the cadence they imply', () => {
    const alert = {
      id: 'leak:sup',
      severity: 'critical' as const,
      ruleId: 'customer-hears-supervisor',
      participantId: 'ada',
      otherId: 'cleo',
      text: 'Ada hears Cleo',
    };
    expect(floorCall(call, undefined, {}, [alert], 'alert')).toMatchObject({
      alerts: [alert],
      cadence: 'alert',
    });
  });
});

describe('cadenceOf', () => {
  it('reads the open call fast, alerted or watched calls in between, the rest slowly', () => {
    const alert = {
      id: 'a',
      severity: 'warning' as const,
      ruleId: 'customer-hears-nobody',
      participantId: 'c',
      text: 'x',
    };
    expect(cadenceOf('a', 'a', [alert], true)).toBe('open');
    expect(cadenceOf('a', 'b', [alert], true)).toBe('alert');
    expect(cadenceOf('a', 'b', [], true)).toBe('watched');
    expect(cadenceOf('a', null, [], false)).toBe('floor');
  });
});

describe('the recently ended list', () => {
  const other: DirectoryCall = { ...call, sessionId: 'other', label: 'Other' };

  it('puts the newest first, each call once, and drops entries at keepMs', () => {
    const first = withEnded([], [call], 1_000, 60_000);
    const second = withEnded(first, [other], 2_000, 60_000);
    expect(second.map((e) => [e.sessionId, e.endedAt])).toEqual([
      ['other', 2_000],
      [SID, 1_000],
    ]);
    const again = withEnded(second, [call], 3_000, 60_000);
    expect(again.map((e) => e.sessionId)).toEqual([SID, 'other']);
    expect(pruneEnded(again, 62_000, 60_000).map((e) => e.sessionId)).toEqual([SID]);
    expect(pruneEnded(again, 63_000, 60_000)).toEqual([]);
  });
});

describe('floorBudget', () => {
  const timing = { fastMs: 1_000, slowMs: 10_000, maxBackoffMs: 30_000 };

  it('states what 200 calls cost: the open one fast, alerts in between, the rest slowly', () => {
    const budget = floorBudget({ open: 1, alert: 10, watched: 0, floor: 189 }, timing);
    expect(budget).toEqual({
      openMs: 1_000,
      alertMs: 10_000,
      floorMs: 30_000,
      requestsPerSecond: 8.3,
    });
    expect(budget.requestsPerSecond).toBeLessThanOrEqual(10);
  });

  it('counts watched calls at the slow interval', () => {
    expect(
      floorBudget({ open: 0, alert: 0, watched: 20, floor: 0 }, timing).requestsPerSecond,
    ).toBe(2);
  });

  it('uses the floor interval the timing names', () => {
    expect(
      floorBudget({ open: 0, alert: 0, watched: 0, floor: 60 }, { ...timing, floorMs: 60_000 }),
    ).toEqual(expect.objectContaining({ floorMs: 60_000, requestsPerSecond: 1 }));
  });
});
