/** AuditStore against a fake bridge: the filter main gets, ordering, reloads on own changes, export. */
import { describe, expect, it } from 'vitest';
import { AuditStore } from '../../../src-renderer/lib/state/audit.svelte';
import { fakeBridge, fail, ok, type Handlers } from './support/fake-bridge';
import { AGENT, SESSION, sessionView } from './support/views';

type Entry = AuditStore['entries'][number];

function entry(seq: number): Entry {
  return {
    seq,
    time: `2025-11-21T10:0${seq}:00.000Z`,
    osUser: 'sup',
    prevHash: '0'.repeat(64),
    hash: String(seq).repeat(64).slice(0, 64),
    profileId: 'p-1',
    accountId: '9900001',
    sessionId: SESSION,
    intent: { type: 'monitor' },
    receivers: [],
    outcome: 'applied',
  };
}

function setup(handlers: Handlers = {}, profileId: string | null = 'p-1') {
  const fake = fakeBridge({ 'audit:query': () => ok([entry(1), entry(3), entry(2)]), ...handlers });
  const downloads: [string, string, string][] = [];
  const store = new AuditStore(fake.bridge, SESSION, {
    updates: fake.bridge.sessions,
    profileId: () => profileId,
    download: (name, mime, text) => downloads.push([name, mime, text]),
    now: () => new Date('2025-11-21T10:31:05.000Z'),
  });
  return { fake, store, downloads };
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
};

describe('AuditStore', () => {
  it('asks main for this session and profile, and lists the newest entry first', async () => {
    const { store, fake } = setup();
    await store.load();
    expect(fake.inputs('audit:query')).toEqual([
      { filter: { sessionId: SESSION, profileId: 'p-1' } },
    ]);
    expect(store.entries.map((e) => e.seq)).toEqual([3, 2, 1]);
    expect(store.loading).toBe(false);
    expect(store.error).toBeNull();
  });

  it('turns the form into main’s filter: account scope, an outcome, times as ISO', async () => {
    const { store, fake } = setup({}, null);
    await store.setFilter({ scope: 'account', outcome: 'refused', from: '2025-11-21T10:00' });
    await store.setFilter({ from: 'not a time', to: '', outcome: 'any' });
    const [first, second] = fake.inputs('audit:query') as { filter: Record<string, string> }[];
    expect(Object.keys(first?.filter ?? {}).sort()).toEqual(['from', 'outcome']);
    expect(first?.filter['outcome']).toBe('refused');
    expect(first?.filter['from']).toBe(new Date('2025-11-21T10:00').toISOString());
    expect(second).toEqual({ filter: {} });
    expect(store.filter).toEqual({
      scope: 'account',
      outcome: 'any',
      from: 'not a time',
      to: '',
      person: '',
      action: 'any',
      call: '',
    });
  });

  it('shows main’s error and keeps the entries it had', async () => {
    const { store, fake } = setup();
    await store.load();
    fake.handlers['audit:query'] = () => fail('audit-unreadable', 'The audit log cannot be read.');
    await store.load();
    expect(store.error).toContain('The audit log cannot be read.');
    expect(store.entries).toHaveLength(3);
  });

  it('keeps only the answer to the latest query when two overlap', async () => {
    let release: () => void = () => undefined;
    const { store, fake } = setup();
    fake.handlers['audit:query'] = () =>
      new Promise((resolve) => {
        release = () => resolve(ok([entry(1)]));
      });
    const slow = store.load();
    fake.handlers['audit:query'] = () => ok([entry(2)]);
    await store.load();
    release();
    await slow;
    expect(store.entries.map((e) => e.seq)).toEqual([2]);
  });

  it('reloads when this console changed the watched session, not for others’ changes', async () => {
    const { store, fake } = setup();
    const off = store.connect();
    await settle();
    const change = (origin: 'console' | 'external', id = SESSION) =>
      fake.emit('sessions:update', {
        profileId: 'p-1',
        session: sessionView([], { id }),
        changes: [{ participantId: AGENT, kind: 'subscriptions', origin }],
      });
    change('external');
    change('console', 'bbbb1111-0000-4000-8000-00000000000b');
    await settle();
    expect(fake.inputs('audit:query')).toHaveLength(1);
    change('console');
    await settle();
    expect(fake.inputs('audit:query')).toHaveLength(2);
    off();
    expect(fake.listenerCount('sessions:update')).toBe(0);
  });

  it('hands main’s export to download under a dated name, and reports a failed one', async () => {
    const { store, fake, downloads } = setup({ 'audit:export': () => ok('seq,time\n1,x\n') });
    expect(await store.export('csv')).toBe(true);
    expect(fake.inputs('audit:export')).toEqual([
      { format: 'csv', filter: { sessionId: SESSION, profileId: 'p-1' } },
    ]);
    const name = 'patchbay-audit-session-2025-11-21T10-31-05.csv';
    expect(downloads).toEqual([[name, 'text/csv', 'seq,time\n1,x\n']]);
    expect(store.exported).toBe(name);
    fake.handlers['audit:export'] = () => fail('audit-unreadable', 'The audit log cannot be read.');
    expect(await store.export('json')).toBe(false);
    expect(downloads).toHaveLength(1);
    expect(store.error).toContain('The audit log cannot be read.');
  });

  it('on the audit screen: every call, filtered by call, person and action, as main takes them', async () => {
    const fake = fakeBridge({ 'audit:query': () => ok([]) });
    const store = new AuditStore(
      fake.bridge,
      null,
      { updates: fake.bridge.sessions, profileId: () => 'p-1', download: () => undefined },
      { call: 'call-b' },
    );
    await store.load();
    await store.setFilter({ person: '  ', action: 'whisper' });
    await store.setFilter({ person: 'Sam Lee', call: '' });
    expect(fake.inputs('audit:query')).toEqual([
      { filter: { sessionId: 'call-b', profileId: 'p-1' } },
      { filter: { sessionId: 'call-b', profileId: 'p-1', action: 'whisper' } },
      { filter: { profileId: 'p-1', person: 'Sam Lee', action: 'whisper' } },
    ]);
  });

  it('offers the calls and people the log has shown, by label and name', async () => {
    const named = (seq: number, sessionId: string, call: string | undefined): Entry => ({
      ...entry(seq),
      sessionId,
      ...(call === undefined ? {} : { call }),
      supervisor: 'Morgan Reyes',
      intent: { type: 'mute', publisherId: AGENT },
      names: { [AGENT]: 'Sam Lee' },
    });
    const fake = fakeBridge({
      'audit:query': () => ok([named(1, 'call-a', 'Billing'), named(2, 'f00dfeed99', undefined)]),
    });
    const store = new AuditStore(fake.bridge, null, {
      updates: fake.bridge.sessions,
      profileId: () => 'p-1',
      download: () => undefined,
    });
    await store.load();
    expect(store.calls).toEqual([
      { value: 'call-a', label: 'Billing' },
      { value: 'f00dfeed99', label: 'Call f00dfeed' },
    ]);
    expect(store.people).toEqual([
      { value: 'Morgan Reyes', label: 'Morgan Reyes' },
      { value: 'Sam Lee', label: 'Sam Lee' },
    ]);
    // A narrower answer later keeps the choices already offered.
    fake.handlers['audit:query'] = () => ok([]);
    await store.setFilter({ action: 'barge' });
    expect(store.calls).toHaveLength(2);
  });

  it('reads each entry once for the choices; a newer entry still renames its call', async () => {
    const reads = new Set<number>();
    const watched = (seq: number, call: string): Entry => {
      const base: Entry = { ...entry(seq), call, names: { [AGENT]: 'Sam Lee' } };
      // Counts how often the choices read an entry's names (once per entry, not once per load).
      return Object.defineProperty(base, 'names', {
        enumerable: true,
        get: () => (reads.add(seq), { [AGENT]: 'Sam Lee' }),
      });
    };
    const log = [watched(1, 'Billing')];
    const fake = fakeBridge({ 'audit:query': () => ok([...log]) });
    const store = new AuditStore(fake.bridge, null, {
      updates: fake.bridge.sessions,
      profileId: () => 'p-1',
      download: () => undefined,
    });
    await store.load();
    reads.clear();
    log.push(watched(2, 'Billing, second line'));
    await store.load();
    expect([...reads]).toEqual([2]);
    expect(store.calls).toEqual([{ value: SESSION, label: 'Billing, second line' }]);
    expect(store.entries.map((e) => e.seq)).toEqual([2, 1]);
  });

  it('shows main’s words for a bad filter', async () => {
    const fake = fakeBridge({
      'audit:query': () =>
        fail('invalid-input', 'audit:query: filter.person: person is longer than 200 characters'),
    });
    const store = new AuditStore(fake.bridge, null, {
      updates: fake.bridge.sessions,
      profileId: () => 'p-1',
      download: () => undefined,
    });
    await store.setFilter({ person: 'x'.repeat(201) });
    expect(store.error).toContain('person is longer than 200 characters');
  });
});
