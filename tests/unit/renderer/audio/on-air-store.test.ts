/** OnAirStore: the indicator's words follow the routing of my call and my microphone. */
import { describe, expect, it } from 'vitest';
import type { Subscriptions } from '../../../../src-main/shared/bandwidth-api';
import type { MeView } from '../../../../src-main/shared/dto/me';
import type { SessionUpdateEvent } from '../../../../src-main/shared/dto/session-view';
import { OnAirStore } from '../../../../src-renderer/lib/state/on-air.svelte';
import { AGENT, CUSTOMER, SESSION, member, sessionView } from '../support/views';

const ME_ID = '5c5c0000-0000-4000-8000-000000000009';
const me: MeView = {
  profileId: 'p1',
  displayName: 'Dana Reyes',
  sessionId: SESSION,
  participantId: ME_ID,
  mode: 'coach',
};
const list = (...ids: string[]): Subscriptions => ({
  sessionId: SESSION,
  participants: ids.map((participantId) => ({ participantId })),
});
const call = (agentHears: string[], customerHears: string[]) =>
  sessionView([
    member(CUSTOMER, 'customer', list(...customerHears)),
    member(AGENT, 'agent', list(...agentHears)),
    member(ME_ID, 'supervisor', list(CUSTOMER, AGENT)),
  ]);

function setup(mic = { published: true, micOpen: true }) {
  let listener: ((e: SessionUpdateEvent) => void) | null = null;
  const store = new OnAirStore(() => me, mic, {
    find: () => undefined,
    onUpdate: (l) => {
      listener = l;
      return () => (listener = null);
    },
  });
  const off = store.connect();
  const update = (session: ReturnType<typeof sessionView>) =>
    listener?.({ profileId: 'p1', session, changes: [] });
  return { store, update, off };
}

describe('OnAirStore', () => {
  it('says nothing until the routing of my call is seen, then follows each update', () => {
    const t = setup();
    expect(t.store.words).toBeNull();
    t.update(call([CUSTOMER, ME_ID], [AGENT]));
    expect(t.store.words?.text).toBe('On air — Agent 21bc hears you; the customer does not');
    t.update(call([CUSTOMER, ME_ID], [AGENT, ME_ID]));
    expect(t.store.words?.text).toBe('On air — everyone on the call hears you, the customer too');
  });

  it('ignores other calls, and says muted when my microphone is silent', () => {
    const t = setup({ published: true, micOpen: false });
    t.update({ ...call([ME_ID], [ME_ID]), id: 'another-call' });
    expect(t.store.words).toBeNull();
    t.update(call([CUSTOMER, ME_ID], [AGENT, ME_ID]));
    expect(t.store.words?.text).toBe('Muted — nobody hears you');
    t.off();
  });
});
