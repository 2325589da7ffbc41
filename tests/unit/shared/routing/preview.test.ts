import { describe, expect, it } from 'vitest';
import type { Intent, RoutingSession } from '../../../../src-main/shared/routing';
import {
  applyIntent,
  describeIntent,
  participantLabel,
  planTarget,
  previewPlan,
  sessionLabels,
} from '../../../../src-main/shared/routing';
import { everyone, list, person, sessionOf } from './support';

const C = '7f3a0001-0000-4000-8000-000000000001';
const A = '9c1d0001-0000-4000-8000-000000000002';
const S = '21bc0001-0000-4000-8000-000000000003';
const people = [person(C, 'customer'), person(A, 'agent'), person(S, 'supervisor')];

function preview(session: RoutingSession, intent: Intent) {
  return previewPlan(planTarget(session, applyIntent(session, intent)), session);
}

describe('labels', () => {
  it('uses the role word and the first 4 hex characters of the tag’s uuid, else of the id', () => {
    const tagged = person('opaque-id', 'agent', 'queue-9c1d7777-0000-4000-8000-00000000000a');
    const s = sessionOf([tagged, person(C, 'customer'), person('zz', 'other')]);
    expect(participantLabel(s, 'opaque-id')).toBe('Agent 9c1d');
    expect(participantLabel(s, C)).toBe('Customer 7f3a');
    expect(participantLabel(s, 'zz')).toBe('Participant zz');
  });

  it('lengthens labels that would collide', () => {
    const s = sessionOf([
      person('abcd1000-0000-4000-8000-000000000000', 'agent'),
      person('abcd2000-0000-4000-8000-000000000000', 'agent'),
    ]);
    expect([...sessionLabels(s).values()]).toEqual(['Agent abcd1', 'Agent abcd2']);
  });
});

describe('previewPlan', () => {
  it('whisper from barge: the customer stops hearing the supervisor', () => {
    const barged = sessionOf(people, { [C]: list(A, S), [A]: list(C, S), [S]: list(C, A) });
    expect(preview(barged, { type: 'whisper', supervisorId: S, agentIds: [A] })).toEqual({
      lines: ['Customer 7f3a will no longer hear Supervisor 21bc'],
      apiCalls: 1,
      summary: '1 API call.',
    });
  });

  it('says who will hear whom, narrowing, and session-level conversions', () => {
    const open = sessionOf(people, { [C]: list(A), [A]: everyone, [S]: {} });
    const p = preview(open, { type: 'whisper', supervisorId: S, agentIds: [A] });
    expect(p.lines).toEqual([
      "Agent 9c1d's 'everyone in the session' subscription becomes an explicit list, so future participants won't be added automatically",
      'Supervisor 21bc will hear Customer 7f3a',
      'Supervisor 21bc will hear Agent 9c1d',
    ]);
    expect(p.summary).toBe('2 API calls.');
    const narrowed = sessionOf(people, { [C]: list(A), [A]: list(C) });
    const alias = preview(narrowed, {
      type: 'setStreams',
      receiverId: A,
      publisherId: C,
      streams: ['microphone', 'camera'],
    });
    expect(alias.lines).toEqual([
      'Agent 9c1d will hear only camera and microphone of Customer 7f3a',
    ]);
  });

  it('previews moves and empty plans', () => {
    const normal = sessionOf(people, { [C]: list(A), [A]: list(C) });
    expect(preview(normal, { type: 'move', participantId: C, toSessionId: 'next' })).toEqual({
      lines: [
        'Agent 9c1d will no longer hear Customer 7f3a',
        'Customer 7f3a will leave this session for session next',
      ],
      apiCalls: 3,
      summary: '3 API calls.',
    });
    expect(preview(normal, { type: 'subscribe', receiverId: A, publisherId: C }).summary).toBe(
      'No changes needed.',
    );
  });

  it('describes intents', () => {
    const s = sessionOf(people);
    expect(describeIntent(s, { type: 'whisper', supervisorId: S, agentIds: [A] })).toBe(
      'Supervisor 21bc whispers to Agent 9c1d',
    );
    expect(describeIntent(s, { type: 'mute', publisherId: C })).toBe(
      'Mute Customer 7f3a for everyone',
    );
  });
});
