import { describe, expect, it } from 'vitest';
import { checkHealth, type HealthInput } from '../../../../src-main/shared/routing';
import type { RoutingSession } from '../../../../src-main/shared/routing';
import { list, person, sessionOf } from './support';

const C = 'c0de0001-0000-4000-8000-000000000001';
const A = 'a9e00001-0000-4000-8000-000000000002';
const S = '5e900001-0000-4000-8000-000000000003';
const people = [person(C, 'customer'), person(A, 'agent'), person(S, 'supervisor')];
/** The supervisor monitors: hears both, nobody hears it. */
const monitored = sessionOf(people, { [C]: list(A), [A]: list(C), [S]: list(A, C) });

function input(session: RoutingSession, more: Partial<HealthInput> = {}): HealthInput {
  return { session, changes: [], consoleWritten: new Set(), ...more };
}

function ruleIds(i: HealthInput): string[] {
  return checkHealth(i).map((f) => f.ruleId);
}

describe('health rules', () => {
  it('a healthy monitored call has no findings', () => {
    expect(checkHealth(input(monitored))).toEqual([]);
  });

  it('flags a customer hearing a supervisor nobody barged as a critical privacy leak', () => {
    const leak = sessionOf(people, { ...monitored.subscriptions, [C]: list(A, S) });
    expect(checkHealth(input(leak))).toEqual([
      {
        ruleId: 'customer-hears-supervisor',
        severity: 'critical',
        kind: 'state',
        participantId: C,
        otherId: S,
        message:
          'Customer c0de can hear Supervisor 5e90, and nobody barged in from Patchbay: a privacy leak.',
      },
    ]);
  });

  it('leaves a barge this console wrote alone', () => {
    const barge = sessionOf(people, { ...monitored.subscriptions, [C]: list(A, S) });
    expect(checkHealth(input(barge, { consoleWritten: new Set([C]) }))).toEqual([]);
  });

  it('flags an agent who cannot hear the customer, unless this console cut it', () => {
    const broken = sessionOf(people, { ...monitored.subscriptions, [A]: list(S) });
    const findings = checkHealth(input(broken));
    expect(findings.map((f) => [f.ruleId, f.severity, f.participantId, f.otherId])).toEqual([
      ['agent-cannot-hear-customer', 'warning', A, C],
    ]);
    expect(findings[0]?.message).toBe('Agent a9e0 cannot hear Customer c0de.');
    expect(ruleIds(input(broken, { consoleWritten: new Set([A]) }))).toEqual([]);
  });

  it('flags a customer who hears nobody, unless this console put them on hold', () => {
    const silent = sessionOf(people, { ...monitored.subscriptions, [C]: {} });
    expect(ruleIds(input(silent))).toEqual(['customer-hears-nobody']);
    expect(ruleIds(input(silent, { consoleWritten: new Set([C]) }))).toEqual([]);
    const alone = sessionOf([person(C, 'customer')], {});
    expect(ruleIds(input(alone))).toEqual([]);
  });

  it('flags a supervisor removed from outside while supervising, not one removed here', () => {
    const after = sessionOf([person(C, 'customer'), person(A, 'agent')], {
      [C]: list(A),
      [A]: list(C),
    });
    const left = { participantId: S, kind: 'left' as const, before: list(A, C) };
    const external = input(after, {
      previous: monitored,
      changes: [{ ...left, origin: 'external' }],
    });
    expect(checkHealth(external).map((f) => [f.ruleId, f.kind, f.participantId])).toEqual([
      ['supervisor-removed', 'event', S],
    ]);
    expect(ruleIds({ ...external, changes: [{ ...left, origin: 'console' }] })).toEqual([]);
    const idle = sessionOf(people, { [C]: list(A), [A]: list(C) });
    expect(ruleIds({ ...external, previous: idle })).toEqual([]);
  });

  it('flags outside changes of what someone hears, never this console’s own', () => {
    const change = { participantId: A, kind: 'subscriptions' as const, after: list(C) };
    const outside = input(monitored, { changes: [{ ...change, origin: 'external' }] });
    expect(checkHealth(outside)).toEqual([
      {
        ruleId: 'outside-change',
        severity: 'notice',
        kind: 'event',
        participantId: A,
        message: 'Someone outside Patchbay changed what Agent a9e0 hears.',
      },
    ]);
    expect(ruleIds(input(monitored, { changes: [{ ...change, origin: 'console' }] }))).toEqual([]);
  });
});
