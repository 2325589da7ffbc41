/** The fact sheet's routing recipes (caller C, agent A, supervisor S) and larger calls. */
import { describe, expect, it } from 'vitest';
import type { Intent, RoutingSession } from '../../../../src-main/shared/routing';
import {
  applyIntent,
  applyPlan,
  checkGuardrails,
  newViolations,
  planTarget,
} from '../../../../src-main/shared/routing';
import { everyone, hears, list, person, sessionOf } from './support';

const C = 'c0de0001-0000-4000-8000-000000000001';
const A = 'a9e00001-0000-4000-8000-000000000002';
const S = '5e900001-0000-4000-8000-000000000003';
const people = [person(C, 'customer'), person(A, 'agent'), person(S, 'supervisor')];
const normal = sessionOf(people, { [C]: list(A), [A]: list(C), [S]: {} });

/** Applies the intent through the planner and returns the resulting session and plan. */
function run(session: RoutingSession, intent: Intent) {
  const target = applyIntent(session, intent);
  const plan = planTarget(session, target);
  return { target, plan, after: applyPlan(session, plan.writes) };
}

function table(session: RoutingSession, ids: readonly string[]): Record<string, string[]> {
  return Object.fromEntries(ids.map((id) => [id, hears(session, id)]));
}

const sorted = (...ids: string[]): string[] => [...ids].sort();

describe('recipes for C, A, S', () => {
  it('normal call: restoreCall from a fully wired call', () => {
    const wired = sessionOf(people, { [C]: list(A, S), [A]: list(C, S), [S]: list(C, A) });
    const { after, plan } = run(wired, { type: 'restoreCall' });
    expect(table(after, [C, A, S])).toEqual({ [C]: [A], [A]: [C], [S]: [] });
    expect(plan.writes.map((w) => w.receiverId).sort()).toEqual(sorted(C, A, S));
  });

  it('monitor (silent): S hears C and A, nobody hears S — one write', () => {
    const { after, plan } = run(normal, { type: 'monitor', supervisorId: S });
    expect(table(after, [C, A, S])).toEqual({ [C]: [A], [A]: [C], [S]: sorted(C, A) });
    expect(plan.writes.map((w) => w.receiverId)).toEqual([S]);
    expect(plan.writes[0]?.opens.map((e) => e.publisherId).sort()).toEqual(sorted(C, A));
  });

  it('whisper (coach): A hears C and S, C hears only A', () => {
    const { after, plan } = run(normal, { type: 'whisper', supervisorId: S, agentIds: [A] });
    expect(table(after, [C, A, S])).toEqual({
      [C]: [A],
      [A]: sorted(C, S),
      [S]: sorted(C, A),
    });
    expect(plan.writes).toHaveLength(2);
  });

  it('barge: everyone hears S, S hears everyone', () => {
    const { after, target } = run(normal, { type: 'barge', supervisorId: S });
    expect(table(after, [C, A, S])).toEqual({
      [C]: sorted(A, S),
      [A]: sorted(C, S),
      [S]: sorted(C, A),
    });
    expect(newViolations(checkGuardrails(normal, target, target.context))).toEqual([]);
  });

  it('mute X for everyone removes X from every other list', () => {
    const monitored = sessionOf(people, { [C]: list(A), [A]: list(C), [S]: list(C, A) });
    const { after } = run(monitored, { type: 'mute', publisherId: C });
    expect(table(after, [C, A, S])).toEqual({ [C]: [A], [A]: [], [S]: [A] });
  });

  it('mute X for Y only removes X from Y', () => {
    const monitored = sessionOf(people, { [C]: list(A), [A]: list(C), [S]: list(C, A) });
    const { after, plan } = run(monitored, { type: 'mute', publisherId: C, receiverId: S });
    expect(table(after, [C, A, S])).toEqual({ [C]: [A], [A]: [C], [S]: [A] });
    expect(plan.writes.map((w) => w.receiverId)).toEqual([S]);
  });

  it('moving between presets writes only what differs: monitor → whisper is one write', () => {
    const monitored = run(normal, { type: 'monitor', supervisorId: S }).after;
    const { plan } = run(monitored, { type: 'whisper', supervisorId: S, agentIds: [A] });
    expect(plan.writes.map((w) => w.receiverId)).toEqual([A]);
  });

  it('barge → whisper: the customer stops hearing S first', () => {
    const barged = run(normal, { type: 'barge', supervisorId: S }).after;
    const { plan, after } = run(barged, { type: 'whisper', supervisorId: S, agentIds: [A] });
    expect(plan.writes.map((w) => w.receiverId)).toEqual([C]);
    expect(hears(after, C)).toEqual([A]);
  });

  it('session-level subscriptions become explicit lists once a supervisor is in', () => {
    const open = sessionOf(people, { [C]: everyone, [A]: everyone, [S]: {} });
    const { after, plan } = run(open, { type: 'monitor', supervisorId: S });
    expect(table(after, [C, A, S])).toEqual({ [C]: [A], [A]: [C], [S]: sorted(C, A) });
    for (const id of [C, A]) expect(after.subscriptions[id]?.participants?.length).toBe(1);
    expect(plan.writes[0]?.receiverId).not.toBe(S); // closing writes (C, A) before S opens
    expect(plan.writes.at(-1)?.receiverId).toBe(S);
  });

  it('end supervision removes S in both directions', () => {
    const barged = run(normal, { type: 'barge', supervisorId: S }).after;
    const { after } = run(barged, { type: 'endSupervision', supervisorId: S });
    expect(table(after, [C, A, S])).toEqual({ [C]: [A], [A]: [C], [S]: [] });
  });
});

describe('larger calls: several customers, agents and supervisors', () => {
  const C1 = 'c1000000-0000-4000-8000-000000000001';
  const C2 = 'c2000000-0000-4000-8000-000000000002';
  const A1 = 'a1000000-0000-4000-8000-000000000003';
  const A2 = 'a2000000-0000-4000-8000-000000000004';
  const S1 = '51000000-0000-4000-8000-000000000005';
  const S2 = '52000000-0000-4000-8000-000000000006';
  const members = [
    person(C1, 'customer'),
    person(C2, 'customer'),
    person(A1, 'agent'),
    person(A2, 'agent'),
    person(S1, 'supervisor'),
    person(S2, 'supervisor'),
  ];
  const ids = [C1, C2, A1, A2, S1, S2];
  const call = sessionOf(members, {
    [C1]: list(C2, A1, A2),
    [C2]: list(C1, A1, A2),
    [A1]: list(C1, C2, A2),
    [A2]: list(C1, C2, A1),
  });

  it('whisper S1 to A1 while S2 monitors: only A1 hears S1, S2 keeps monitoring', () => {
    const monitored = run(call, { type: 'monitor', supervisorId: S2 }).after;
    const { after } = run(monitored, { type: 'whisper', supervisorId: S1, agentIds: [A1] });
    expect(table(after, ids)).toEqual({
      [C1]: sorted(C2, A1, A2),
      [C2]: sorted(C1, A1, A2),
      [A1]: sorted(C1, C2, A2, S1),
      [A2]: sorted(C1, C2, A1),
      [S1]: sorted(C1, C2, A1, A2),
      [S2]: sorted(C1, C2, A1, A2),
    });
  });

  it('default whisper reaches every agent and no customer', () => {
    const { after } = run(call, { type: 'whisper', supervisorId: S1 });
    for (const c of [C1, C2]) expect(hears(after, c)).not.toContain(S1);
    for (const a of [A1, A2]) expect(hears(after, a)).toContain(S1);
  });

  it('two supervisors barge: every non-supervisor hears both', () => {
    const one = run(call, { type: 'barge', supervisorId: S1 }).after;
    const { after } = run(one, { type: 'barge', supervisorId: S2 });
    for (const id of [C1, C2, A1, A2])
      expect(hears(after, id)).toEqual(expect.arrayContaining([S1, S2]));
    expect(hears(after, S1)).toEqual(sorted(C1, C2, A1, A2));
  });

  it('monitor with a chosen subset', () => {
    const { after } = run(call, { type: 'monitor', supervisorId: S1, participantIds: [A2] });
    expect(hears(after, S1)).toEqual([A2]);
  });

  it('hold C1: nobody hears C1 and C1 hears nobody; isolate keeps supervisor routes', () => {
    const held = run(call, { type: 'hold', participantId: C1 }).after;
    expect(hears(held, C1)).toEqual([]);
    for (const id of ids) expect(hears(held, id)).not.toContain(C1);
    const monitored = run(call, { type: 'monitor', supervisorId: S1 }).after;
    const isolated = run(monitored, { type: 'isolate', participantId: C1 }).after;
    expect(hears(isolated, C1)).toEqual([]);
    expect(hears(isolated, S1)).toContain(C1);
    expect(hears(isolated, A1)).not.toContain(C1);
  });

  it('unmute restores the role-based audience, including listening supervisors', () => {
    const monitored = run(call, { type: 'monitor', supervisorId: S1 }).after;
    const muted = run(monitored, { type: 'mute', publisherId: A2 }).after;
    const { after } = run(muted, { type: 'unmute', publisherId: A2 });
    expect(table(after, ids)).toEqual(table(monitored, ids));
  });

  it('unmuting a supervisor reaches agents only', () => {
    const barged = run(call, { type: 'barge', supervisorId: S1 }).after;
    const muted = run(barged, { type: 'mute', publisherId: S1 }).after;
    const { after } = run(muted, { type: 'unmute', publisherId: S1 });
    expect(ids.filter((id) => hears(after, id).includes(S1)).sort()).toEqual(sorted(A1, A2));
  });

  it('fully wire: everyone hears everyone', () => {
    const { after } = run(call, { type: 'fullyWire' });
    for (const id of ids) expect(hears(after, id)).toEqual(ids.filter((x) => x !== id).sort());
  });

  it('move: the others stop hearing the participant; no write for it', () => {
    const { plan, target } = run(call, { type: 'move', participantId: A2, toSessionId: 'other' });
    expect(plan.moves).toEqual([{ participantId: A2, toSessionId: 'other' }]);
    expect(plan.writes.map((w) => w.receiverId).sort()).toEqual(sorted(C1, C2, A1));
    expect(target.subscriptions[A2]).toBeUndefined();
  });

  it('in an unsupervised call, untouched session-level subscriptions are preserved', () => {
    const open = sessionOf(members.slice(0, 4), {
      [C1]: everyone,
      [C2]: everyone,
      [A1]: everyone,
      [A2]: everyone,
    });
    const muted = run(open, { type: 'mute', publisherId: C2, receiverId: A1 });
    expect(muted.plan.writes.map((w) => w.receiverId)).toEqual([A1]);
    expect(muted.after.subscriptions[C1]).toBe(everyone);
    const moved = run(open, { type: 'move', participantId: C2, toSessionId: 'other' });
    expect(moved.plan.writes).toEqual([]);
    const wired = run(muted.after, { type: 'fullyWire' });
    expect(wired.plan.writes.map((w) => w.receiverId)).toEqual([A1]);
  });
});
