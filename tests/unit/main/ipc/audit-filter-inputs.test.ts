/** The audit screen's filters as main checks them: each bad member refused with its own words. */
import { describe, expect, it } from 'vitest';
import { requests } from '../../../../src-main/ipc/schemas';

function problem(filter: Record<string, unknown>): string | null {
  const parsed = requests['audit:query'].input.safeParse({ filter });
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'invalid');
}

describe('audit filter inputs', () => {
  it('takes person, action and call with the existing outcome and time filters', () => {
    expect(
      problem({
        sessionId: 'call-1',
        person: 'Sam Lee',
        action: 'whisper',
        outcome: 'applied',
        from: '2025-01-01T00:00:00.000Z',
        to: '2025-01-02T00:00:00.000Z',
      }),
    ).toBeNull();
    const parsed = requests['audit:export'].input.parse({
      format: 'csv',
      filter: { person: '  Sam Lee ' },
    });
    expect(parsed.filter.person).toBe('Sam Lee');
  });

  it('says what is wrong with each bad member', () => {
    expect(problem({ person: '   ' })).toBe('person is empty: give a name or a participant id');
    expect(problem({ person: 'x'.repeat(201) })).toBe('person is longer than 200 characters');
    expect(problem({ person: 7 })).toBe('person must be a name or a participant id');
    expect(problem({ action: 'shout' })).toMatch(/^action must be one of: monitor, whisper, /);
    expect(problem({ outcome: 'maybe' })).toMatch(/^outcome must be one of: applied, /);
    expect(problem({ sessionId: 'a b' })).toBe(
      'Call (session id) may only contain letters, digits, . _ : -',
    );
    expect(problem({ from: 'yesterday' })).toBe('from must be an ISO date-time');
    expect(problem({ from: '2025-01-02T00:00:00.000Z', to: '2025-01-01T00:00:00.000Z' })).toBe(
      'from must be before to (the "until" time)',
    );
    expect(problem({ who: 'me' })).toMatch(/Unrecognized key/);
  });
});
