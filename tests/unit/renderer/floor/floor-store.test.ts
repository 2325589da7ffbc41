/** FloorStore against a fake bridge: main's floor live, timers, filter and the keyboard. */
import { describe, expect, it } from 'vitest';
import { FloorStore } from '../../../../src-renderer/lib/state/floor.svelte';
import { ToastsStore } from '../../../../src-renderer/lib/state/toasts.svelte';
import type { TimedRouteView } from '../../../../src-main/shared/dto/timers';
import { fakeBridge, fail, ok } from '../support/fake-bridge';
import { floorCall, floorState } from './support';

const route: TimedRouteView = {
  id: 't1',
  sessionId: 'a',
  intent: { type: 'whisper', supervisorId: 's' },
  label: 'Whisper',
  startedAt: 0,
  endsAt: 60_000,
};

function setup(floor = floorState([floorCall('a'), floorCall('b', { queue: 'Sales' })])) {
  const fake = fakeBridge({
    'floor:get': () => ok(floor),
    'routing:timers': () => ok([route]),
  });
  const toasts = new ToastsStore({ setTimer: () => 0 });
  const ticks: (() => void)[] = [];
  let clock = 1_000;
  const store = new FloorStore(fake.bridge, toasts, {
    now: () => clock,
    every: (run) => {
      ticks.push(run);
      return () => ticks.splice(ticks.indexOf(run), 1);
    },
  });
  const tick = (ms: number): void => {
    clock += ms;
    for (const run of ticks) run();
  };
  return { fake, toasts, store, tick, ticks };
}

describe('FloorStore', () => {
  it('loads the floor and its timers, follows updates, ticks, and stops following', async () => {
    const { fake, store, tick, ticks } = setup();
    const off = store.connect();
    await store.load();
    expect(store.calls.map((c) => c.sessionId)).toEqual(['a', 'b']);
    expect(store.timersOf('a')).toEqual([route]);
    fake.emit('floor:update', floorState([floorCall('c')]));
    expect(store.calls.map((c) => c.sessionId)).toEqual(['c']);
    fake.emit('routing:timer', { type: 'reverted', route, how: 'undone' });
    expect(store.timersOf('a')).toEqual([]);
    tick(1_000);
    expect(store.now).toBe(2_000);
    off();
    expect(ticks).toHaveLength(0);
    expect(fake.listenerCount('floor:update')).toBe(0);
  });

  it('tells when a timed route ends, naming the call, even when another call is open', async () => {
    const { fake, store, toasts } = setup();
    store.connect();
    await store.load();
    const other = { ...route, id: 't2', sessionId: 'b', label: 'Dana whispers to Sam Lee' };
    fake.emit('routing:timer', { type: 'added', route: other });
    expect(store.timersOf('b')).toEqual([other]);
    expect(toasts.items).toEqual([]);
    fake.emit('routing:timer', { type: 'reverted', route: other, how: 'undone' });
    expect(store.timersOf('b')).toEqual([]);
    expect(toasts.items.map((t) => [t.kind, t.text])).toEqual([
      [
        'info',
        'Time is up on “Call b”: “Dana whispers to Sam Lee” ended after 1 min. The routing is back as it was.',
      ],
    ]);
    // One the supervisor stopped is answered where it was stopped: no notice.
    fake.emit('routing:timer', { type: 'reverted', route, how: 'undone', stopped: true });
    expect(toasts.items).toHaveLength(1);
    // A revert that finally failed stays on screen until dismissed.
    fake.emit('routing:timer', {
      type: 'failed',
      route: other,
      message: 'The API answered 500.',
      willRetry: false,
    });
    expect(toasts.assertive.map((t) => t.text)).toEqual([
      'The timed route “Dana whispers to Sam Lee” on “Call b” could not be reverted: The API answered 500.',
    ]);
  });

  it('names a call the floor does not list by its watched label, else its short id', async () => {
    const fake = fakeBridge({
      'floor:get': () => ok(floorState([])),
      'routing:timers': () => ok([]),
    });
    const store = new FloorStore(fake.bridge, new ToastsStore({ setTimer: () => 0 }), {
      callLabel: (id) => (id === 'w' ? 'Watched call' : undefined),
    });
    await store.load();
    expect(store.callName('w')).toBe('Watched call');
    expect(store.callName('0123456789abcdef')).toBe('call 01234567');
  });

  it('says why when the floor cannot be read', async () => {
    const { fake, store, toasts } = setup();
    fake.handlers['floor:get'] = () => fail('internal', 'The floor is not there.');
    await store.load();
    expect(store.state).toBeNull();
    expect(toasts.items.map((t) => t.text).join()).toContain('The floor is not there.');
  });

  it('filters, and moves the keyboard within the visible calls', async () => {
    const { store } = setup(
      floorState([floorCall('a'), floorCall('b', { queue: 'Sales' }), floorCall('c')]),
    );
    await store.load();
    expect(store.activeId).toBe('a');
    expect(store.move(1)).toBe('b');
    expect(store.move(Infinity)).toBe('c');
    expect(store.move(5)).toBe('c');
    expect(store.move(-Infinity)).toBe('a');
    store.activate('b');
    store.setFilter({ queue: 'Billing' });
    expect(store.calls.map((c) => c.sessionId)).toEqual(['a', 'c']);
    // The active call was filtered out: the keyboard is on the first visible one.
    expect(store.activeId).toBe('a');
    store.clearFilter();
    expect(store.activeId).toBe('b');
  });
});
