/**
 * Issue 12 (medium): ids go into request paths, and `.` / `..` / empty ids would be resolved away
 * by URL parsing — a move to session ".." became `PUT /participants/{id}` and took the customer off
 * the call. The client refuses such a path before anything is sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalApi, type LocalApi } from '../../../src-main/local-api';
import {
  BandwidthApiError,
  createBandwidthClient,
  type BandwidthClient,
} from '../../../src-main/bandwidth';

let api: LocalApi;
const sent: string[] = [];

function clientFor(accountId: string): BandwidthClient {
  return createBandwidthClient({
    baseUrl: api.baseUrl,
    accountId,
    credentials: () => ({ username: api.username, password: api.password }),
    retryLimit: 0,
    fetch: (input, init) => {
      sent.push(input instanceof Request ? `${input.method} ${input.url}` : String(input));
      return fetch(input, init);
    },
  });
}

async function refusal(promise: Promise<unknown>): Promise<BandwidthApiError> {
  const error: unknown = await promise.then(
    () => new Error('expected the call to be refused'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BandwidthApiError);
  return error as BandwidthApiError;
}

beforeAll(async () => {
  api = await createLocalApi({ port: 0 });
});
afterAll(async () => {
  await api.close();
});

describe('ids that are not path segments', () => {
  it('a move to session ".." is refused and the participant stays on its call', async () => {
    const client = clientFor(api.accountId);
    const session = await client.createSession({ tag: 'call-dots' });
    const { participant } = await client.createParticipant({ tag: 'customer-dots' });
    await client.addParticipantToSession({ sessionId: session.id, participantId: participant.id });
    sent.length = 0;

    const error = await refusal(
      client.addParticipantToSession({ sessionId: '..', participantId: participant.id }),
    );
    expect(error.kind).toBe('bad-request');
    expect(error.message).toMatch(/was not sent: "\.\." is not a valid session id/);
    expect(sent).toEqual([]);
    expect((await client.getParticipant({ participantId: participant.id })).sessions).toEqual([
      session.id,
    ]);
  });

  it('every operation refuses "", "." and ".." for every id it puts in the path', async () => {
    const client = clientFor(api.accountId);
    sent.length = 0;
    for (const bad of ['', '.', '..']) {
      const member = { sessionId: 's-1', participantId: bad };
      // Thunks, each awaited as soon as it is made (no rejection is left unobserved).
      const calls: [string, () => Promise<unknown>][] = [
        ['participant id', () => client.getParticipant({ participantId: bad })],
        ['participant id', () => client.deleteParticipant({ participantId: bad })],
        ['session id', () => client.getSession({ sessionId: bad })],
        ['session id', () => client.deleteSession({ sessionId: bad })],
        ['session id', () => client.listSessionParticipants({ sessionId: bad })],
        ['participant id', () => client.addParticipantToSession(member)],
        ['participant id', () => client.removeParticipantFromSession(member)],
        ['session id', () => client.getParticipantSubscriptions({ ...member, sessionId: bad })],
        [
          'participant id',
          () => client.updateParticipantSubscriptions({ ...member, subscriptions: {} }),
        ],
      ];
      for (const [what, call] of calls) {
        expect((await refusal(call())).message).toContain(
          `${JSON.stringify(bad)} is not a valid ${what}`,
        );
      }
    }
    expect(sent).toEqual([]);
  });

  it('refuses an account id that is a dot segment', async () => {
    sent.length = 0;
    const error = await refusal(clientFor('..').createSession({}));
    expect(error.message).toMatch(/"\.\." is not a valid account id/);
    expect(sent).toEqual([]);
  });

  it('still sends ids that merely contain dots, percent-encoded', async () => {
    const client = clientFor(api.accountId);
    sent.length = 0;
    const error = await refusal(client.getSession({ sessionId: '..%2f.x' }));
    expect(error.kind).toBe('not-found');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/\/sessions\/\.\.%252f\.x$/);
  });
});
