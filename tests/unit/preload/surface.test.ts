import { describe, expect, it, vi } from 'vitest';
import { describeSurface } from '../../../src-main/shared/contract/bridge';

// The Electron binary cannot run here: the preload runs against a stand-in for `electron` that
// records what it exposes. The web host's bridge is the renderer's own api.ts, built in a page
// without a preload.
const exposed: Record<string, unknown> = {};
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
}));

describe('bridge surfaces', () => {
  it('the preload and the web host expose exactly the same capabilities', async () => {
    await import('../../../src-main/preload/preload');
    const preload = exposed['patchbay'] as object;
    expect(Object.keys(exposed)).toEqual(['patchbay']);

    // A page opened without a sign-in link: the bridge is built, no socket is opened.
    vi.stubGlobal('window', {
      location: { href: 'http://127.0.0.1:1/', hash: '', pathname: '/', search: '' },
      sessionStorage: { getItem: () => null },
      addEventListener: () => undefined,
    });
    const { api } = await import('../../../src-renderer/lib/api');
    vi.unstubAllGlobals();

    expect(describeSurface(api)).toEqual(describeSurface(preload));
    expect(describeSurface(preload).length).toBeGreaterThan(20);
  });
});
