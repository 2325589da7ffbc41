import { describe, expect, it } from 'vitest';
import {
  participantLabel,
  sessionFromApi,
  sessionLabels,
} from '../../../../src-main/shared/routing';
import { hasControlCharacter } from '../../../../src-main/shared/text';
import { neutralLabel } from '../../../../src-main/shared/routing/labels';
import { person, sessionOf, SID } from './support';

const C = '7f3a0001-0000-4000-8000-000000000001';
const A = '9c1d0001-0000-4000-8000-000000000002';
const S = '21bc0001-0000-4000-8000-000000000003';

describe('labels with names from the call directory', () => {
  it('shows the name instead of the role word and short id, and keeps the others as they were', () => {
    const s = sessionOf([
      { ...person(C, 'customer'), displayName: 'Dana Whitfield' },
      { ...person(A, 'agent'), displayName: '  Priya Ortega ' },
      person(S, 'supervisor'),
    ]);
    expect([...sessionLabels(s).entries()]).toEqual([
      [C, 'Dana Whitfield'],
      [A, 'Priya Ortega'],
      [S, 'Supervisor 21bc'],
    ]);
  });

  it('are worked out once per member list, and again for a new list', () => {
    const s = sessionOf([person(C, 'customer'), person(A, 'agent')]);
    const first = sessionLabels(s);
    // A routing state derived from the same snapshot (other subscriptions) shares its labels.
    expect(sessionLabels({ ...s, subscriptions: {} })).toBe(first);
    const renamed = sessionOf([{ ...person(C, 'customer'), displayName: 'Dana Whitfield' }]);
    expect(sessionLabels(renamed).get(C)).toBe('Dana Whitfield');
    expect(first.get(C)).toBe('Customer 7f3a');
  });

  it('a blank name counts as none', () => {
    const s = sessionOf([{ ...person(C, 'customer'), displayName: ' \t ' }]);
    expect(participantLabel(s, C)).toBe('Customer 7f3a');
  });

  it('writes out control and bidi override characters a backend put in a name', () => {
    const s = sessionOf([{ ...person(A, 'agent'), displayName: 'Eve\u202Etxt.exe\u001b[31m' }]);
    const label = participantLabel(s, A);
    expect(label).toBe('Eve\\u202etxt.exe\\x1b[31m');
    expect(hasControlCharacter(label) || label.includes('\u202e')).toBe(false);
  });

  it('keeps labels unique when two people share a name, or a name reads like another label', () => {
    const s = sessionOf([
      { ...person(C, 'customer'), displayName: 'Sam Lee' },
      { ...person(A, 'agent'), displayName: 'sam lee' },
      person(S, 'supervisor'),
      {
        ...person('abcd0001-0000-4000-8000-000000000009', 'other'),
        displayName: 'Supervisor 21BC',
      },
    ]);
    const labels = [...sessionLabels(s).values()];
    expect(labels).toEqual([
      'Sam Lee (7f3a)',
      'sam lee (9c1d)',
      'Supervisor 21bc',
      'Supervisor 21BC (abcd)',
    ]);
    expect(new Set(labels.map((l) => l.toLowerCase())).size).toBe(labels.length);
  });

  it('a named person is not given a role word when the role is only guessed', () => {
    const s = sessionOf([
      { ...person(C, 'customer'), displayName: 'Dana Whitfield', roleSuggested: true },
      { ...person(A, 'agent'), roleSuggested: true },
    ]);
    expect(neutralLabel(s, C)).toBe('Dana Whitfield');
    expect(neutralLabel(s, A)).toBe('Participant 9c1d');
  });

  it('sessionFromApi carries the directory names of its members only', () => {
    const s = sessionFromApi(
      SID,
      [{ id: C, tag: 'customer' }, { id: A }],
      {},
      {},
      { [C]: 'Dana Whitfield', [A]: '   ', stranger: 'Not here' },
    );
    expect(s.participants.map((p) => p.displayName)).toEqual(['Dana Whitfield', undefined]);
    const proto = sessionFromApi(SID, [{ id: '__proto__' }], {}, {}, {});
    expect(proto.participants[0]?.displayName).toBeUndefined();
  });
});
