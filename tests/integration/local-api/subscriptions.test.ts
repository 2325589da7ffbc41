import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliveredPublishers } from '../../../src-main/local-api';
import { startTestApi, UUID } from '../../support/local-api';
import type { TestApi } from '../../support/local-api';

let t: TestApi;
beforeAll(async () => {
  t = await startTestApi();
});
afterAll(async () => {
  await t.close();
});

/** A session with customer C, agent A and supervisor S, all members, none subscribed. */
let sid: string;
let C: string;
let A: string;
let S: string;
const subsPath = (receiver: string, session = sid): string =>
  `/sessions/${session}/participants/${receiver}/subscriptions`;
const hears = (receiver: string): string[] =>
  deliveredPublishers(t.api.control.state(), sid, receiver).map((d) => d.participantId);

beforeEach(async () => {
  sid = (await t.createSession('call-test')).id;
  C = (await t.createParticipant({ tag: 'customer-t', publishPermissions: ['AUDIO'] })).participant
    .id;
  A = (await t.createParticipant({ tag: 'agent-t' })).participant.id;
  S = (await t.createParticipant({ tag: 'supervisor-t' })).participant.id;
  for (const id of [C, A, S]) await t.add(sid, id);
});

describe('reading and replacing subscriptions', () => {
  it("answers 200 {} when a member has none (JSON, as Bandwidth's SDK expects; never 204)", async () => {
    const response = await t.bw('GET', subsPath(C));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.text).toBe('{}');
  });

  it('a session-level subscription includes participants added later', async () => {
    await t.subscribe(sid, C, { sessionId: sid });
    expect(await t.subscriptions(sid, C)).toEqual({ sessionId: sid });
    expect(hears(C)).toEqual([A, S]);
    const late = (await t.createParticipant()).participant.id;
    await t.add(sid, late);
    expect(hears(C)).toEqual([A, S, late]);
    expect(await t.subscriptions(sid, C)).toEqual({ sessionId: sid });
  });

  it('reads `participants: []` with a sessionId as session level', async () => {
    await t.subscribe(sid, C, { sessionId: sid, participants: [] });
    expect(await t.subscriptions(sid, C)).toEqual({ sessionId: sid });
    expect(hears(C)).toEqual([A, S]);
  });

  it('a non-empty participants list overrides sessionId and is returned normalised', async () => {
    await t.subscribe(sid, C, { participants: [{ participantId: A }] });
    expect(await t.subscriptions(sid, C)).toEqual({
      sessionId: sid,
      participants: [{ participantId: A }],
    });
    await t.subscribe(sid, C, { sessionId: sid, participants: [{ participantId: S }] });
    expect(hears(C)).toEqual([S]);
  });

  it("a non-empty participants list wins even over another session's id (the spec: it overrides)", async () => {
    const other = (await t.createSession('call-other')).id;
    for (const path of [subsPath(C), `/sessions/${sid}/participants/${C}`]) {
      const response = await t.bw('PUT', path, {
        json: { sessionId: other, participants: [{ participantId: A }] },
      });
      expect(response.status).toBe(204);
      expect(await t.subscriptions(sid, C)).toEqual({
        sessionId: sid,
        participants: [{ participantId: A }],
      });
    }
    expect(hears(C)).toEqual([A]);
    // The session-level form names a session, so another one is still refused.
    const sessionLevel = await t.bw('PUT', subsPath(C), { json: { sessionId: other } });
    expect(sessionLevel.status).toBe(400);
    const emptyList = await t.bw('PUT', subsPath(C), {
      json: { sessionId: other, participants: [] },
    });
    expect(emptyList.status).toBe(400);
    expect(hears(C)).toEqual([A]);
  });

  it('keeps stream aliases; missing or empty means all streams', async () => {
    const body = {
      sessionId: sid,
      participants: [
        { participantId: A, streamAliases: ['microphone', 'screenShare'] },
        { participantId: C, streamAliases: [] },
      ],
    };
    await t.subscribe(sid, S, body);
    expect(await t.subscriptions(sid, S)).toEqual(body);
    expect(deliveredPublishers(t.api.control.state(), sid, S)).toEqual([
      { participantId: A, streamAliases: ['microphone', 'screenShare'], media: ['AUDIO', 'VIDEO'] },
      { participantId: C, streamAliases: 'all', media: ['AUDIO'] },
    ]);
  });

  it.each([
    ['{}', { json: {} }],
    ['no body', {}],
    ['an empty JSON body', { body: '', contentType: 'application/json' }],
    ['nulls', { json: { sessionId: null, participants: null } }],
  ])('clears with %s (then GET is 200 {})', async (_what, request) => {
    await t.subscribe(sid, C, { sessionId: sid });
    const response = await t.bw('PUT', subsPath(C), request);
    expect(response.status).toBe(204);
    expect(await t.subscriptions(sid, C)).toEqual({});
    expect(hears(C)).toEqual([]);
  });
});

describe('subscription validation (400, nothing changes)', () => {
  // Bodies and texts are functions: the ids only exist once beforeEach has run.
  const cases: [string, () => unknown, () => string][] = [
    ['a body that is not an object', () => [A], () => 'request body must be a JSON object'],
    [
      'participants not an array',
      () => ({ participants: A }),
      () => 'participants must be an array of {participantId, streamAliases?}',
    ],
    [
      'an entry that is not an object',
      () => ({ participants: [A] }),
      () => 'participants[0] must be an object with a string participantId',
    ],
    [
      'an entry without participantId',
      () => ({ participants: [{ streamAliases: ['x'] }] }),
      () => 'participants[0].participantId is missing',
    ],
    [
      'a non-string participantId',
      () => ({ participants: [{ participantId: 5 }] }),
      () => 'participants[0].participantId must be a string (got 5)',
    ],
    [
      'a non-string stream alias',
      () => ({ participants: [{ participantId: A, streamAliases: ['mic', 3] }] }),
      () => 'participants[0].streamAliases[1] must be a string (got 3)',
    ],
    [
      'stream aliases not an array',
      () => ({ participants: [{ participantId: A, streamAliases: 'mic' }] }),
      () => 'participants[0].streamAliases must be an array of strings',
    ],
    [
      'a duplicate stream alias',
      () => ({ participants: [{ participantId: A, streamAliases: ['mic', 'mic'] }] }),
      () => 'participants[0].streamAliases[1] repeats stream alias "mic"',
    ],
    [
      'a duplicate participant',
      () => ({ participants: [{ participantId: A }, { participantId: A }] }),
      () => `participants[1] repeats participant "${A}"`,
    ],
    [
      'a non-string sessionId',
      () => ({ sessionId: 1 }),
      () => 'sessionId must be a string (got 1)',
    ],
    [
      'another sessionId than the path',
      () => ({ sessionId: 'other' }),
      () => `sessionId "other" does not match the session in the path (${sid})`,
    ],
    [
      'the receiver itself',
      () => ({ participants: [{ participantId: C }] }),
      () => `participants[0]: participant ${C} cannot subscribe to itself`,
    ],
    [
      'an unknown participant',
      () => ({ participants: [{ participantId: 'nope' }] }),
      () => 'participants[0]: participant "nope" does not exist',
    ],
  ];

  it.each(cases)('rejects %s', async (_what, body, error) => {
    await t.subscribe(sid, C, { sessionId: sid, participants: [{ participantId: A }] });
    for (const method of ['PUT subscriptions', 'PUT add'] as const) {
      const path = method === 'PUT add' ? `/sessions/${sid}/participants/${C}` : subsPath(C);
      const response = await t.bw('PUT', path, { json: body() });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        error: expect.stringContaining(error()),
        requestId: expect.stringMatching(UUID),
      });
    }
    expect(await t.subscriptions(sid, C)).toEqual({
      sessionId: sid,
      participants: [{ participantId: A }],
    });
  });

  it('rejects a publisher that is not in this session', async () => {
    const outsider = (await t.createParticipant()).participant.id;
    const response = await t.bw('PUT', subsPath(C), {
      json: { participants: [{ participantId: outsider }] },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: `participants[0]: participant ${outsider} is not in session ${sid}`,
    });
  });

  it('rejects malformed JSON', async () => {
    const response = await t.bw('PUT', subsPath(C), {
      body: '{"sessionId":',
      contentType: 'application/json',
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error: expect.stringContaining('request body is not valid JSON'),
    });
  });

  it('an add whose body fails does not add the participant either', async () => {
    const newcomer = (await t.createParticipant()).participant.id;
    const response = await t.bw('PUT', `/sessions/${sid}/participants/${newcomer}`, {
      json: { participants: [{ participantId: newcomer }] },
    });
    expect(response.status).toBe(400);
    expect((await t.members(sid)).map((m) => m.id)).toEqual([C, A, S]);
  });

  it('an add with a body may name members, and sets the subscriptions at once', async () => {
    const newcomer = (await t.createParticipant()).participant.id;
    await t.add(sid, newcomer, { participants: [{ participantId: A }] });
    expect(hears(newcomer)).toEqual([A]);
  });
});

describe('404s', () => {
  it('for subscriptions of a participant that is not in that session', async () => {
    const other = (await t.createSession()).id;
    const outsider = (await t.createParticipant()).participant.id;
    for (const [path, error] of [
      [subsPath(outsider), `Participant ${outsider} is not in session ${sid}`],
      [subsPath(C, other), `Participant ${C} is not in session ${other}`],
      [subsPath('missing-participant'), 'Participant missing-participant not found'],
      [subsPath(C, 'missing-session'), 'Session missing-session not found'],
    ] as const) {
      for (const method of ['GET', 'PUT']) {
        const response = await t.bw(method, path, method === 'PUT' ? { json: {} } : {});
        expect(response.status).toBe(404);
        expect(response.body).toEqual({ error, requestId: expect.stringMatching(UUID) });
      }
    }
  });
});

describe('cleanup when a participant leaves', () => {
  it('removing a publisher drops it from every list; an emptied list means no subscriptions', async () => {
    await t.subscribe(sid, C, { sessionId: sid, participants: [{ participantId: A }] });
    await t.subscribe(sid, S, {
      sessionId: sid,
      participants: [{ participantId: C }, { participantId: A }],
    });
    await t.subscribe(sid, A, { sessionId: sid });
    expect((await t.bw('DELETE', `/sessions/${sid}/participants/${A}`)).status).toBe(204);
    // C heard only A: no subscriptions at all now, NOT a session-level one (which would leak S).
    expect(await t.subscriptions(sid, C)).toEqual({});
    expect(hears(C)).toEqual([]);
    expect(await t.subscriptions(sid, S)).toEqual({
      sessionId: sid,
      participants: [{ participantId: C }],
    });
    expect((await t.bw('GET', `/participants/${A}`)).body).toMatchObject({
      sessions: [],
      subscriptions: {},
    });
  });

  it('deleting a participant does the same', async () => {
    await t.subscribe(sid, C, { participants: [{ participantId: S }] });
    await t.subscribe(sid, A, { participants: [{ participantId: C }, { participantId: S }] });
    expect((await t.bw('DELETE', `/participants/${S}`)).status).toBe(204);
    expect((await t.members(sid)).map((m) => m.id)).toEqual([C, A]);
    expect(await t.subscriptions(sid, C)).toEqual({});
    expect(await t.subscriptions(sid, A)).toEqual({
      sessionId: sid,
      participants: [{ participantId: C }],
    });
  });
});

describe('routing recipes from the fact sheet', () => {
  it('monitor, whisper and barge deliver exactly what the table says', async () => {
    const wire = async (c: string[], a: string[], s: string[]): Promise<void> => {
      for (const [receiver, list] of [
        [C, c],
        [A, a],
        [S, s],
      ] as const) {
        await t.subscribe(sid, receiver, {
          participants: list.map((participantId) => ({ participantId })),
        });
      }
    };
    await wire([A], [C], [C, A]); // monitor
    expect([hears(C), hears(A), hears(S)]).toEqual([[A], [C], [C, A]]);
    await wire([A], [C, S], [C, A]); // whisper: the customer never hears the supervisor
    expect(hears(C)).not.toContain(S);
    expect(hears(A)).toEqual([C, S]);
    await wire([A, S], [C, S], [C, A]); // barge
    expect([hears(C), hears(A), hears(S)]).toEqual([
      [A, S],
      [C, S],
      [C, A],
    ]);
  });
});
