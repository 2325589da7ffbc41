/**
 * The Electron transport (src-main/app/ipc-electron.ts) against a mocked `electron`: the Electron
 * binary cannot run here. Which frames it trusts, what reaches the dispatcher, which events reach
 * the window and what its disposer undoes.
 */
import type { BrowserWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Caller } from '../../../../src-main/ipc/dispatcher';
import { TypedEmitter, type ConsoleEvents } from '../../../../src-main/services/emitter';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../../src-main/shared/contract/channels';
import type { ProfilesState } from '../../../../src-main/shared/contract';

type InvokeHandler = (event: unknown, name: unknown, input: unknown) => Promise<unknown>;
const electron = vi.hoisted(() => ({ handlers: new Map<string, InvokeHandler>() }));
vi.mock('electron', () => ({
  default: {},
  ipcMain: {
    handle: (channel: string, handler: InvokeHandler) => {
      if (electron.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      electron.handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => void electron.handlers.delete(channel),
  },
}));
const { registerElectronIpc } = await import('../../../../src-main/app/ipc-electron');

const RENDERER = 'app://patchbay/index.html';
const PROFILES: ProfilesState = { profiles: [], activeId: 'local-demo' };

interface Frame {
  url: string;
}

/** What Electron hands an invoke handler: the sending frame and its web contents' main frame. */
function invokeEvent(senderFrame: Frame | null, mainFrame: Frame): unknown {
  return { senderFrame, sender: { mainFrame } };
}

class FakeWindow {
  destroyed = false;
  readonly sent: unknown[][] = [];
  readonly webContents = { send: (...args: unknown[]) => void this.sent.push(args) };
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

let calls: { name: string; input: unknown; caller: Caller }[];
let events: TypedEmitter<ConsoleEvents>;
let window: FakeWindow | undefined;
let dispose: () => void;

function invoke(event: unknown, name: unknown, input: unknown): Promise<unknown> {
  const handler = electron.handlers.get(INVOKE_CHANNEL);
  if (!handler) throw new Error('no invoke handler registered');
  return handler(event, name, input);
}

beforeEach(() => {
  electron.handlers.clear();
  calls = [];
  events = new TypedEmitter<ConsoleEvents>();
  window = new FakeWindow();
  dispose = registerElectronIpc(
    async (name, input, caller) => {
      calls.push({ name, input, caller });
      return { ok: true, value: `answer to ${name}` };
    },
    events,
    // Only isDestroyed() and webContents.send() are used.
    () => window as unknown as BrowserWindow | undefined,
    RENDERER,
  );
});

describe('the Electron IPC registration', () => {
  it('registers one invoke channel into the dispatcher and answers with its Result', async () => {
    expect([...electron.handlers.keys()]).toEqual([INVOKE_CHANNEL]);
    const main = { url: `${RENDERER}#/sessions` };
    const answer = await invoke(invokeEvent(main, main), 'sessions:list', { a: 1 });
    expect(answer).toEqual({ ok: true, value: 'answer to sessions:list' });
    expect(calls).toEqual([
      { name: 'sessions:list', input: { a: 1 }, caller: { url: main.url, trusted: true } },
    ]);
  });

  it('trusts only the main frame showing our own document', async () => {
    const main = { url: RENDERER };
    await invoke(invokeEvent({ url: RENDERER }, main), 'a:b', {}); // a subframe, same URL
    await invoke(invokeEvent({ url: 'https://evil.example/' }, { url: 'x' }), 'a:b', {});
    const elsewhere = { url: 'app://patchbay/other.html' };
    await invoke(invokeEvent(elsewhere, elsewhere), 'a:b', {});
    const withCredentials = { url: 'app://user:pw@patchbay/index.html' };
    await invoke(invokeEvent(withCredentials, withCredentials), 'a:b', {});
    await invoke(invokeEvent(null, main), 'a:b', {}); // the frame is gone
    expect(calls.map((c) => c.caller)).toEqual([
      { url: RENDERER, trusted: false },
      { url: 'https://evil.example/', trusted: false },
      { url: 'app://patchbay/other.html', trusted: false },
      { url: 'app://user:pw@patchbay/index.html', trusted: false },
      { url: '', trusted: false },
    ]);
  });

  it('hands the dispatcher a string name whatever the page sent', async () => {
    const main = { url: RENDERER };
    await invoke(invokeEvent(main, main), { toString: () => 'profiles:list' }, null);
    await invoke(invokeEvent(main, main), 42, null);
    expect(calls.map((c) => c.name)).toEqual(['profiles:list', '42']);
  });

  it("relays every service event to the window's event channel", () => {
    events.emit('profiles:changed', PROFILES);
    events.emit('routing:timer', {
      type: 'failed',
      route: {
        id: 't1',
        sessionId: 's1',
        intent: { type: 'monitor', supervisorId: 'p1' },
        label: 'Monitor',
        startedAt: 1,
        endsAt: null,
      },
      message: 'gone',
      willRetry: false,
    });
    expect(window?.sent.map(([channel, name]) => [channel, name])).toEqual([
      [EVENT_CHANNEL, 'profiles:changed'],
      [EVENT_CHANNEL, 'routing:timer'],
    ]);
    expect(window?.sent[0]?.[2]).toEqual(PROFILES);
  });

  it('sends nothing to a closed or destroyed window', () => {
    const destroyed = window;
    if (destroyed) destroyed.destroyed = true;
    events.emit('profiles:changed', PROFILES);
    window = undefined;
    events.emit('profiles:changed', PROFILES);
    expect(destroyed?.sent).toEqual([]);
  });

  it('unregisters the channel and stops relaying when disposed', () => {
    dispose();
    expect(electron.handlers.size).toBe(0);
    events.emit('profiles:changed', PROFILES);
    expect(window?.sent).toEqual([]);
  });
});
