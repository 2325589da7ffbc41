/** SessionsStore against a fake bridge: the register, live updates, selection and lifecycle calls. */
import { describe, expect, it } from 'vitest';
import { BusyStore } from '../../../src-renderer/lib/state/busy.svelte';
import { SessionsStore } from '../../../src-renderer/lib/state/sessions.svelte';
import { ToastsStore } from '../../../src-renderer/lib/state/toasts.svelte';
import type { SessionView } from '../../../src-main/shared/dto/session-view';
import { fakeBridge, fail, ok, type Handlers } from './support/fake-bridge';
import { AGENT, CUSTOMER, member, monitoredCall, sessionView } from './support/views';

const first = monitoredCall();
const second: SessionView = sessionView([], { id: 'bbbb', label: 'call-2' });

function setup(handlers: Handlers = {}) {
  const fake = fakeBridge({
    'sessions:list': () => ok([first, second]),
    'sessions:focus': () => ok(null),
    ...handlers,
  });
  const toasts = new ToastsStore({ setTimer: () => 0 });
  const busy = new BusyStore({ setTimer: () => 0, clearTimer: () => undefined });
  const store = new SessionsStore(fake.bridge, toasts, busy);
  return { fake, toasts, store };
}

describe('SessionsStore: register and live updates', () => {
  it('loads the active profile’s sessions and selects the first (polling it fast)', async () => {
    const { store, fake } = setup();
    await store.useProfile('local-demo');
    expect(store.sessions.map((s) => s.label)).toEqual(['call-1', 'call-2']);
    expect(store.selected?.id).toBe(first.id);
    expect(fake.inputs('sessions:focus')).toEqual([
      { profileId: 'local-demo', sessionId: first.id },
    ]);
  });

  it('opens the call open before a reload instead of the first one', async () => {
    const { store } = setup();
    store.restore(second.id);
    await store.useProfile('local-demo');
    expect(store.selected?.id).toBe(second.id);
    expect(store.missing).toBeNull();
  });

  it('says so when the call open before a reload is no longer watched, and opens none', async () => {
    const { store } = setup();
    store.restore('gone-1');
    await store.useProfile('local-demo');
    expect(store.selected).toBeNull();
    expect(store.missing).toBe('gone-1');
    await store.select(first.id);
    expect(store.missing).toBeNull();
  });

  it('applies updates for its profile’s watched sessions only', async () => {
    const { store, fake } = setup();
    const off = store.connect();
    await store.useProfile('local-demo');
    const ended = { ...second, state: 'ended' as const, error: 'gone' };
    fake.emit('sessions:update', { profileId: 'local-demo', session: ended, changes: [] });
    fake.emit('sessions:update', {
      profileId: 'other-profile',
      session: { ...first, state: 'unreachable' },
      changes: [],
    });
    fake.emit('sessions:update', {
      profileId: 'local-demo',
      session: { ...second, id: 'not-watched' },
      changes: [],
    });
    expect(store.find('bbbb')?.state).toBe('ended');
    expect(store.find(first.id)?.state).toBe('live');
    expect(store.sessions).toHaveLength(2);
    off();
    expect(fake.listenerCount('sessions:update')).toBe(0);
  });

  it('drops the old register when the profile changes', async () => {
    const { store, fake } = setup();
    await store.useProfile('local-demo');
    fake.handlers['sessions:list'] = () => ok([]);
    await store.useProfile('p-1');
    expect(store.sessions).toEqual([]);
    expect(store.selected).toBeNull();
  });
});

describe('SessionsStore: create, watch, discover', () => {
  it('creates a session with a trimmed tag, watches and selects it', async () => {
    const created = sessionView([], { id: 'cccc', label: 'queue-7' });
    const { store, fake, toasts } = setup({ 'sessions:create': () => ok(created) });
    await store.useProfile('local-demo');
    await expect(store.create('  queue-7 ')).resolves.toBe(true);
    expect(fake.inputs('sessions:create')).toEqual([{ profileId: 'local-demo', tag: 'queue-7' }]);
    expect(store.selectedId).toBe('cccc');
    expect(store.sessions.at(-1)?.id).toBe('cccc');
    expect(toasts.polite.at(-1)?.text).toBe('Created session “queue-7” and started watching it.');
  });

  it('creates without a tag when none is typed', async () => {
    const { store, fake } = setup({ 'sessions:create': () => ok(second) });
    await store.useProfile('local-demo');
    await store.create('');
    expect(fake.inputs('sessions:create')).toEqual([{ profileId: 'local-demo' }]);
  });

  it('keeps a create failure next to the form', async () => {
    const { store } = setup({
      'sessions:create': () =>
        fail('api-unauthorized', 'Create session failed: Unauthorized [401]'),
    });
    await expect(store.create('x')).resolves.toBe(false);
    expect(store.formError('create')).toContain('remove the profile and add it again');
    store.clearFormError('create');
    expect(store.formError('create')).toBeNull();
  });

  it('watches a session by id, and says so when it was already watched', async () => {
    const { store, fake, toasts } = setup({
      'sessions:watch': ({ sessionId }) => ok({ ...second, id: sessionId }),
    });
    await store.useProfile('local-demo');
    await store.watch(' dddd ');
    expect(fake.inputs('sessions:watch')).toEqual([{ profileId: 'local-demo', sessionId: 'dddd' }]);
    expect(store.selectedId).toBe('dddd');
    await store.watch('bbbb');
    expect(toasts.polite.at(-1)?.text).toBe('Already watching “call-2”: it is selected.');
    expect(store.sessions.filter((s) => s.id === 'bbbb')).toHaveLength(1);
  });

  it('explains an unknown session id', async () => {
    const { store } = setup({
      'sessions:watch': () =>
        fail('not-found', 'There is no session x in account 9900000 (it may have ended).'),
    });
    await store.watch('x');
    expect(store.formError('watch')).toBe(
      'There is no session x in account 9900000 (it may have ended).',
    );
  });

  it('discovers a participant’s session', async () => {
    const { store, fake, toasts } = setup({ 'sessions:discover': () => ok(first) });
    await store.useProfile('local-demo');
    await expect(store.discover(AGENT)).resolves.toBe(true);
    expect(fake.inputs('sessions:discover')).toEqual([
      { profileId: 'local-demo', participantId: AGENT },
    ]);
    expect(store.selectedId).toBe(first.id);
    expect(toasts.polite.at(-1)?.text).toBe(
      `Participant ${AGENT} is in session “call-1”: now watching it.`,
    );
  });

  it('says what to do when the participant is in no session', async () => {
    const { store } = setup({
      'sessions:discover': () => fail('not-in-session', 'Participant p is not in any session.'),
    });
    await store.discover('p');
    expect(store.formError('discover')).toBe(
      'Participant p is not in any session. Add the participant to a session first, or watch the session by its id instead.',
    );
  });
});

describe('SessionsStore: unwatch, delete, refresh', () => {
  it('stops watching and selects the next session', async () => {
    const { store, toasts } = setup({ 'sessions:unwatch': () => ok(null) });
    await store.useProfile('local-demo');
    await expect(store.unwatch(first.id)).resolves.toBe(true);
    expect(store.sessions.map((s) => s.id)).toEqual(['bbbb']);
    expect(store.selectedId).toBe('bbbb');
    expect(toasts.polite.at(-1)?.text).toContain('The call goes on');
  });

  it('deletes a session and says how many were cut off', async () => {
    const { store, toasts } = setup({ 'sessions:delete': () => ok(null) });
    await store.useProfile('local-demo');
    await store.delete(first.id);
    expect(toasts.polite.at(-1)?.text).toBe(
      'Deleted session “call-1”: the call ended for 3 participants.',
    );
    await store.delete('bbbb');
    expect(store.sessions).toEqual([]);
    expect(store.selectedId).toBeNull();
  });

  it('keeps the session when deleting fails, with an error toast', async () => {
    const { store, toasts } = setup({
      'sessions:delete': () => fail('api-network', 'Delete session failed: fetch failed'),
    });
    await store.useProfile('local-demo');
    await expect(store.delete(first.id)).resolves.toBe(false);
    expect(store.sessions).toHaveLength(2);
    expect(toasts.assertive[0]?.text).toContain('Check your network connection');
  });

  it('refreshes a session view', async () => {
    const fresh = { ...first, participants: [member(CUSTOMER, 'customer')] };
    const { store } = setup({ 'sessions:refresh': () => ok(fresh) });
    await store.useProfile('local-demo');
    await store.refresh(first.id);
    expect(store.selected?.participants).toHaveLength(1);
  });
});
