/**
 * Each preset applied to a live session on the real local API: the SERVER's delivery afterwards,
 * the exact requests made (one list + one PUT per changed receiver, +2 per move) and the audit.
 */
import { describe, expect, it } from 'vitest';
import type { Intent } from '../../../src-main/shared/routing';
import type { ApplyResult } from '../../../src-main/routing';
import type { Call, Fixture, Harness } from './support';
import { calls, hears, listOf, perTestWithFixture, set, sorted } from './support';

let h: Harness;
let f: Fixture;
let call: Call;
perTestWithFixture((scene) => ({ h, call, f } = scene));

/** Applies and checks the request counts: exactly one list and `puts` PUTs (plus extras). */
async function applyCounted(
  intent: Intent,
  puts: number,
  extra: Record<string, number> = {},
): Promise<ApplyResult> {
  h.api.control.resetStats();
  // Confirmed: what each preset risks is the confirmation rule's own test (tests/unit/shared/routing/risk.test.ts).
  const result = await f.applier.apply(call.sessionId, intent, { confirmedViolations: true });
  expect(result).toMatchObject({ ok: true });
  const expected = { listSessionParticipants: 1, ...extra };
  expect(calls(h)).toEqual(
    puts === 0 ? expected : { ...expected, updateParticipantSubscriptions: puts },
  );
  if (result.ok) expect(result.plan.writes).toHaveLength(puts);
  return result;
}

/** Puts the supervisor in silent monitor by hand (S hears C and A). */
async function monitoring(): Promise<void> {
  await set(h, call.sessionId, call.s, listOf(call.sessionId, call.c, call.a));
}

describe('presets on a live session', () => {
  it('monitor: the supervisor hears the call, nobody hears the supervisor', async () => {
    await applyCounted({ type: 'monitor', supervisorId: call.s }, 1);
    const { sessionId, c, a, s } = call;
    expect(hears(h, sessionId, s)).toEqual(sorted(c, a));
    expect(hears(h, sessionId, c)).toEqual([a]);
    expect(hears(h, sessionId, a)).toEqual([c]);
  });

  it('whisper: the agent hears the supervisor, the customer does not', async () => {
    const result = await applyCounted({ type: 'whisper', supervisorId: call.s }, 2);
    const { sessionId, c, a, s } = call;
    expect(hears(h, sessionId, c)).toEqual([a]);
    expect(hears(h, sessionId, a)).toEqual(sorted(c, s));
    expect(hears(h, sessionId, s)).toEqual(sorted(c, a));
    expect(result.ok && result.preview.apiCalls).toBe(2);
    const [entry] = await f.entries();
    expect(entry).toMatchObject({
      outcome: 'applied',
      sessionId,
      intent: { type: 'whisper', supervisorId: s },
      profileId: 'profile-test',
    });
    expect(entry?.receivers.map((r) => r.receiverId).sort()).toEqual(sorted(a, s));
    expect(result.ok && result.entrySeq).toBe(entry?.seq);
  });

  it('barge: everyone hears the supervisor (confirmed: a barge asks first)', async () => {
    await applyCounted({ type: 'barge', supervisorId: call.s }, 3);
    const { sessionId, c, a, s } = call;
    expect(hears(h, sessionId, c)).toEqual(sorted(a, s));
    expect(hears(h, sessionId, a)).toEqual(sorted(c, s));
    expect(hears(h, sessionId, s)).toEqual(sorted(c, a));
  });

  it('mute for everyone: nobody hears the customer any more', async () => {
    await monitoring();
    await applyCounted({ type: 'mute', publisherId: call.c }, 2);
    const { sessionId, c, a, s } = call;
    expect(hears(h, sessionId, a)).toEqual([]);
    expect(hears(h, sessionId, s)).toEqual([a]);
    expect(hears(h, sessionId, c)).toEqual([a]);
  });

  it('mute for one: only that receiver stops hearing the publisher', async () => {
    await monitoring();
    await applyCounted({ type: 'mute', publisherId: call.a, receiverId: call.c }, 1);
    const { sessionId, c, a, s } = call;
    expect(hears(h, sessionId, c)).toEqual([]);
    expect(hears(h, sessionId, s)).toEqual(sorted(c, a));
    expect(hears(h, sessionId, a)).toEqual([c]);
  });

  it('hold: the participant hears nobody and nobody hears it, supervisors included', async () => {
    await monitoring();
    await applyCounted({ type: 'hold', participantId: call.a }, 3);
    const { sessionId, c, a, s } = call;
    expect(hears(h, sessionId, a)).toEqual([]);
    expect(hears(h, sessionId, c)).toEqual([]);
    expect(hears(h, sessionId, s)).toEqual([c]);
  });

  it('isolate: cut off from the call, the supervisor keeps monitoring', async () => {
    await monitoring();
    await applyCounted({ type: 'isolate', participantId: call.c }, 2);
    const { sessionId, c, a, s } = call;
    expect(hears(h, sessionId, c)).toEqual([]);
    expect(hears(h, sessionId, a)).toEqual([]);
    expect(hears(h, sessionId, s)).toEqual(sorted(c, a));
  });

  it('fully wire: everyone hears everyone', async () => {
    await applyCounted({ type: 'fullyWire' }, 3);
    const { sessionId, c, a, s } = call;
    expect(hears(h, sessionId, c)).toEqual(sorted(a, s));
    expect(hears(h, sessionId, a)).toEqual(sorted(c, s));
    expect(hears(h, sessionId, s)).toEqual(sorted(c, a));
  });

  it('end supervision: every route to and from the supervisor is removed', async () => {
    await applyCounted({ type: 'whisper', supervisorId: call.s }, 2);
    await applyCounted({ type: 'endSupervision', supervisorId: call.s }, 2);
    const { sessionId, c, a, s } = call;
    expect(hears(h, sessionId, s)).toEqual([]);
    expect(hears(h, sessionId, a)).toEqual([c]);
    expect(hears(h, sessionId, c)).toEqual([a]);
  });

  it('restore call and unmute bring the normal call back', async () => {
    await applyCounted({ type: 'fullyWire' }, 3);
    await applyCounted({ type: 'restoreCall' }, 3);
    const { sessionId, c, a, s } = call;
    expect(hears(h, sessionId, c)).toEqual([a]);
    expect(hears(h, sessionId, a)).toEqual([c]);
    expect(hears(h, sessionId, s)).toEqual([]);
    await applyCounted({ type: 'mute', publisherId: c }, 1);
    await applyCounted({ type: 'unmute', publisherId: c }, 1);
    expect(hears(h, sessionId, a)).toEqual([c]);
  });

  it('move: the customer leaves for another session, the call is rewired without it', async () => {
    await monitoring();
    const other = await h.client.createSession({ tag: 'call-other' });
    const intent: Intent = { type: 'move', participantId: call.c, toSessionId: other.id };
    await applyCounted(intent, 2, { removeParticipantFromSession: 1, addParticipantToSession: 1 });
    const { sessionId, c, a, s } = call;
    const state = h.api.control.state();
    expect(state.sessions.find((x) => x.id === sessionId)?.participantIds.sort()).toEqual(
      sorted(a, s),
    );
    expect(state.sessions.find((x) => x.id === other.id)?.participantIds).toEqual([c]);
    expect(hears(h, sessionId, a)).toEqual([]);
    expect(hears(h, sessionId, s)).toEqual([a]);
  });

  it('an intent already in place changes nothing: one list request, no PUT', async () => {
    await applyCounted({ type: 'monitor', supervisorId: call.s }, 1);
    const result = await applyCounted({ type: 'monitor', supervisorId: call.s }, 0);
    expect(result.ok && result.preview.summary).toBe('No changes needed.');
    expect(f.applier.history(call.sessionId)).toMatchObject({ canUndo: true });
  });
});

describe('preview', () => {
  it('reads once, writes nothing and says what apply would do', async () => {
    h.api.control.resetStats();
    const result = await f.applier.preview(call.sessionId, {
      type: 'whisper',
      supervisorId: call.s,
    });
    expect(calls(h)).toEqual({ listSessionParticipants: 1 });
    expect(result).toMatchObject({ ok: true, apiCalls: 3, violations: [] });
    if (!result.ok) return;
    expect(result.label).toMatch(/^Supervisor \w+ whispers to the agents$/);
    expect(result.preview.lines.some((l) => /^Agent \w+ will hear Supervisor/.test(l))).toBe(true);
    expect(hears(h, call.sessionId, call.a)).toEqual([call.c]);
    expect(await f.entries()).toEqual([]);
  });

  it('lists what a change would risk (said once, as the risk, not again as the guardrail)', async () => {
    const result = await f.applier.preview(call.sessionId, {
      type: 'subscribe',
      receiverId: call.c,
      publisherId: call.s,
    });
    expect(result.ok && result.violations.map((v) => v.ruleId)).toEqual([
      'risk-customer-hears-supervisor',
    ]);
  });

  it('an intent that does not fit the session is a clear error', async () => {
    const result = await f.applier.preview(call.sessionId, {
      type: 'whisper',
      supervisorId: call.a,
    });
    expect(result).toMatchObject({
      ok: false,
      code: 'invalid-intent',
      intentError: 'not-a-supervisor',
    });
  });
});
