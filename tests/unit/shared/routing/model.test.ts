/** Normalisation of the API's three subscription forms and effective delivery. */
import { describe, expect, it } from 'vitest';
import type { Participant } from '../../../../src-main/shared/bandwidth-api';
import {
  effective,
  normalizeSubscriptions,
  sessionFromApi,
  whoHears,
} from '../../../../src-main/shared/routing';
import { SID, everyone, hears, list, person, sessionOf } from './support';

const X = 'aaaa0000-0000-4000-8000-000000000001';
const Y = 'bbbb0000-0000-4000-8000-000000000002';
const Z = 'cccc0000-0000-4000-8000-000000000003';
const trio = [person(X, 'customer'), person(Y, 'agent'), person(Z, 'supervisor')];

describe('normalizeSubscriptions', () => {
  it('reads {} and missing as none', () => {
    expect(normalizeSubscriptions({}, SID)).toEqual({ level: 'none' });
    expect(normalizeSubscriptions(undefined, SID)).toEqual({ level: 'none' });
    expect(normalizeSubscriptions({ participants: [] }, SID)).toEqual({ level: 'none' });
  });

  it('reads {sessionId} with participants missing or empty as session level', () => {
    expect(normalizeSubscriptions({ sessionId: SID }, SID)).toEqual({ level: 'session' });
    expect(normalizeSubscriptions({ sessionId: SID, participants: [] }, SID)).toEqual({
      level: 'session',
    });
  });

  it('treats a sessionId of another session as delivering nothing here', () => {
    expect(normalizeSubscriptions({ sessionId: 'elsewhere' }, SID)).toEqual({ level: 'none' });
  });

  it('reads a non-empty list as participant level, ignoring sessionId', () => {
    const n = normalizeSubscriptions(
      { sessionId: 'elsewhere', participants: [{ participantId: X }] },
      SID,
    );
    expect(n.level).toBe('participants');
    if (n.level === 'participants') expect([...n.entries]).toEqual([[X, 'all']]);
  });

  it('reads stream aliases: missing or empty = all, otherwise sorted and de-duplicated', () => {
    const n = normalizeSubscriptions(
      {
        participants: [
          { participantId: X, streamAliases: [] },
          { participantId: Y, streamAliases: ['microphone', 'camera', 'microphone'] },
        ],
      },
      SID,
    );
    if (n.level !== 'participants') throw new Error('expected a list');
    expect(n.entries.get(X)).toBe('all');
    expect(n.entries.get(Y)).toEqual(['camera', 'microphone']);
  });

  it('merges duplicate entries for one publisher', () => {
    const n = normalizeSubscriptions(
      {
        participants: [
          { participantId: X, streamAliases: ['camera'] },
          { participantId: X, streamAliases: ['microphone'] },
          { participantId: Y, streamAliases: ['camera'] },
          { participantId: Y },
        ],
      },
      SID,
    );
    if (n.level !== 'participants') throw new Error('expected a list');
    expect(n.entries.get(X)).toEqual(['camera', 'microphone']);
    expect(n.entries.get(Y)).toBe('all');
  });
});

describe('effective and whoHears', () => {
  it('a session-level receiver gets every other member, never itself', () => {
    const s = sessionOf(trio, { [X]: everyone });
    expect(hears(s, X)).toEqual([Y, Z].sort());
    const view = effective(s).receivers[X];
    expect(view?.sessionLevel).toBe(true);
    expect(view?.hears.every((d) => d.viaSession && d.streams === 'all')).toBe(true);
  });

  it('drops entries naming itself or non-members', () => {
    const s = sessionOf(trio, { [X]: list(X, 'ghost', Y) });
    expect(hears(s, X)).toEqual([Y]);
  });

  it('reports streams and the publisher’s media kinds', () => {
    const s = sessionOf(
      [person(X, 'customer'), { ...person(Y, 'agent'), publishPermissions: ['AUDIO'] }],
      { [X]: { participants: [{ participantId: Y, streamAliases: ['microphone'] }] } },
    );
    expect(effective(s).receivers[X]?.hears).toEqual([
      { publisherId: Y, streams: ['microphone'], viaSession: false, mediaKinds: ['AUDIO'] },
    ]);
    expect(whoHears(s, Y)).toEqual([
      { receiverId: X, streams: ['microphone'], viaSession: false, mediaKinds: ['AUDIO'] },
    ]);
    expect(whoHears(s, X)).toEqual([]);
  });

  it('has an entry, possibly empty, for every member', () => {
    const s = sessionOf(trio);
    expect(Object.keys(effective(s).receivers).sort()).toEqual([X, Y, Z].sort());
    expect(effective(s).receivers[Z]?.hears).toEqual([]);
  });
});

describe('sessionFromApi', () => {
  it('builds the model from the participants list and a role map', () => {
    const api: Participant[] = [
      { id: X, tag: 'caller', publishPermissions: ['AUDIO'], subscriptions: { sessionId: SID } },
      { id: Y, subscriptions: list(X) },
      { id: Y, subscriptions: {} },
    ];
    const s = sessionFromApi(SID, api, { [X]: 'customer' });
    expect(s.participants).toEqual([
      { id: X, tag: 'caller', publishPermissions: ['AUDIO'], role: 'customer' },
      { id: Y, publishPermissions: ['AUDIO', 'VIDEO'], role: 'other' },
    ]);
    expect(hears(s, X)).toEqual([Y]);
    expect(hears(s, Y)).toEqual([X]);
  });
});
