import { describe, expect, it } from 'vitest';
import type { ObservedChange } from '../../../../src-main/shared/dto/session-view';
import {
  driftByReceiver,
  driftSummary,
  keepConsoleIntents,
  observeDrift,
  withoutReceiver,
} from '../../../../src-renderer/lib/matrix/drift';
import { cellKey } from '../../../../src-renderer/lib/matrix/grid';
import { listWords } from '../../../../src-renderer/lib/matrix/words';
import { A, C, S, SESSION, list, monitoredCall } from './fixtures';

const external = (participantId: string, before: object, after: object): ObservedChange => ({
  participantId,
  kind: 'subscriptions',
  origin: 'external',
  before,
  after,
});

describe('drift', () => {
  it('an outside change marks each cell it moved, with both versions', () => {
    const after = monitoredCall({ [A]: list(C, S) });
    const drift = observeDrift(new Map(), after, [external(A, list(C), list(C, S))]);
    expect([...drift.keys()]).toEqual([cellKey(A, S)]);
    expect(drift.get(cellKey(A, S))).toEqual({
      receiverId: A,
      publisherId: S,
      console: null,
      server: 'all',
    });
    expect(driftByReceiver(drift, [C, A, S]).map((r) => r.receiverId)).toEqual([A]);
  });

  it('remembers what the console had across several outside changes, and forgets when back', () => {
    let drift = observeDrift(new Map(), monitoredCall(), [external(C, list(A), {})]);
    drift = observeDrift(drift, monitoredCall(), [
      external(
        C,
        {},
        { sessionId: SESSION, participants: [{ participantId: A, streamAliases: ['mic'] }] },
      ),
    ]);
    expect(drift.get(cellKey(C, A))).toMatchObject({ console: 'all', server: ['mic'] });
    drift = observeDrift(drift, monitoredCall(), [external(C, {}, list(A))]);
    expect(drift.size).toBe(0);
  });

  it('this console’s own write makes its version current; leavers take their cells along', () => {
    const drift = observeDrift(new Map(), monitoredCall(), [external(A, list(C), list(C, S))]);
    const mine: ObservedChange = { ...external(A, list(C, S), list(C)), origin: 'console' };
    expect(observeDrift(drift, monitoredCall(), [mine]).size).toBe(0);
    const withoutS = {
      ...monitoredCall(),
      participants: monitoredCall().participants.filter((p) => p.id !== S),
    };
    expect(observeDrift(drift, withoutS, []).size).toBe(0);
  });

  it('keep the console’s version: the intents that restore it; take the server’s: forget it', () => {
    const drift = observeDrift(new Map(), monitoredCall(), [
      external(S, list(C, A), {
        sessionId: SESSION,
        participants: [{ participantId: C, streamAliases: ['mic'] }],
      }),
    ]);
    expect(driftByReceiver(drift, [S])[0]?.cells).toHaveLength(2);
    expect(keepConsoleIntents(drift, S)).toEqual([
      { type: 'subscribe', receiverId: S, publisherId: C },
      { type: 'subscribe', receiverId: S, publisherId: A },
    ]);
    expect(withoutReceiver(drift, S).size).toBe(0);
  });
});

describe('drift in words', () => {
  it('groups what was added, removed and narrowed', () => {
    const text = driftSummary(
      [
        { receiverId: C, publisherId: A, console: null, server: 'all' },
        { receiverId: C, publisherId: S, console: null, server: 'all' },
        { receiverId: C, publisherId: 'x', console: 'all', server: null },
        { receiverId: C, publisherId: 'y', console: 'all', server: ['mic'] },
      ],
      (id) => id.slice(0, 1),
      listWords,
    );
    expect(text).toBe('now also hears a and 5; no longer hears x; gets other streams of y');
  });
});
