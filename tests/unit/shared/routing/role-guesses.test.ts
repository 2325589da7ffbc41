/**
 * Issue 12, item 2: roles suggested by a tag (a caller tagged `agent-…`) never decide who gets a
 * whisper without the supervisor seeing it, and never relax a guardrail.
 */
import { describe, expect, it } from 'vitest';
import type { Participant } from '../../../../src-main/shared/bandwidth-api';
import type { Intent, RoutingSession } from '../../../../src-main/shared/routing';
import {
  ROLE_GUESS_RULE,
  checkGuardrails,
  newViolations,
  rebase,
  roleAssumption,
  sessionFromApi,
} from '../../../../src-main/shared/routing';
import { suggestedRoles } from '../../../../src-main/shared/roles';
import { SID, list } from './support';

const C = '7f3a0000-0000-4000-8000-000000000001';
const A = '4f2a0000-0000-4000-8000-000000000002';
const S = '9c1d0000-0000-4000-8000-000000000003';

function api(id: string, tag: string, subscriptions = {}): Participant {
  return { id, tag, publishPermissions: ['AUDIO'], sessions: [SID], subscriptions };
}

/** A monitored call (supervisor hears both); `assigned` roles win over the tags' suggestions. */
function call(assigned: Record<string, 'customer' | 'agent' | 'supervisor'> = {}): RoutingSession {
  const participants = [
    api(C, `customer-${C}`, list(A)),
    api(A, `agent-${A}`, list(C)),
    api(S, `supervisor-${S}`, list(C, A)),
  ];
  return sessionFromApi(SID, participants, assigned, suggestedRoles(participants));
}

const ALL_ASSIGNED = { [C]: 'customer', [A]: 'agent', [S]: 'supervisor' } as const;

describe('a preset relying on a role only a tag suggested', () => {
  it('marks suggested roles, and assigned roles win', () => {
    const session = call({ [S]: 'supervisor' });
    expect(session.participants.map((p) => [p.role, p.roleSuggested ?? false])).toEqual([
      ['customer', true],
      ['agent', true],
      ['supervisor', false],
    ]);
  });

  it('asks before a whisper to a guessed agent, naming the guess in one sentence', () => {
    const session = call({ [S]: 'supervisor' });
    const whisper: Intent = { type: 'whisper', supervisorId: S };
    expect(roleAssumption(session, whisper)).toEqual({
      ruleId: ROLE_GUESS_RULE,
      receiverId: A,
      publisherId: S,
      message: 'Patchbay guessed from the tag that Participant 4f2a is the agent; whisper to them?',
      preExisting: false,
    });
    // Named targets too.
    expect(roleAssumption(session, { ...whisper, agentIds: [A] })?.message).toMatch(
      /Participant 4f2a is the agent; whisper to them\?$/,
    );
  });

  it('asks before a monitor, whisper or barge by a guessed supervisor', () => {
    const session = call({ [C]: 'customer', [A]: 'agent' });
    expect(roleAssumption(session, { type: 'monitor', supervisorId: S })?.message).toBe(
      'Patchbay guessed from the tag that Participant 9c1d is the supervisor; let them listen to the call?',
    );
    expect(roleAssumption(session, { type: 'barge', supervisorId: S })?.message).toBe(
      'Patchbay guessed from the tag that Participant 9c1d is the supervisor; let everyone on the call hear them?',
    );
    expect(roleAssumption(call(), { type: 'whisper', supervisorId: S })?.message).toBe(
      'Patchbay guessed from the tags that Participant 9c1d is the supervisor and that Participant 4f2a is the agent; whisper anyway?',
    );
  });

  it('does not ask when every role it relies on was assigned, or for other changes', () => {
    const session = call(ALL_ASSIGNED);
    for (const type of ['monitor', 'whisper', 'barge'] as const) {
      expect(roleAssumption(session, { type, supervisorId: S })).toBeNull();
    }
    expect(roleAssumption(call(), { type: 'endSupervision', supervisorId: S })).toBeNull();
    expect(roleAssumption(call(), { type: 'mute', publisherId: C })).toBeNull();
    // A whisper to an assigned agent by an assigned supervisor, a customer only guessed: no question.
    expect(
      roleAssumption(call({ [A]: 'agent', [S]: 'supervisor' }), {
        type: 'whisper',
        supervisorId: S,
      }),
    ).toBeNull();
  });

  it('puts the question first in the rebased change, blocking it, once', () => {
    const session = call({ [S]: 'supervisor' });
    const change = rebase({ type: 'whisper', supervisorId: S }, session);
    const blocking = newViolations(change.violations);
    expect(blocking.map((v) => v.ruleId)).toEqual([ROLE_GUESS_RULE]);
    expect(rebase({ type: 'whisper', supervisorId: S }, call(ALL_ASSIGNED)).violations).toEqual([]);
  });
});

describe('a suggested role never relaxes a guardrail', () => {
  const hearsSupervisor = (session: RoutingSession): ReturnType<typeof checkGuardrails> =>
    newViolations(
      checkGuardrails(session, {
        subscriptions: { [A]: list(C, S), [S]: list(C, A) },
        moves: [],
      }),
    );

  it('a guessed agent hearing the supervisor is flagged as a customer would be', () => {
    const [violation] = hearsSupervisor(call({ [S]: 'supervisor' }));
    expect(violation).toMatchObject({
      ruleId: 'customer-hears-no-supervisor',
      receiverId: A,
      publisherId: S,
    });
    expect(violation?.message).toBe(
      'Patchbay only guessed from the tag that Participant 4f2a is an agent; if they are a customer, they would hear Supervisor 9c1d.',
    );
    // Assigned as an agent, hearing the supervisor is a whisper like any other.
    expect(hearsSupervisor(call(ALL_ASSIGNED))).toEqual([]);
  });

  it('covers every path, not only presets: an unmute of the supervisor reaches a guessed agent', () => {
    const session = call({ [S]: 'supervisor' });
    const change = rebase({ type: 'unmute', publisherId: S }, session);
    expect(newViolations(change.violations).map((v) => [v.ruleId, v.receiverId])).toEqual([
      ['risk-guessed-role', A],
    ]);
    const assigned = rebase({ type: 'unmute', publisherId: S }, call(ALL_ASSIGNED));
    expect(newViolations(assigned.violations)).toEqual([]);
  });
});
