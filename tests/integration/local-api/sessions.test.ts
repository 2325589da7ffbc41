import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, UUID } from '../../support/local-api';
import type { TestApi } from '../../support/local-api';

let t: TestApi;
beforeAll(async () => {
  t = await startTestApi();
});
afterAll(async () => {
  await t.close();
});

const missing = '5e551011-0000-4000-8000-000000000000';
const errorBody = (error: unknown): unknown => ({ error, requestId: expect.stringMatching(UUID) });

describe('POST /sessions (createSession) and GET /sessions/{id}', () => {
  it('answers 200 {id} without a tag and {id, tag} with one', async () => {
    const bare = await t.bw('POST', '/sessions');
    expect(bare.status).toBe(200);
    expect(bare.body).toEqual({ id: expect.stringMatching(UUID) });
    const empty = await t.bw('POST', '/sessions', { body: '', contentType: 'application/json' });
    expect(empty.body).toEqual({ id: expect.stringMatching(UUID) });
    const tagged = await t.bw('POST', '/sessions', {
      json: { tag: 'call-1', id: 'ignored', x: 1 },
    });
    expect(tagged.body).toEqual({ id: expect.stringMatching(UUID), tag: 'call-1' });
    expect((tagged.body as { id: string }).id).not.toBe('ignored');
  });

  it.each([
    [[1], 'request body must be a JSON object'],
    [{ tag: 'z'.repeat(51) }, 'tag must be at most 50 characters (got 51)'],
    [{ tag: ['call'] }, 'tag must be a string (got ["call"])'],
  ])('rejects %j with 400', async (json, error) => {
    const response = await t.bw('POST', '/sessions', { json });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(errorBody(error));
  });

  it('gets a session, and 404 for an unknown one', async () => {
    const session = await t.createSession('call-2');
    const got = await t.bw('GET', `/sessions/${session.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(session);
    const unknown = await t.bw('GET', `/sessions/${missing}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(errorBody(`Session ${missing} not found`));
  });
});

describe('session membership', () => {
  it('lists nothing as 200 [] (never 204) and members with their sessions and subscriptions', async () => {
    const session = await t.createSession();
    const empty = await t.bw('GET', `/sessions/${session.id}/participants`);
    expect(empty.status).toBe(200);
    expect(empty.headers.get('content-type')).toMatch(/^application\/json/);
    expect(empty.text).toBe('[]');
    const { participant: a } = await t.createParticipant({ tag: 'agent-x' });
    const { participant: c } = await t.createParticipant({ tag: 'customer-x' });
    await t.add(session.id, c.id);
    await t.add(session.id, a.id, {
      sessionId: session.id,
      participants: [{ participantId: c.id }],
    });
    const list = await t.bw('GET', `/sessions/${session.id}/participants`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      { ...c, sessions: [session.id], subscriptions: {} },
      {
        ...a,
        sessions: [session.id],
        subscriptions: { sessionId: session.id, participants: [{ participantId: c.id }] },
      },
    ]);
    const single = await t.bw('GET', `/participants/${a.id}`);
    expect(single.body).toMatchObject({
      sessions: [session.id],
      subscriptions: { sessionId: session.id },
    });
  });

  it('answers 404 when listing an unknown session', async () => {
    expect((await t.bw('GET', `/sessions/${missing}/participants`)).status).toBe(404);
  });

  it('adds with an empty JSON body (membership only)', async () => {
    const session = await t.createSession();
    const { participant } = await t.createParticipant();
    const response = await t.bw('PUT', `/sessions/${session.id}/participants/${participant.id}`, {
      body: '',
      contentType: 'application/json',
    });
    expect(response.status).toBe(204);
    expect(await t.subscriptions(session.id, participant.id)).toEqual({});
  });

  it('answers 404 for an unknown session or participant on add', async () => {
    const session = await t.createSession();
    const { participant } = await t.createParticipant();
    const noSession = await t.bw('PUT', `/sessions/${missing}/participants/${participant.id}`);
    expect(noSession.body).toEqual(errorBody(`Session ${missing} not found`));
    const noParticipant = await t.bw('PUT', `/sessions/${session.id}/participants/${missing}`);
    expect(noParticipant.body).toEqual(errorBody(`Participant ${missing} not found`));
    expect([noSession.status, noParticipant.status]).toEqual([404, 404]);
  });

  it('answers 409 when the participant is in another session, and changes nothing', async () => {
    const one = await t.createSession();
    const two = await t.createSession();
    const { participant } = await t.createParticipant();
    await t.add(one.id, participant.id);
    const response = await t.bw('PUT', `/sessions/${two.id}/participants/${participant.id}`);
    expect(response.status).toBe(409);
    expect(response.body).toEqual(
      errorBody(expect.stringContaining(`is already in session ${one.id}`)),
    );
    expect(await t.members(two.id)).toEqual([]);
    expect((await t.members(one.id)).map((m) => m.id)).toEqual([participant.id]);
  });

  it('re-adding a member is 204; a body replaces its subscriptions, no body keeps them', async () => {
    const session = await t.createSession();
    const { participant: a } = await t.createParticipant();
    const { participant: b } = await t.createParticipant();
    await t.add(session.id, a.id);
    await t.add(session.id, b.id, { sessionId: session.id });
    await t.add(session.id, b.id);
    expect(await t.subscriptions(session.id, b.id)).toEqual({ sessionId: session.id });
    await t.add(session.id, b.id, { participants: [{ participantId: a.id }] });
    expect(await t.subscriptions(session.id, b.id)).toEqual({
      sessionId: session.id,
      participants: [{ participantId: a.id }],
    });
    await t.add(session.id, b.id, {});
    expect(await t.subscriptions(session.id, b.id)).toEqual({});
    expect(await t.members(session.id)).toHaveLength(2);
  });

  it('refuses a 21st participant with 400 and a clear error', async () => {
    const session = await t.createSession();
    for (let i = 0; i < 20; i += 1) {
      const { participant } = await t.createParticipant();
      await t.add(session.id, participant.id);
    }
    const { participant: extra } = await t.createParticipant();
    const response = await t.bw('PUT', `/sessions/${session.id}/participants/${extra.id}`);
    expect(response.status).toBe(400);
    expect(response.body).toEqual(
      errorBody(`Session ${session.id} already has 20 participants, the most a session can hold`),
    );
    expect(await t.members(session.id)).toHaveLength(20);
    expect((await t.bw('GET', `/participants/${extra.id}`)).body).toMatchObject({ sessions: [] });
  });

  it('removes a member with 204; removing again, or an unknown id, is 404', async () => {
    const session = await t.createSession();
    const { participant } = await t.createParticipant();
    await t.add(session.id, participant.id, { sessionId: session.id });
    const path = `/sessions/${session.id}/participants/${participant.id}`;
    expect((await t.bw('DELETE', path)).status).toBe(204);
    expect(await t.members(session.id)).toEqual([]);
    expect((await t.bw('GET', `/participants/${participant.id}`)).body).toMatchObject({
      sessions: [],
      subscriptions: {},
    });
    const again = await t.bw('DELETE', path);
    expect(again.status).toBe(404);
    expect(again.body).toEqual(
      errorBody(`Participant ${participant.id} is not in session ${session.id}`),
    );
    expect((await t.bw('DELETE', `/sessions/${session.id}/participants/${missing}`)).status).toBe(
      404,
    );
    expect(
      (await t.bw('DELETE', `/sessions/${missing}/participants/${participant.id}`)).status,
    ).toBe(404);
  });
});

describe('DELETE /sessions/{id}', () => {
  it('deletes with 204; members remain, without membership or subscriptions', async () => {
    const session = await t.createSession();
    const { participant: a } = await t.createParticipant();
    const { participant: b } = await t.createParticipant();
    await t.add(session.id, a.id, { sessionId: session.id });
    await t.add(session.id, b.id, { participants: [{ participantId: a.id }] });
    const deleted = await t.bw('DELETE', `/sessions/${session.id}`);
    expect(deleted.status).toBe(204);
    expect((await t.bw('GET', `/sessions/${session.id}`)).status).toBe(404);
    expect((await t.bw('GET', `/sessions/${session.id}/participants`)).status).toBe(404);
    expect((await t.bw('DELETE', `/sessions/${session.id}`)).status).toBe(404);
    for (const p of [a, b]) {
      const got = await t.bw('GET', `/participants/${p.id}`);
      expect(got.body).toEqual({ ...p, sessions: [], subscriptions: {} });
    }
    const other = await t.createSession();
    await t.add(other.id, a.id);
  });
});
