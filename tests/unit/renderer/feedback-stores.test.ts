/** BusyStore (progress indication after 300 ms) and ToastsStore (outcome messages). */
import { describe, expect, it } from 'vitest';
import { BusyStore } from '../../../src-renderer/lib/state/busy.svelte';
import { PreferencesStore } from '../../../src-renderer/lib/state/preferences.svelte';
import { ToastsStore } from '../../../src-renderer/lib/state/toasts.svelte';

/** Timers run by hand. */
function manualTimers() {
  const pending = new Map<number, () => void>();
  let next = 1;
  return {
    setTimer: (run: () => void) => {
      const id = next++;
      pending.set(id, run);
      return id;
    },
    clearTimer: (handle: unknown) => void pending.delete(handle as number),
    fire: () => {
      const runs = [...pending.values()];
      pending.clear();
      for (const run of runs) run();
    },
    get count() {
      return pending.size;
    },
  };
}

describe('BusyStore', () => {
  it('marks a task running at once and slow only after the delay', async () => {
    const timers = manualTimers();
    const busy = new BusyStore(timers);
    let finish: (value: string) => void = () => undefined;
    const work = busy.run('save', 'Saving…', () => new Promise<string>((r) => (finish = r)));
    expect(busy.isRunning('save')).toBe(true);
    expect(busy.isRunning('other')).toBe(false);
    expect(busy.slow).toEqual([]);
    timers.fire();
    expect(busy.slow.map((t) => t.label)).toEqual(['Saving…']);
    finish('done');
    await expect(work).resolves.toBe('done');
    expect(busy.isRunning('save')).toBe(false);
    expect(busy.slow).toEqual([]);
  });

  it('never flags quick work as slow and clears its timer', async () => {
    const timers = manualTimers();
    const busy = new BusyStore(timers);
    await busy.run('quick', 'Quick…', async () => 1);
    expect(timers.count).toBe(0);
    expect(busy.running).toEqual([]);
  });

  it('ends the task when the work throws', async () => {
    const busy = new BusyStore(manualTimers());
    await expect(
      busy.run('x', 'X', async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(busy.isRunning('x')).toBe(false);
  });
});

describe('ToastsStore', () => {
  it('puts successes in the polite region and errors in the assertive one', () => {
    const toasts = new ToastsStore({ setTimer: () => 0 });
    toasts.success('Saved.');
    toasts.info('Note.');
    toasts.error({ code: 'api-rate-limited', message: 'Too many requests [429]' });
    expect(toasts.polite.map((t) => t.text)).toEqual(['Saved.', 'Note.']);
    expect(toasts.assertive.map((t) => t.text)).toEqual([
      'Too many requests [429]. Bandwidth asked us to slow down: wait a few seconds and try again.',
    ]);
  });

  it('lets successes expire and keeps errors until dismissed', () => {
    const timers = manualTimers();
    const toasts = new ToastsStore(timers);
    toasts.success('Saved.');
    const error = toasts.error('Failed: do this.');
    timers.fire();
    expect(toasts.items.map((t) => t.text)).toEqual(['Failed: do this.']);
    toasts.dismiss(error);
    expect(toasts.items).toEqual([]);
  });

  it('shows a repeated message once and keeps at most five', () => {
    const toasts = new ToastsStore({ setTimer: () => 0 });
    toasts.error('Same.');
    toasts.error('Same.');
    expect(toasts.items).toHaveLength(1);
    for (let i = 0; i < 7; i += 1) toasts.success(`n${i}`);
    expect(toasts.items.map((t) => t.text)).toEqual(['n2', 'n3', 'n4', 'n5', 'n6']);
  });
});

describe('PreferencesStore', () => {
  it('loads the theme and reverts a change main refuses', async () => {
    const { fakeBridge, ok, fail } = await import('./support/fake-bridge');
    const fake = fakeBridge({
      'settings:get': () =>
        ok({
          preferences: { pollFastMs: 1000, pollSlowMs: 5000, confirmations: true, theme: 'dark' },
        }),
      'settings:update': () => fail('settings-write', 'Could not write the settings file.'),
    });
    const toasts = new ToastsStore({ setTimer: () => 0 });
    const prefs = new PreferencesStore(fake.bridge, toasts);
    expect(prefs.theme).toBe('system');
    await prefs.load();
    expect(prefs.theme).toBe('dark');
    await expect(prefs.setTheme('light')).resolves.toBe(false);
    expect(prefs.theme).toBe('dark');
    expect(toasts.assertive[0]?.text).toBe('Could not write the settings file.');
  });
});
