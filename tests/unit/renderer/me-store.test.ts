/** MeStore: shows main's answers to Monitor / Coach / Barge / Leave, and holds main's question. */
import { describe, expect, it } from 'vitest';
import type { MeView } from '../../../src-main/shared/dto/me';
import { MeStore } from '../../../src-renderer/lib/state/me.svelte';
import { ToastsStore } from '../../../src-renderer/lib/state/toasts.svelte';
import { fail, fakeBridge, ok } from './support/fake-bridge';

const view: MeView = {
  profileId: 'p1',
  displayName: 'Dana Reyes',
  sessionId: 's1',
  participantId: 'me-1',
  mode: 'monitor',
};

function setup(handlers: Parameters<typeof fakeBridge>[0] = {}) {
  const fake = fakeBridge(handlers);
  const toasts = new ToastsStore();
  const store = new MeStore(fake.bridge, toasts, () => 'p1');
  return { fake, toasts, store };
}

describe('MeStore', () => {
  it('acts for the active profile and shows where I am', async () => {
    const { fake, store } = setup({
      'me:act': () => ok({ status: 'done', me: view, message: 'You are listening.' }),
    });
    await store.act('s1', 'monitor');
    expect(fake.inputs('me:act')).toEqual([{ profileId: 'p1', sessionId: 's1', mode: 'monitor' }]);
    expect(store.modeIn('s1')).toBe('monitor');
    expect(store.modeIn('s2')).toBeNull();
  });

  it("holds main's question, sends nothing more until it is answered, then repeats confirmed", async () => {
    const question =
      'Everyone on the call, the customer too, will hear you (Dana Reyes): barge in?';
    const { fake, store } = setup({
      'me:act': (input) =>
        input.confirmed
          ? ok({ status: 'done', me: { ...view, mode: 'barge' }, message: 'Barged in.' })
          : ok({ status: 'confirm', question }),
    });
    await store.act('s1', 'barge');
    expect(store.question).toEqual({ sessionId: 's1', mode: 'barge', text: question });
    expect(store.me).toBeNull();
    await store.confirm();
    expect(fake.inputs('me:act').at(-1)).toEqual({
      profileId: 'p1',
      sessionId: 's1',
      mode: 'barge',
      confirmed: true,
    });
    expect(store.question).toBeNull();
    expect(store.modeIn('s1')).toBe('barge');
  });

  it('a dismissed question sends nothing', async () => {
    const { fake, store } = setup({ 'me:act': () => ok({ status: 'confirm', question: 'Q?' }) });
    await store.act('s1', 'barge');
    store.dismiss();
    await store.confirm();
    expect(fake.inputs('me:act')).toHaveLength(1);
  });

  it('keeps the state and says why when main refuses', async () => {
    const { store, toasts } = setup({
      'me:act': () => fail('session-full', 'Nothing was changed: this call already has 20.'),
    });
    await store.act('s1', 'monitor');
    expect(store.me).toBeNull();
    expect(toasts.items.map((t) => t.text)).toEqual([expect.stringContaining('already has 20')]);
  });

  it("follows main's changes for the active profile only, and leaves", async () => {
    const { fake, store } = setup({
      'me:state': () => ok(null),
      'me:leave': () => ok({ status: 'done', me: null, message: 'You left the call.' }),
    });
    const off = store.connect();
    fake.emit('me:changed', { profileId: 'other', me: view });
    expect(store.me).toBeNull();
    fake.emit('me:changed', { profileId: 'p1', me: view });
    expect(store.me).toEqual(view);
    await store.leave();
    expect(fake.inputs('me:leave')).toEqual([{ profileId: 'p1' }]);
    expect(store.me).toBeNull();
    off();
    expect(fake.listenerCount('me:changed')).toBe(0);
  });
});
