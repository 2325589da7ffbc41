import { describe, expect, it } from 'vitest';
import {
  applyIntent,
  checkGuardrails,
  newViolations,
  type GuardrailRule,
} from '../../../../src-main/shared/routing';
import { everyone, list, person, sessionOf } from './support';

const C = 'c0de0001-0000-4000-8000-000000000001';
const A = 'a9e00001-0000-4000-8000-000000000002';
const S = '5e900001-0000-4000-8000-000000000003';
const people = [person(C, 'customer'), person(A, 'agent'), person(S, 'supervisor')];
const normal = sessionOf(people, { [C]: list(A), [A]: list(C) });

describe('built-in guardrails', () => {
  it('flags a customer hearing a supervisor, with a plain explanation', () => {
    const target = applyIntent(normal, { type: 'subscribe', receiverId: C, publisherId: S });
    const violations = checkGuardrails(normal, target, target.context);
    expect(violations).toEqual([
      {
        ruleId: 'customer-hears-no-supervisor',
        receiverId: C,
        publisherId: S,
        preExisting: false,
        message:
          'Customer c0de would hear Supervisor 5e90; customers hear a supervisor only during a confirmed barge.',
      },
    ]);
  });

  it('allows it during a confirmed barge', () => {
    const target = applyIntent(normal, { type: 'subscribe', receiverId: C, publisherId: S });
    const allowed = { bargeSupervisorIds: [S], deliberateCuts: [] };
    expect(checkGuardrails(normal, target, allowed)).toEqual([]);
  });

  it('flags an agent who stops hearing its customer — unless cut deliberately', () => {
    const target = applyIntent(normal, { type: 'subscribe', receiverId: A, publisherId: S });
    const broken = { ...target, subscriptions: { ...target.subscriptions, [A]: list(S) } };
    const found = checkGuardrails(normal, broken);
    expect(found.map((v) => [v.ruleId, v.receiverId, v.publisherId])).toEqual([
      ['agent-hears-customer', A, C],
    ]);
    const muted = applyIntent(normal, { type: 'mute', publisherId: C, receiverId: A });
    expect(checkGuardrails(normal, muted, muted.context)).toEqual([]);
    const held = applyIntent(normal, { type: 'hold', participantId: C });
    expect(checkGuardrails(normal, held, held.context)).toEqual([]);
  });

  it('flags session-level subscriptions in a supervised session', () => {
    const open = sessionOf(people, { [C]: list(A), [A]: everyone });
    const found = checkGuardrails(open, { subscriptions: {}, moves: [] });
    expect(found).toEqual([
      expect.objectContaining({
        ruleId: 'no-session-level-when-supervised',
        receiverId: A,
        preExisting: true,
      }),
      // A's session-level subscription includes S, so A hears S — fine; C does not.
    ]);
    expect(newViolations(found)).toEqual([]);
  });

  it('marks violations the current state already has as pre-existing', () => {
    const barged = sessionOf(people, { [C]: list(A, S), [A]: list(C, S), [S]: list(C, A) });
    const target = applyIntent(barged, { type: 'mute', publisherId: A, receiverId: C });
    const found = checkGuardrails(barged, target, target.context);
    expect(found.map((v) => [v.ruleId, v.preExisting])).toEqual([
      ['customer-hears-no-supervisor', true],
    ]);
  });

  it('evaluates the session without participants that move out', () => {
    const target = applyIntent(normal, { type: 'move', participantId: C, toSessionId: 'x' });
    expect(checkGuardrails(normal, target, target.context)).toEqual([]);
  });

  it('accepts custom declarative rules', () => {
    const nobodyHearsTwo: GuardrailRule = {
      id: 'at-most-one',
      describe: 'Nobody hears more than one participant.',
      check: (state) =>
        state.participants
          .filter((p) => (state.subscriptions[p.id]?.participants?.length ?? 0) > 1)
          .map((p) => ({ receiverId: p.id, message: `${p.id} hears too many` })),
    };
    const target = applyIntent(normal, { type: 'whisper', supervisorId: S, agentIds: [A] });
    const found = checkGuardrails(normal, target, target.context, [nobodyHearsTwo]);
    expect(found.map((v) => v.receiverId).sort()).toEqual([A, S].sort());
  });
});
