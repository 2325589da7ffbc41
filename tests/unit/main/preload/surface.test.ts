/**
 * The bridge the renderer sees. The Electron binary cannot run here: the preload runs against a
 * stand-in for `electron` that records what it exposes and what it sends. Its surface is checked
 * against a committed list (surface.snapshot.txt), so every new privileged capability shows up as a
 * diff in review; the web host's bridge (the renderer's api.ts, in a page without a preload) must
 * match the same list.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { describeSurface } from '../../../../src-main/shared/contract/bridge';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../../src-main/shared/contract/channels';
import type { PatchbayBridge } from '../../../../src-main/shared/contract';

type Relay = (event: unknown, name: unknown, payload: unknown) => void;
const ipc = vi.hoisted(() => ({
  exposed: {} as Record<string, unknown>,
  invoke: vi.fn(),
  on: vi.fn(),
  removeListener: vi.fn(),
}));
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => (ipc.exposed[key] = value),
  },
  ipcRenderer: { invoke: ipc.invoke, on: ipc.on, removeListener: ipc.removeListener },
}));

const SNAPSHOT = './surface.snapshot.txt';
const lines = (surface: string[]): string => `${surface.join('\n')}\n`;
let preload: PatchbayBridge;

beforeAll(async () => {
  await import('../../../../src-main/preload/preload');
  preload = ipc.exposed['patchbay'] as PatchbayBridge;
});
beforeEach(() => vi.clearAllMocks());

describe('the preload bridge', () => {
  it('exposes one global, with exactly the committed capabilities', async () => {
    expect(Object.keys(ipc.exposed)).toEqual(['patchbay']);
    await expect(lines(describeSurface(preload))).toMatchFileSnapshot(SNAPSHOT);
  });

  it("sends a call to main on the one invoke channel, by name, and returns main's Result", async () => {
    const answer = { ok: true, value: { activeId: 'local-demo', profiles: [] } };
    ipc.invoke.mockResolvedValueOnce(answer);
    await expect(preload.profiles.list({})).resolves.toBe(answer);
    expect(ipc.invoke).toHaveBeenCalledExactlyOnceWith(INVOKE_CHANNEL, 'profiles:list', {});
  });

  it('gives a listener the payload of its own event only, and its unsubscribe removes it', () => {
    const listener = vi.fn();
    const off = preload.sessions.onUpdate(listener);
    expect(ipc.on).toHaveBeenCalledOnce();
    const [channel, relay] = ipc.on.mock.calls[0] as [string, Relay];
    expect(channel).toBe(EVENT_CHANNEL);

    relay({ sender: 'ipc event object' }, 'profiles:changed', { ignored: true });
    relay({ sender: 'ipc event object' }, 'sessions:update', { sessions: [] });
    expect(listener).toHaveBeenCalledExactlyOnceWith({ sessions: [] });

    off();
    expect(ipc.removeListener).toHaveBeenCalledExactlyOnceWith(EVENT_CHANNEL, relay);
  });

  it('cannot be rewired by the page, and refuses a listener that is not a function', () => {
    expect(Object.isFrozen(preload)).toBe(true);
    expect(Object.isFrozen(preload.profiles)).toBe(true);
    expect(() => {
      (preload.profiles as unknown as Record<string, unknown>)['list'] = () => undefined;
    }).toThrow(TypeError);
    expect(() => preload.sessions.onUpdate('nope' as never)).toThrow(
      'sessions:update: listener must be a function',
    );
    expect(ipc.on).not.toHaveBeenCalled();
  });
});

describe("the web host's bridge", () => {
  it('has the same committed capabilities as the preload', async () => {
    // A page opened without a sign-in link: the bridge is built, no socket is opened.
    vi.stubGlobal('window', {
      location: { href: 'http://127.0.0.1:1/', hash: '', pathname: '/', search: '' },
      sessionStorage: { getItem: () => null },
      addEventListener: () => undefined,
    });
    const { api } = await import('../../../../src-renderer/lib/api');
    vi.unstubAllGlobals();
    await expect(lines(describeSurface(api))).toMatchFileSnapshot(SNAPSHOT);
  });
});
