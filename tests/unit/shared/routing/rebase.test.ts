/** Rebase onto fresh state, undo with conflict detection, and intent validation. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RoutingSession } from '../../../../src-main/shared/routing';
import { parseIntent } from '../../../../src-main/ipc/intent-schema';
import {
  applyIntent,
  applyPlan,
  checkGuardrails,
  IntentError,
  planUndo,
  rebase,
  validateIntent,
  withSubscriptions,
} from '../../../../src-main/shared/routing';
import {
  hears,
  list,
  person,
  sessionOf,
  sessionWithIntentArb,
  PRESET_TYPES,
  sameEffective,
} from './support';

const C = 'c0de0001-0000-4000-8000-000000000001';
const A1 = 'a1000000-0000-4000-8000-000000000002';
const A2 = 'a2000000-0000-4000-8000-000000000003';
const S = '5e900001-0000-4000-8000-000000000004';
const people = [
  person(C, 'customer'),
  person(A1, 'agent'),
  person(A2, 'agent'),
  person(S, 'supervisor'),
];
const call = sessionOf(people, { [C]: list(A1, A2), [A1]: list(C, A2), [A2]: list(C, A1) });

describe('rebase', () => {
  it('keeps a concurrent change to other cells', () => {
    // Someone else muted A2 for C between the user's click and the applier's fresh read.
    const fresh = withSubscriptions(call, { [C]: list(A1) });
    const { plan, violations } = rebase(
      { type: 'whisper', supervisorId: S, agentIds: [A1] },
      fresh,
    );
    const after = applyPlan(fresh, plan.writes);
    expect(hears(after, C)).toEqual([A1]);
    expect(hears(after, A1)).toEqual([C, A2, S].sort());
    expect(violations).toEqual([]);
  });

  it('adds confirmed allowances to the guardrail check; the risk still asks', () => {
    const intent = { type: 'subscribe', receiverId: C, publisherId: S } as const;
    const rules = (v: readonly { ruleId: string }[]): string[] => v.map((x) => x.ruleId);
    expect(rules(rebase(intent, call).violations)).toEqual(['risk-customer-hears-supervisor']);
    const allowed = rebase(intent, call, { bargeSupervisorIds: [S] }).violations;
    expect(rules(allowed)).toEqual(['risk-customer-hears-supervisor']);
    expect(
      rules(
        checkGuardrails(call, rebase(intent, call).target, {
          bargeSupervisorIds: [S],
          deliberateCuts: [],
        }),
      ),
    ).toEqual([]);
  });

  it('throws a specific error when the intent no longer fits', () => {
    const without = { ...call, participants: people.filter((p) => p.id !== A2) };
    expect(() => rebase({ type: 'hold', participantId: A2 }, without)).toThrow(IntentError);
  });
});

describe('planUndo', () => {
  const whisper = rebase({ type: 'whisper', supervisorId: S, agentIds: [A1] }, call).plan;
  const applied = applyPlan(call, whisper.writes);

  it('restores the previous routing when nothing moved on', () => {
    const undo = planUndo(whisper, applied);
    if (!undo.ok) throw new Error(undo.explanation);
    expect(
      sameEffective(call, applyPlan(applied, undo.plan.writes).subscriptions, call.subscriptions),
    ).toBe(true);
  });

  it('keeps concurrent changes to cells the plan did not touch', () => {
    const fresh = withSubscriptions(applied, { [A1]: list(C, S) }); // A1 stopped hearing A2
    const undo = planUndo(whisper, fresh);
    if (!undo.ok) throw new Error(undo.explanation);
    const after = applyPlan(fresh, undo.plan.writes);
    expect(hears(after, A1)).toEqual([C]);
    expect(hears(after, S)).toEqual([]);
  });

  it('refuses with an explanation when a touched cell changed since', () => {
    const fresh = withSubscriptions(applied, { [A1]: list(C, A2) }); // someone removed S from A1
    const undo = planUndo(whisper, fresh);
    expect(undo.ok).toBe(false);
    if (undo.ok) return;
    expect(undo.conflicts).toEqual([expect.objectContaining({ receiverId: A1, publisherId: S })]);
    expect(undo.explanation).toContain('Agent a100 now does not hear Supervisor 5e90');
  });

  it('redo is the undo of the undo', () => {
    const undo = planUndo(whisper, applied);
    if (!undo.ok) throw new Error(undo.explanation);
    const undone = applyPlan(applied, undo.plan.writes);
    const redo = planUndo(undo.plan, undone);
    if (!redo.ok) throw new Error(redo.explanation);
    expect(
      sameEffective(call, applyPlan(undone, redo.plan.writes).subscriptions, applied.subscriptions),
    ).toBe(true);
  });

  it('refuses plans that moved a participant', () => {
    const move = rebase({ type: 'move', participantId: A2, toSessionId: 'other' }, call).plan;
    expect(planUndo(move, applyPlan(call, move.writes)).ok).toBe(false);
  });

  it('undo after an unrelated concurrent write elsewhere is allowed and keeps it (property)', () => {
    fc.assert(
      fc.property(sessionWithIntentArb([...PRESET_TYPES]), fc.nat(), ({ session, intent }, k) => {
        const { plan } = rebase(intent, session);
        if (plan.moves.length > 0) return;
        const applied = applyPlan(session, plan.writes);
        const touched = new Set(plan.writes.map((w) => w.receiverId));
        const others = session.participants.filter((p) => !touched.has(p.id));
        const victim = others[k % Math.max(others.length, 1)];
        const fresh: RoutingSession =
          victim === undefined ? applied : withSubscriptions(applied, { [victim.id]: {} });
        const undo = planUndo(plan, fresh);
        expect(undo.ok).toBe(true);
        if (!undo.ok || victim === undefined) return;
        const after = applyPlan(fresh, undo.plan.writes);
        expect(hears(after, victim.id)).toEqual([]);
        const expected = { ...session.subscriptions, [victim.id]: {} };
        const untouched = others.map((p) => p.id);
        expect(sameEffective(session, after.subscriptions, expected, untouched)).toBe(true);
        const restored = session.participants.filter((p) => touched.has(p.id)).map((p) => p.id);
        const cellsOnly = restored.every(
          (r) => hears(after, r).join() === hears(session, r).join(),
        );
        expect(cellsOnly).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe('validation', () => {
  it('rejects intents that do not fit the session, with a specific message', () => {
    expect(validateIntent(call, { type: 'subscribe', receiverId: C, publisherId: C })?.code).toBe(
      'same-participant',
    );
    expect(validateIntent(call, { type: 'barge', supervisorId: A1 })?.message).toBe(
      'Agent a100 is not a supervisor; assign the supervisor role first.',
    );
    expect(validateIntent(call, { type: 'whisper', supervisorId: S, agentIds: [C] })?.code).toBe(
      'customer-in-whisper',
    );
    expect(
      validateIntent(call, { type: 'setStreams', receiverId: A1, publisherId: C, streams: [] })
        ?.code,
    ).toBe('invalid-streams');
    expect(validateIntent(call, { type: 'hold', participantId: 'nobody' })?.code).toBe(
      'unknown-participant',
    );
    expect(() =>
      applyIntent(call, { type: 'monitor', supervisorId: S, participantIds: [] }),
    ).toThrow('Choose at least one participant.');
  });

  it('parses untrusted intents', () => {
    expect(parseIntent({ type: 'barge', supervisorId: S })).toEqual({
      ok: true,
      value: { type: 'barge', supervisorId: S },
    });
    expect(parseIntent({ type: 'barge' }).ok).toBe(false);
    expect(parseIntent({ type: 'fullyWire', extra: 1 }).ok).toBe(false);
    expect(
      parseIntent({ type: 'setStreams', receiverId: C, publisherId: A1, streams: [] }).ok,
    ).toBe(false);
  });
});
