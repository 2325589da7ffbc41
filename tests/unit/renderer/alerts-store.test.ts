/** AlertsStore against a fake bridge: mirrors main's alerts, in-page notice only in the web host. */
import { describe, expect, it } from 'vitest';
import { AlertsStore } from '../../../src-renderer/lib/state/alerts.svelte';
import { ToastsStore } from '../../../src-renderer/lib/state/toasts.svelte';
import type { AlertView, AlertsState } from '../../../src-main/shared/dto/alerts';
import { fakeBridge, fail, ok, type Handlers } from './support/fake-bridge';

function alert(sessionId: string, severity: AlertView['severity']): AlertView {
  return {
    id: `rule:${sessionId}:p`,
    profileId: 'local',
    sessionId,
    sessionLabel: `Call ${sessionId}`,
    ruleId: severity === 'critical' ? 'customer-hears-supervisor' : 'outside-change',
    severity,
    kind: 'state',
    participantId: 'p',
    message: 'Customer c0de can hear Supervisor 5e90.',
    raisedAt: '2026-01-01T10:00:00.000Z',
  };
}
const leak = alert('s-1', 'critical');
const note = alert('s-2', 'notice');
const state: AlertsState = { alerts: [leak, note], activity: [] };

function setup(notifyInPage: boolean, handlers: Handlers = {}) {
  const fake = fakeBridge({ 'alerts:list': () => ok(state), ...handlers });
  const toasts = new ToastsStore({ setTimer: () => 0 });
  const store = new AlertsStore(fake.bridge, toasts, { notifyInPage });
  return { fake, toasts, store };
}

describe('AlertsStore', () => {
  it('mirrors main’s alerts per session, from a load and from events', async () => {
    const { fake, store } = setup(false);
    await store.load();
    expect(store.forSession('s-1')).toEqual([leak]);
    store.connect();
    fake.emit('alerts:changed', { alerts: [note], activity: [], raised: [] });
    expect(store.forSession('s-1')).toEqual([]);
    expect(store.alerts).toEqual([note]);
  });

  it('gives a call the same list until the alerts change (a poll re-reads them each time)', async () => {
    const { fake, store } = setup(false);
    await store.load();
    const first = store.forSession('s-1');
    expect(store.forSession('s-1')).toBe(first);
    expect(store.activityFor('s-1')).toBe(store.activityFor('s-1'));
    store.connect();
    fake.emit('alerts:changed', { alerts: [leak, note], activity: [], raised: [] });
    const again = store.forSession('s-1');
    expect(again).not.toBe(first);
    expect(again).toEqual([leak]);
    expect(store.forSession('s-3')).toEqual([]);
  });

  it('shows a critical alert just raised in the page only in the web host', () => {
    const web = setup(true);
    web.store.connect();
    web.fake.emit('alerts:changed', { ...state, raised: [leak, note] });
    expect(web.toasts.assertive.map((t) => t.text)).toEqual([`Call s-1: ${leak.message}`]);

    const electron = setup(false);
    electron.store.connect();
    electron.fake.emit('alerts:changed', { ...state, raised: [leak] });
    expect(electron.toasts.items).toEqual([]);
  });

  it('says why an acknowledgement failed and keeps the alert', async () => {
    const { store, toasts } = setup(false, {
      'alerts:acknowledge': () => fail('not-found', 'There is no open alert x.'),
    });
    await store.load();
    expect(await store.acknowledge('local', 'x')).toBe(false);
    expect(store.alerts).toEqual([leak, note]);
    expect(toasts.assertive[0]?.text).toMatch(/no open alert x/);
  });

  it('records a decision and takes main’s answer', async () => {
    const { fake, store } = setup(false, {
      'alerts:decide': () => ok({ alerts: [leak], activity: [] }),
    });
    expect(await store.decide('local', 's-2', 'p', 'accepted')).toBe(true);
    expect(store.alerts).toEqual([leak]);
    expect(fake.calls.at(-1)).toEqual({
      name: 'alerts:decide',
      input: { profileId: 'local', sessionId: 's-2', participantId: 'p', decision: 'accepted' },
    });
  });
});
