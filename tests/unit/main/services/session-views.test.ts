/** The join of a watcher's snapshot, the console's roles and the call directory's names. */
import { describe, expect, it } from 'vitest';
import type { SessionSnapshot } from '../../../../src-main/live';
import { sessionView } from '../../../../src-main/services/session-views';
import type { WatchedSession } from '../../../../src-main/settings';
import type { DirectoryCall } from '../../../../src-main/shared/dto/directory';

const watched: WatchedSession = {
  id: 'sess-1',
  label: 'tag-label',
  addedAt: '2026-01-01T00:00:00Z',
};

const snapshot = {
  sessionId: 'sess-1',
  state: 'live',
  observedAt: 5,
  participants: [
    { id: 'cust', tag: 'caller:1' },
    { id: 'agent', tag: 'agent-7' },
    { id: 'sup' },
    { id: 'stranger', tag: 'agent-9' },
  ],
} as unknown as SessionSnapshot;

const call: DirectoryCall = {
  sessionId: 'sess-1',
  label: 'Billing dispute',
  queue: 'Billing',
  startedAt: '2026-01-01T00:00:00Z',
  participants: [
    { participantId: 'cust', displayName: 'Dana Whitfield', role: 'customer' },
    { participantId: 'agent', displayName: 'Priya Ortega', role: 'agent' },
    { participantId: 'sup', displayName: 'Morgan Reyes', role: 'supervisor' },
    { participantId: 'gone', displayName: 'Left Already', role: 'agent' },
  ],
};

describe('sessionView joined with the call directory', () => {
  it('takes the label and queue of the call, and names and roles of its people', () => {
    const view = sessionView(watched, snapshot, {}, call);
    expect(view.label).toBe('Billing dispute');
    expect(view.queue).toBe('Billing');
    expect(
      view.participants.map((p) => [p.id, p.displayName, p.role, p.roleSource, p.directoryRole]),
    ).toEqual([
      ['cust', 'Dana Whitfield', 'customer', 'directory', 'customer'],
      ['agent', 'Priya Ortega', 'agent', 'directory', 'agent'],
      ['sup', 'Morgan Reyes', 'supervisor', 'directory', 'supervisor'],
      ['stranger', undefined, 'agent', 'suggested', undefined],
    ]);
  });

  it('my own participant, which no directory lists, is named by the supervisor', () => {
    const mine = { participantId: 'stranger', displayName: 'Dana Reyes' };
    const view = sessionView(watched, snapshot, {}, call, mine);
    expect(view.participants.find((p) => p.id === 'stranger')?.displayName).toBe('Dana Reyes');
    // The directory's name wins where it has one; nobody else is renamed.
    const listed = sessionView(watched, snapshot, {}, call, { ...mine, participantId: 'sup' });
    expect(listed.participants.map((p) => p.displayName)).toEqual([
      'Dana Whitfield',
      'Priya Ortega',
      'Morgan Reyes',
      undefined,
    ]);
  });

  it('a role assigned in the console wins over the directory’s', () => {
    const view = sessionView(watched, snapshot, { agent: 'supervisor' }, call);
    const agent = view.participants.find((p) => p.id === 'agent');
    expect([agent?.role, agent?.roleSource, agent?.displayName]).toEqual([
      'supervisor',
      'assigned',
      'Priya Ortega',
    ]);
  });

  it('without a directory call it is what it was: the watched label, tag suggestions, no names', () => {
    const view = sessionView(watched, snapshot, {});
    expect(view.label).toBe('tag-label');
    expect(view.queue).toBeUndefined();
    expect(view.participants.every((p) => p.displayName === undefined)).toBe(true);
    expect(view.participants.map((p) => p.roleSource)).toEqual([
      'suggested',
      'suggested',
      null,
      'suggested',
    ]);
  });

  it('an id such as __proto__ finds no name or role', () => {
    const odd = { ...snapshot, participants: [{ id: '__proto__' }, { id: 'constructor' }] };
    const view = sessionView(watched, odd as unknown as SessionSnapshot, {}, call);
    expect(view.participants.map((p) => [p.displayName, p.role])).toEqual([
      [undefined, null],
      [undefined, null],
    ]);
  });
});
