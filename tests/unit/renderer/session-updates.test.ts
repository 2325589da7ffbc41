/**
 * One subscriber per event: the SessionsStore is the renderer's only listener to `sessions:update`;
 * a session page's audit view and matrix follow the store, and see each event after the register
 * took it in. Also the AuditStore's own behaviour (reload on this console's changes, scope, export).
 */
import { describe, expect, it } from 'vitest';
import type { SessionUpdateEvent } from '../../../src-main/shared/dto/session-view';
import { AuditStore } from '../../../src-renderer/lib/state/audit.svelte';
import { BusyStore } from '../../../src-renderer/lib/state/busy.svelte';
import { MatrixStore } from '../../../src-renderer/lib/state/matrix.svelte';
import { SessionsStore } from '../../../src-renderer/lib/state/sessions.svelte';
import { ToastsStore } from '../../../src-renderer/lib/state/toasts.svelte';
import { fakeBridge, fail, ok } from './support/fake-bridge';
import { AGENT, SESSION, monitoredCall } from './support/views';

const PROFILE = 'local-demo';
const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function update(origin: 'console' | 'external', sessionId = SESSION): SessionUpdateEvent {
  const session = { ...monitoredCall(), id: sessionId, label: `seen ${origin}` };
  return {
    profileId: PROFILE,
    session,
    changes: [{ participantId: AGENT, kind: 'subscriptions', origin }],
  };
}

function setup() {
  const fake = fakeBridge({
    'sessions:list': () => ok([monitoredCall()]),
    'sessions:focus': () => ok(null),
    'audit:query': () => ok([]),
    'audit:export': () => ok('seq,time\n'),
    'routing:timers': () => ok([]),
    'routing:history': () => ok({ canUndo: false, canRedo: false }),
  });
  const toasts = new ToastsStore({ setTimer: () => 0 });
  const busy = new BusyStore({ setTimer: () => 0, clearTimer: () => undefined });
  const sessions = new SessionsStore(fake.bridge, toasts, busy);
  const downloads: string[] = [];
  const audit = new AuditStore(fake.bridge, SESSION, {
    updates: sessions,
    profileId: () => PROFILE,
    download: (name) => downloads.push(name),
    now: () => new Date('2024-05-06T07:08:09Z'),
  });
  return { fake, sessions, audit, downloads };
}

describe('sessions:update has one subscriber', () => {
  it('the register, the audit view and the matrix share one bridge subscription', async () => {
    const { fake, sessions, audit } = setup();
    const off = [sessions.connect()];
    await sessions.useProfile(PROFILE);
    off.push(audit.connect());
    const view = sessions.find(SESSION);
    if (!view) throw new Error('the session was not loaded');
    const matrix = new MatrixStore({
      bridge: fake.bridge,
      profileId: PROFILE,
      session: () => sessions.find(SESSION) ?? view,
      updates: sessions,
      setRole: () => Promise.resolve(true),
    });
    off.push(matrix.connect());
    expect(fake.listenerCount('sessions:update')).toBe(1);

    // A follower sees the event after the register took it in.
    const seen: (string | undefined)[] = [];
    off.push(sessions.onUpdate((event) => seen.push(sessions.find(event.session.id)?.label)));
    fake.emit('sessions:update', update('external'));
    expect(seen).toEqual(['seen external']);

    for (const stop of off) stop();
    expect(fake.listenerCount('sessions:update')).toBe(0);
    fake.emit('sessions:update', update('console'));
    expect(seen).toEqual(['seen external']);
  });
});

describe('AuditStore', () => {
  it('reloads when this console changed its session, not on outside changes or other sessions', async () => {
    const { fake, sessions, audit } = setup();
    const offSessions = sessions.connect();
    const offAudit = audit.connect();
    await flush();
    expect(fake.inputs('audit:query')).toHaveLength(1);
    fake.emit('sessions:update', update('external'));
    fake.emit('sessions:update', update('console', 'bbbb'));
    await flush();
    expect(fake.inputs('audit:query')).toHaveLength(1);
    fake.emit('sessions:update', update('console'));
    await flush();
    expect(fake.inputs('audit:query')).toEqual([
      { filter: { sessionId: SESSION, profileId: PROFILE } },
      { filter: { sessionId: SESSION, profileId: PROFILE } },
    ]);
    offAudit();
    offSessions();
  });

  it('the account scope asks for the whole profile and follows every session', async () => {
    const { fake, sessions, audit } = setup();
    const offSessions = sessions.connect();
    await audit.setFilter({ scope: 'account', outcome: 'refused' });
    expect(fake.inputs('audit:query')).toEqual([
      { filter: { profileId: PROFILE, outcome: 'refused' } },
    ]);
    const offAudit = audit.connect();
    fake.emit('sessions:update', update('console', 'bbbb'));
    await flush();
    expect(fake.inputs('audit:query')).toHaveLength(3);
    offAudit();
    offSessions();
  });

  it('exports through main and names the file; a refused query shows its error', async () => {
    const { fake, audit, downloads } = setup();
    expect(await audit.export('csv')).toBe(true);
    expect(downloads).toHaveLength(1);
    expect(audit.exported).toBe(downloads[0]);
    fake.handlers['audit:query'] = () => fail('audit-failed', 'The audit log cannot be read.');
    await audit.load();
    expect(audit.error).toBe('The audit log cannot be read.');
  });
});
