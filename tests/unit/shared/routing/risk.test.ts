/**
 * The one confirmation rule (shared/routing/risk.ts): judged on the resulting state, for every
 * kind of change; harmless results do not ask; a role only guessed from a tag asks when it matters;
 * the words say it once per person, the customer first.
 */
import { describe, expect, it } from 'vitest';
import type {
  Intent,
  RoutingParticipant,
  RoutingSession,
} from '../../../../src-main/shared/routing';
import {
  applyIntent,
  groupedLines,
  newViolations,
  previewPlan,
  rebase,
  revertRisks,
  riskSentences,
  risksOf,
  targetSession,
  uniqueMessages,
} from '../../../../src-main/shared/routing';
import { SID, list, person, sessionOf } from './support';

const C = 'c0000000-0000-4000-8000-000000000001';
const A = 'a0000000-0000-4000-8000-000000000002';
const S = 'f0000000-0000-4000-8000-000000000003';
const A2 = 'a2000000-0000-4000-8000-000000000004';

function named(p: RoutingParticipant, displayName: string): RoutingParticipant {
  return { ...p, displayName };
}

/** A customer and an agent talking, a supervisor monitoring. */
function monitored(people?: readonly RoutingParticipant[]): RoutingSession {
  return sessionOf(
    people ?? [
      named(person(C, 'customer'), 'Dana Whitfield'),
      named(person(A, 'agent'), 'Kim Park'),
      named(person(S, 'supervisor'), 'Sam Lee'),
    ],
    { [C]: list(A), [A]: list(C), [S]: list(C, A) },
  );
}

function after(session: RoutingSession, intent: Intent): RoutingSession {
  return targetSession(session, applyIntent(session, intent));
}

function kinds(session: RoutingSession, intent: Intent): string[] {
  return risksOf(session, after(session, intent)).map((r) => r.kind);
}

describe('the confirmation rule judges the result', () => {
  it('a barge asks: the customer would hear the supervisor', () => {
    const call = monitored();
    const risks = risksOf(call, after(call, { type: 'barge', supervisorId: S }));
    expect(risks).toEqual([{ kind: 'customer-hears-supervisor', receiverId: C, publisherId: S }]);
    expect(riskSentences(call, risks)).toEqual(['The customer Dana Whitfield will hear Sam Lee.']);
  });

  it('the same result by a single cell asks the same (not the verb: the state)', () => {
    const call = monitored();
    expect(kinds(call, { type: 'subscribe', receiverId: C, publisherId: S })).toEqual([
      'customer-hears-supervisor',
    ]);
    expect(kinds(call, { type: 'unmute', publisherId: S, receiverId: C })).toEqual([
      'customer-hears-supervisor',
    ]);
  });

  it('cutting the agent off from the customer asks, whichever change does it', () => {
    const call = monitored();
    for (const intent of [
      { type: 'unsubscribe', receiverId: A, publisherId: C },
      { type: 'mute', publisherId: C },
      { type: 'mute', publisherId: C, receiverId: A },
      { type: 'hold', participantId: C },
      { type: 'isolate', participantId: A },
    ] satisfies Intent[]) {
      expect(kinds(call, intent), intent.type).toEqual(['agent-loses-customer']);
    }
    const risks = risksOf(call, after(call, { type: 'mute', publisherId: C }));
    expect(riskSentences(call, risks)).toEqual([
      'The agent Kim Park will no longer hear the customer Dana Whitfield.',
    ]);
  });

  it('harmless results do not ask: monitor, whisper, end supervision, un-mutes', () => {
    const idle = sessionOf(monitored().participants, { [C]: list(A), [A]: list(C) });
    expect(kinds(idle, { type: 'monitor', supervisorId: S })).toEqual([]);
    const call = monitored();
    expect(kinds(call, { type: 'whisper', supervisorId: S })).toEqual([]);
    expect(kinds(call, { type: 'endSupervision', supervisorId: S })).toEqual([]);
    const muted = sessionOf(call.participants, { [C]: list(A), [A]: {}, [S]: list(C, A) });
    expect(kinds(muted, { type: 'unmute', publisherId: C })).toEqual([]);
    expect(kinds(muted, { type: 'subscribe', receiverId: A, publisherId: C })).toEqual([]);
    // Ending a barge: the customer stops hearing the supervisor.
    const barged = rebase({ type: 'barge', supervisorId: S }, call);
    const during = targetSession(call, barged.target);
    expect(kinds(during, { type: 'endSupervision', supervisorId: S })).toEqual([]);
    expect(kinds(during, { type: 'monitor', supervisorId: S })).toEqual([]);
  });

  it('a risk already there does not ask again (only what the change adds)', () => {
    const call = monitored();
    const during = targetSession(call, rebase({ type: 'barge', supervisorId: S }, call).target);
    expect(kinds(during, { type: 'subscribe', receiverId: S, publisherId: C })).toEqual([]);
  });

  it('a member who leaves with the change is not judged', () => {
    const call = monitored();
    const gone = { ...call, participants: call.participants.filter((p) => p.id !== A) };
    expect(risksOf(call, gone)).toEqual([]);
  });

  it('a role only guessed from a tag asks when another role would make the change risky', () => {
    const guessedAgent = monitored([
      person(C, 'customer'),
      { ...person(A, 'agent', 'agent-1'), roleSuggested: true },
      person(S, 'supervisor'),
    ]);
    // A whisper is harmless for an agent; if the "agent" is really a customer, they hear the supervisor.
    const risks = risksOf(guessedAgent, after(guessedAgent, { type: 'whisper', supervisorId: S }));
    expect(risks).toEqual([
      {
        kind: 'guessed-role',
        receiverId: A,
        publisherId: S,
        guessed: { risk: 'customer-hears-supervisor' },
      },
    ]);
    expect(riskSentences(guessedAgent, risks)).toEqual([
      `Patchbay only guessed Participant a000's role from a tag: if Participant a000 is really a customer, they will hear Supervisor f000.`,
    ]);
    // The same whisper with every role assigned does not ask.
    expect(kinds(monitored(), { type: 'whisper', supervisorId: S })).toEqual([]);
  });

  it('a guess that could only make the change riskier does not ask: ending a guessed supervision', () => {
    const guessedSupervisor = monitored([
      person(C, 'customer'),
      person(A, 'agent'),
      { ...person(S, 'supervisor', 'supervisor-1'), roleSuggested: true },
    ]);
    expect(kinds(guessedSupervisor, { type: 'endSupervision', supervisorId: S })).toEqual([]);
    expect(
      kinds(guessedSupervisor, { type: 'unsubscribe', receiverId: S, publisherId: C }),
    ).toEqual([]);
    // A whisper by the guessed supervisor ending: the agent no longer hears them.
    const whispering = targetSession(
      guessedSupervisor,
      applyIntent(guessedSupervisor, { type: 'whisper', supervisorId: S }),
    );
    expect(kinds(whispering, { type: 'unsubscribe', receiverId: A, publisherId: S })).toEqual([]);
  });

  it('a guessed customer: cutting them from an agent asks as the agent losing them', () => {
    const guessedCustomer = monitored([
      { ...person(C, 'other', 'caller-1'), roleSuggested: true },
      person(A, 'agent'),
      person(S, 'supervisor'),
    ]);
    const risks = risksOf(
      guessedCustomer,
      after(guessedCustomer, { type: 'unsubscribe', receiverId: A, publisherId: C }),
    );
    expect(risks.map((r) => [r.kind, r.guessed?.risk])).toEqual([
      ['guessed-role', 'agent-loses-customer'],
    ]);
    expect(riskSentences(guessedCustomer, risks)[0]).toMatch(
      /if Participant c000 is really a customer, Agent a000 will no longer hear them\.$/,
    );
  });
});

describe('the words', () => {
  it('many agents losing the customer is one sentence, a list "A, B and C"', () => {
    const people = [
      named(person(C, 'customer'), 'Dana Whitfield'),
      named(person(A, 'agent'), 'Kim Park'),
      named(person(A2, 'agent'), 'Lee Wong'),
      named(person(S, 'supervisor'), 'Sam Lee'),
    ];
    const call = sessionOf(people, { [C]: list(A, A2), [A]: list(C, A2), [A2]: list(C, A) });
    const risks = risksOf(call, after(call, { type: 'mute', publisherId: C }));
    expect(risks).toHaveLength(2);
    expect(riskSentences(call, risks)).toEqual([
      'The agents Kim Park and Lee Wong will no longer hear the customer Dana Whitfield.',
    ]);
  });

  it('unnamed people are named by their label, without repeating the role word', () => {
    const call = monitored([person(C, 'customer'), person(A, 'agent'), person(S, 'supervisor')]);
    const risks = risksOf(call, after(call, { type: 'barge', supervisorId: S }));
    expect(riskSentences(call, risks)).toEqual(['Customer c000 will hear Supervisor f000.']);
  });

  it('the customer comes first, then the agents, each said once', () => {
    const call = monitored();
    const change = rebase(
      { type: 'fullyWire' },
      sessionOf(call.participants, { [C]: list(A), [A]: {} }),
    );
    const messages = uniqueMessages(newViolations(change.violations));
    expect(messages[0]).toBe('The customer Dana Whitfield will hear Sam Lee.');
  });
});

describe('the main process asks for the same (rebase carries the risks)', () => {
  it('a barge or a cut needs confirmedViolations; a monitor or a whisper does not', () => {
    const call = monitored();
    const asks = (intent: Intent): string[] =>
      newViolations(rebase(intent, call).violations).map((v) => v.ruleId);
    expect(asks({ type: 'barge', supervisorId: S })).toEqual(['risk-customer-hears-supervisor']);
    expect(asks({ type: 'mute', publisherId: C })).toEqual(['risk-agent-loses-customer']);
    expect(asks({ type: 'whisper', supervisorId: S })).toEqual([]);
    expect(asks({ type: 'endSupervision', supervisorId: S })).toEqual([]);
  });
});

describe('the order: what changes for the customer leads', () => {
  it('a barge by a guessed supervisor says the customer first, then the guess', () => {
    const call = monitored([
      person(C, 'customer'),
      person(A, 'agent'),
      { ...person(S, 'supervisor', 'supervisor-1'), roleSuggested: true },
    ]);
    const asks = newViolations(rebase({ type: 'barge', supervisorId: S }, call).violations);
    expect(asks.map((v) => v.ruleId)).toEqual([
      'risk-customer-hears-supervisor',
      'role-guessed-from-tag',
    ]);
  });
});

describe('a timed route asks, when it starts, about what its end will do', () => {
  it('a timed "stop supervising" during a barge gives the barge back when it ends', () => {
    const call = monitored();
    const during = targetSession(call, rebase({ type: 'barge', supervisorId: S }, call).target);
    const ended = after(during, { type: 'endSupervision', supervisorId: S });
    expect(uniqueMessages(revertRisks(during, ended))).toEqual([
      'When the timer ends, the customer Dana Whitfield will hear Sam Lee.',
    ]);
  });

  it('a timed whisper or mute ends harmlessly', () => {
    const call = monitored();
    expect(revertRisks(call, after(call, { type: 'whisper', supervisorId: S }))).toEqual([]);
    expect(revertRisks(call, after(call, { type: 'mute', publisherId: S }))).toEqual([]);
  });
});

describe('a 20-party review', () => {
  const agents = Array.from(
    { length: 18 },
    (_, i) => `a${String(i).padStart(7, '0')}-0000-4000-8000-000000000010`,
  );
  const people = [
    named(person(C, 'customer'), 'Dana Whitfield'),
    ...agents.map((id, i) => named(person(id, 'agent'), `Person ${i + 1}`)),
    named(person(S, 'supervisor'), 'Sam Lee'),
  ];
  const everyone = { sessionId: SID };
  const call = sessionOf(
    people,
    Object.fromEntries(people.map((p) => [p.id, p.id === S ? list(C, ...agents) : everyone])),
  );

  const others = people.filter((p) => p.id !== S).map((p) => p.id);
  const wired = sessionOf(
    people,
    Object.fromEntries(
      people.map((p) => [
        p.id,
        p.id === S ? list(...others) : list(...others.filter((o) => o !== p.id)),
      ]),
    ),
  );

  it('leads with the customer in one sentence and lists at a glance', () => {
    const risks = risksOf(call, after(call, { type: 'mute', publisherId: C }));
    expect(risks).toHaveLength(18);
    expect(riskSentences(call, risks)).toEqual([
      'The agents Person 1, Person 2, Person 3 and 15 others will no longer hear the customer Dana Whitfield.',
    ]);
    const barge = risksOf(wired, after(wired, { type: 'barge', supervisorId: S }));
    expect(riskSentences(wired, barge)).toEqual(['The customer Dana Whitfield will hear Sam Lee.']);
  });

  it('a whisper to 18 agents is one grouped line, not one line per cell', () => {
    const plan = rebase({ type: 'whisper', supervisorId: S }, wired).plan;
    expect(groupedLines(plan, wired)).toEqual([
      'Person 1, Person 2, Person 3 and 15 others will hear Sam Lee',
    ]);
    expect(previewPlan(plan, wired).lines).toHaveLength(18);
  });

  it("rows leaving 'everyone in the session' are one sentence in words a supervisor uses", () => {
    const plan = rebase({ type: 'whisper', supervisorId: S }, call).plan;
    const lines = groupedLines(plan, call);
    expect(lines).toEqual([
      'Dana Whitfield will no longer hear Sam Lee',
      'People who join later will not be heard automatically by Person 1, Person 2, Person 3 and 16 others',
    ]);
    expect(lines.join(' ')).not.toMatch(/subscription|explicit list|API/);
  });
});
