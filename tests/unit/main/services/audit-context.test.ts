/** Every audit entry keeps the call's label and the profile's supervisor as they were at the time. */
import { describe, expect, it } from 'vitest';
import type { AuditEntry, AuditEntryInput } from '../../../../src-main/audit';
import { withAuditContext } from '../../../../src-main/services/audit-context';
import type { Profile, WatchedSession } from '../../../../src-main/settings';

function harness(init: {
  supervisor?: string;
  watched?: WatchedSession[];
  directory?: Record<string, string>;
  me?: { sessionId: string; participantId: string; displayName: string };
}): {
  appended: AuditEntryInput[];
  profile: Profile;
  append: (i: AuditEntryInput) => Promise<unknown>;
} {
  const appended: AuditEntryInput[] = [];
  const profile: Profile = {
    id: 'p1',
    name: 'Production',
    kind: 'bandwidth',
    accountId: '9900000',
    username: 'u',
    baseUrl: 'https://example.test/v1',
    ...(init.supervisor === undefined ? {} : { supervisor: { displayName: init.supervisor } }),
  };
  const stamped = withAuditContext({
    audit: {
      append: (input) => {
        appended.push(input);
        return Promise.resolve(input as unknown as AuditEntry);
      },
    },
    settings: {
      getProfile: (id) => (id === profile.id ? profile : undefined),
      listWatchedSessions: () => init.watched ?? [],
    },
    callLabel: (_profileId, sessionId) => init.directory?.[sessionId],
    me: () => init.me,
  });
  return { appended, profile, append: (i) => stamped.append(i) };
}

const input = (sessionId: string): AuditEntryInput => ({
  profileId: 'p1',
  accountId: '9900000',
  sessionId,
  intent: { type: 'fullyWire' },
  receivers: [],
  outcome: 'applied',
});

describe('audit context', () => {
  it('names my own participant by the supervisor’s name on my call only; the directory wins', async () => {
    const me = { sessionId: 's1', participantId: 'me-1', displayName: 'Morgan Reyes' };
    const h = harness({ me });
    await h.append(input('s1'));
    await h.append({ ...input('s1'), names: { 'me-1': 'Listed', a: 'Sam Lee' } });
    await h.append({ ...input('s2'), names: { a: 'Sam Lee' } });
    expect(h.appended.map((e) => e.names)).toEqual([
      { 'me-1': 'Morgan Reyes' },
      { 'me-1': 'Listed', a: 'Sam Lee' },
      { a: 'Sam Lee' },
    ]);
  });

  it("stamps the directory's call label and the profile's supervisor", async () => {
    const h = harness({ supervisor: ' Morgan Reyes ', directory: { s1: 'Billing — Dana' } });
    await h.append(input('s1'));
    expect(h.appended[0]).toMatchObject({ call: 'Billing — Dana', supervisor: 'Morgan Reyes' });
  });

  it('falls back to the watched label, never the bare id, and leaves out what is unknown', async () => {
    const h = harness({
      watched: [
        { id: 's2', label: 'Escalation', addedAt: '2025-01-01T00:00:00.000Z' },
        { id: 's3', label: 's3', addedAt: '2025-01-01T00:00:00.000Z' },
      ],
    });
    await h.append(input('s2'));
    await h.append(input('s3'));
    await h.append(input('s4'));
    expect(h.appended[0]?.call).toBe('Escalation');
    expect(h.appended.slice(1).map((e) => 'call' in e)).toEqual([false, false]);
    expect(h.appended.map((e) => 'supervisor' in e)).toEqual([false, false, false]);
  });

  it('stamps each entry with the supervisor the profile carries at that change', async () => {
    const h = harness({ supervisor: 'Morgan Reyes', directory: { s1: 'Billing' } });
    await h.append(input('s1'));
    h.profile.supervisor = { displayName: 'Alex Kim' };
    await h.append(input('s1'));
    expect(h.appended.map((e) => e.supervisor)).toEqual(['Morgan Reyes', 'Alex Kim']);
  });
});
