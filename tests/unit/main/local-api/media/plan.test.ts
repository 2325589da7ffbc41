import { describe, expect, it } from 'vitest';
import { desiredMedia, wants } from '../../../../../src-main/local-api/media/plan';
import type { PublishedStream } from '../../../../../src-main/local-api/media/plan';
import { Store } from '../../../../../src-main/local-api/store';

function call(): { store: Store; s: string; c: string; a: string; v: string } {
  const store = new Store();
  const s = store.createSession({}, 's').id;
  const c = store.createParticipant({ publishPermissions: ['AUDIO'] }, 'c').id;
  const a = store.createParticipant({ publishPermissions: ['AUDIO', 'VIDEO'] }, 'a').id;
  const v = store.createParticipant({ publishPermissions: ['VIDEO'] }, 'v').id;
  for (const id of [c, a, v]) store.addParticipantToSession(s, id);
  return { store, s, c, a, v };
}

const mic = (publisherId: string, alias?: string): PublishedStream => ({
  publisherId,
  streamId: `m-${publisherId}`,
  kind: 'audio',
  ...(alias === undefined ? {} : { alias }),
});

describe('desiredMedia', () => {
  it('gives every member a list (empty without subscriptions) and non-members nothing', () => {
    const { store } = call();
    store.createParticipant({}, 'outside');
    const desired = desiredMedia(store.snapshot());
    expect([...desired.keys()].sort()).toEqual(['a', 'c', 'v']);
    expect(desired.get('c')).toEqual([]);
  });

  it('participant level: exactly the named publishers, one entry per kind they may publish', () => {
    const { store, s, c, a } = call();
    store.updateParticipantSubscriptions(s, c, {
      sessionId: s,
      participants: [{ participantId: a }],
    });
    expect(desiredMedia(store.snapshot()).get(c)).toEqual([
      { publisherId: a, kind: 'audio', aliases: 'all' },
      { publisherId: a, kind: 'video', aliases: 'all' },
    ]);
  });

  it('session level: everyone else in the session, including members who join later', () => {
    const { store, s, c } = call();
    store.updateParticipantSubscriptions(s, c, { sessionId: s });
    const late = store.createParticipant({ publishPermissions: ['AUDIO'] }, 'late').id;
    store.addParticipantToSession(s, late);
    const publishers = desiredMedia(store.snapshot())
      .get(c)
      ?.map((w) => `${w.publisherId}:${w.kind}`);
    expect(publishers).toEqual(['a:audio', 'a:video', 'v:video', 'late:audio']);
  });

  it('a publisher without AUDIO permission is never wanted for audio', () => {
    const { store, s, c, v } = call();
    store.updateParticipantSubscriptions(s, c, {
      sessionId: s,
      participants: [{ participantId: v }],
    });
    const wanted = desiredMedia(store.snapshot()).get(c) ?? [];
    expect(wants(wanted, mic(v))).toBe(false);
    expect(wants(wanted, { ...mic(v), kind: 'video' })).toBe(true);
  });

  it('stream aliases: only streams carrying one of the named aliases', () => {
    const { store, s, c, a } = call();
    store.updateParticipantSubscriptions(s, c, {
      sessionId: s,
      participants: [{ participantId: a, streamAliases: ['microphone'] }],
    });
    const wanted = desiredMedia(store.snapshot()).get(c) ?? [];
    expect(wants(wanted, mic(a, 'microphone'))).toBe(true);
    expect(wants(wanted, mic(a, 'screenShare'))).toBe(false);
    expect(wants(wanted, mic(a))).toBe(false);
  });

  it('removing a publisher from the session stops every receiver wanting it', () => {
    const { store, s, c, a } = call();
    store.updateParticipantSubscriptions(s, c, {
      sessionId: s,
      participants: [{ participantId: a }],
    });
    store.removeParticipantFromSession(s, a);
    const desired = desiredMedia(store.snapshot());
    expect(desired.get(c)).toEqual([]);
    expect(desired.has(a)).toBe(false);
  });
});
