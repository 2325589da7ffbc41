import { describe, expect, it } from 'vitest';
import type { Subscriptions } from '../../../../src-main/shared/bandwidth-api';
import type { RoutingParticipant } from '../../../../src-main/shared/routing';
import { onAirWords } from '../../../../src-main/shared/routing/on-air';
import { everyone, list, person, SID, sessionOf } from './support';

const C = '7f3a0001-0000-4000-8000-000000000001';
const A = '9c1d0001-0000-4000-8000-000000000002';
const ME = '21bc0001-0000-4000-8000-000000000003';
const LIVE = { published: true, muted: false };

const named = (p: RoutingParticipant, displayName: string): RoutingParticipant => ({
  ...p,
  displayName,
});
const guessed = (p: RoutingParticipant): RoutingParticipant => ({ ...p, roleSuggested: true });

/** Customer, agent and me, with the receivers' subscriptions given. */
function call(subs: Record<string, Subscriptions>, members?: RoutingParticipant[]) {
  return sessionOf(
    members ?? [
      named(person(C, 'customer'), 'Dana Whitfield'),
      named(person(A, 'agent'), 'Ana Ruiz'),
      person(ME, 'supervisor'),
    ],
    { [C]: list(A), [A]: list(C), [ME]: list(C, A), ...subs },
  );
}

describe('on-air words', () => {
  it('monitor: my microphone is off and nobody hears me', () => {
    const words = onAirWords(call({}), ME, { published: false, muted: false });
    expect(words).toEqual({
      kind: 'off',
      text: 'Listening only — your microphone is off',
      heardBy: [],
      customerHears: false,
    });
  });

  it('coach: the agent hears me, by name and role; the customer does not', () => {
    const words = onAirWords(call({ [A]: list(C, ME) }), ME, LIVE);
    expect(words.kind).toBe('live');
    expect(words.text).toBe('On air — Ana Ruiz (agent) hears you; the customer does not');
    expect(words.heardBy).toEqual([A]);
    expect(words.customerHears).toBe(false);
  });

  it('barge: everyone on the call hears me, the customer said too', () => {
    const words = onAirWords(call({ [A]: list(C, ME), [C]: list(A, ME) }), ME, LIVE);
    expect(words.text).toBe('On air — everyone on the call hears you, the customer too');
    expect(words.customerHears).toBe(true);
  });

  it('muted: nobody hears me, whatever the routing', () => {
    const words = onAirWords(call({ [A]: list(C, ME), [C]: list(A, ME) }), ME, {
      published: true,
      muted: true,
    });
    expect(words.text).toBe('Muted — nobody hears you');
    expect(words.kind).toBe('muted');
    // What the routing would let through is still known (the indicator's reason to warn).
    expect(words.customerHears).toBe(true);
  });

  it('says when the customer alone hears me, never that the customer does not', () => {
    const words = onAirWords(call({ [C]: list(A, ME) }), ME, LIVE);
    expect(words.text).toBe('On air — Dana Whitfield (customer) hears you; the customer hears you');
    expect(words.customerHears).toBe(true);
  });

  it('a session-level subscription hears me: the customer is said to hear me', () => {
    const words = onAirWords(call({ [C]: everyone }), ME, LIVE);
    expect(words.heardBy).toEqual([C]);
    expect(words.text).toContain('the customer hears you');
  });

  it('a guessed customer role still counts as the customer hearing me', () => {
    const members = [guessed(person(C, 'customer')), person(A, 'agent'), person(ME, 'supervisor')];
    const words = onAirWords(call({ [C]: list(A, ME) }, members), ME, LIVE);
    expect(words.text).toBe('On air — Customer 7f3a hears you; the customer hears you');
  });

  it('a listener whose role is unknown or only guessed may be the customer: no "does not"', () => {
    const other = '55aa0001-0000-4000-8000-000000000004';
    const members = [
      person(other, 'other'),
      person(A, 'agent'),
      person(ME, 'supervisor'),
      person(C, 'customer'),
    ];
    const words = onAirWords(call({ [other]: list(A, ME) }, members), ME, LIVE);
    expect(words.text).toBe(
      'On air — Participant 55aa hears you; the customer may be among them (not every role is known)',
    );
    const agentGuessed = [
      guessed(person(A, 'agent')),
      person(C, 'customer'),
      person(ME, 'supervisor'),
    ];
    const w2 = onAirWords(call({ [A]: list(C, ME) }, agentGuessed), ME, LIVE);
    expect(w2.text).not.toContain('does not');
    expect(w2.text).toContain('may be among them');
  });

  it('a guessed role beside a directory name is said as a guess', () => {
    const members = [
      named(guessed(person(A, 'agent')), 'Ana Ruiz'),
      person(C, 'customer'),
      person(ME, 'supervisor'),
    ];
    const words = onAirWords(call({ [A]: list(C, ME) }, members), ME, LIVE);
    expect(words.text).toMatch(/^On air — Ana Ruiz \(probably the agent\) hears you;/);
  });

  it('a subscription to my camera only does not carry my microphone; to my microphone it does', () => {
    const cameraOnly: Subscriptions = {
      sessionId: SID,
      participants: [{ participantId: C }, { participantId: ME, streamAliases: ['camera'] }],
    };
    expect(onAirWords(call({ [A]: cameraOnly }), ME, LIVE).heardBy).toEqual([]);
    const mic: Subscriptions = {
      sessionId: SID,
      participants: [{ participantId: ME, streamAliases: ['microphone'] }],
    };
    expect(onAirWords(call({ [A]: mic }), ME, LIVE).heardBy).toEqual([A]);
  });

  it('open microphone, nobody subscribed: on air, and says nobody hears yet', () => {
    const words = onAirWords(call({}), ME, LIVE);
    expect(words).toMatchObject({ kind: 'live', heardBy: [] });
    expect(words.text).toBe('On air — but nobody on the call hears you yet');
  });

  it('without audio permission nobody can hear me', () => {
    const members = [
      person(C, 'customer'),
      person(A, 'agent'),
      { ...person(ME, 'supervisor'), publishPermissions: ['VIDEO' as const] },
    ];
    expect(onAirWords(call({ [C]: list(A, ME) }, members), ME, LIVE).heardBy).toEqual([]);
  });
});
