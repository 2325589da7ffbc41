/**
 * The routing changes measured: every preset and two single-cell toggles, each from a starting
 * state where it changes something. Ids are the first customer (C1), first agent (A1) and the
 * supervisor (S) of the bench session.
 */
import { planTarget, writeRank } from '../../../src-main/shared/routing';
import type { Intent } from '../../../src-main/shared/routing';
import type { BenchSession, StartName, Subs } from './sessions';
import { modelOf, startState } from './sessions';
import { applyIntent } from '../../../src-main/shared/routing';

export interface Scenario {
  readonly name: string;
  readonly kind: 'preset' | 'toggle';
  readonly from: StartName;
  readonly intent: (s: BenchSession) => Intent;
}

const first = (ids: readonly string[]): string => {
  const id = ids[0];
  if (id === undefined) throw new Error('bench session lacks a customer or an agent');
  return id;
};

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'monitor',
    kind: 'preset',
    from: 'normal',
    intent: (s) => ({ type: 'monitor', supervisorId: s.supervisorId }),
  },
  {
    name: 'whisper',
    kind: 'preset',
    from: 'normal',
    intent: (s) => ({ type: 'whisper', supervisorId: s.supervisorId }),
  },
  {
    name: 'barge',
    kind: 'preset',
    from: 'normal',
    intent: (s) => ({ type: 'barge', supervisorId: s.supervisorId }),
  },
  {
    name: 'endSupervision ←barge',
    kind: 'preset',
    from: 'barge',
    intent: (s) => ({ type: 'endSupervision', supervisorId: s.supervisorId }),
  },
  { name: 'fullyWire', kind: 'preset', from: 'normal', intent: () => ({ type: 'fullyWire' }) },
  {
    name: 'restoreCall ←fullyWire',
    kind: 'preset',
    from: 'fullyWire',
    intent: () => ({ type: 'restoreCall' }),
  },
  {
    name: 'mute C1 (all)',
    kind: 'preset',
    from: 'normal',
    intent: (s) => ({ type: 'mute', publisherId: first(s.customerIds) }),
  },
  {
    name: 'hold C1',
    kind: 'preset',
    from: 'normal',
    intent: (s) => ({ type: 'hold', participantId: first(s.customerIds) }),
  },
  {
    name: 'isolate A1 ←monitor',
    kind: 'preset',
    from: 'monitor',
    intent: (s) => ({ type: 'isolate', participantId: first(s.agentIds) }),
  },
  {
    name: 'toggle on S←C1',
    kind: 'toggle',
    from: 'normal',
    intent: (s) => ({
      type: 'subscribe',
      receiverId: s.supervisorId,
      publisherId: first(s.customerIds),
    }),
  },
  {
    name: 'toggle off A1←C1',
    kind: 'toggle',
    from: 'normal',
    intent: (s) => ({
      type: 'unsubscribe',
      receiverId: first(s.agentIds),
      publisherId: first(s.customerIds),
    }),
  },
];

export interface PlannedShape {
  readonly start: Subs;
  readonly target: Subs;
  /** 1 fresh read + 1 write per receiver whose effective subscriptions change. */
  readonly minimumRequests: number;
  readonly writes: number;
  /** Writes per rank group (close-only, mixed, open-only): what sets the round trips. */
  readonly groups: readonly [number, number, number];
}

/** What the planner says the scenario needs on this session. */
export function planned(s: BenchSession, scenario: Scenario): PlannedShape {
  const start = startState(s, scenario.from);
  const model = modelOf(s, start);
  const target = applyIntent(model, scenario.intent(s));
  const plan = planTarget(model, target);
  const groups: [number, number, number] = [0, 0, 0];
  for (const w of plan.writes) groups[writeRank(w)] += 1;
  return {
    start,
    target: target.subscriptions,
    minimumRequests: 1 + plan.writes.length + 2 * plan.moves.length,
    writes: plan.writes.length,
    groups,
  };
}

/** Round trips the applier needs with `concurrency` parallel PUTs per rank group (+1 read). */
export function expectedRoundTrips(groups: readonly number[], concurrency: number): number {
  return 1 + groups.reduce((sum, n) => sum + Math.ceil(n / concurrency), 0);
}
