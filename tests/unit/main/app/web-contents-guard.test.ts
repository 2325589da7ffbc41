/**
 * Issue 12, item 8: a global guard on every new web contents, not only the main window's. The
 * Electron binary cannot run here: `electron` is mocked with an `app` that emits
 * `web-contents-created` and a `shell` that records what it would open.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ opened: [] as string[] }));
vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  return {
    default: {},
    app: new Emitter(),
    shell: { openExternal: async (url: string) => void electron.opened.push(url) },
  };
});
const { app } = await import('electron');
const { guardWebContents, installWebContentsGuard } =
  await import('../../../../src-main/app/web-contents-guard');

const RENDERER = 'app://patchbay/index.html';

type OpenHandler = (details: { url: string }) => { action: string };
type PermissionCallback = (granted: boolean) => void;

/** A stand-in web contents: records its handlers so the test can fire Electron's events. */
class FakeContents extends EventEmitter {
  openHandler: OpenHandler | undefined;
  permissionRequest: ((c: unknown, p: string, callback: PermissionCallback) => void) | undefined;
  permissionCheck: (() => boolean) | undefined;
  readonly session = {
    setPermissionRequestHandler: (
      handler: (c: unknown, p: string, callback: PermissionCallback) => void,
    ) => void (this.permissionRequest = handler),
    setPermissionCheckHandler: (handler: () => boolean) => void (this.permissionCheck = handler),
  };
  setWindowOpenHandler(handler: OpenHandler): void {
    this.openHandler = handler;
  }
  /** Fires a cancellable event; true when a listener prevented it. */
  fire(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => void (prevented = true) }, ...args);
    return prevented;
  }
}

function check(contents: FakeContents): void {
  expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  expect(contents.openHandler?.({ url: 'https://dev.bandwidth.com/x' })).toEqual({
    action: 'deny',
  });
  expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
  expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
  expect(contents.fire('will-navigate', `${RENDERER}#/sessions`)).toBe(false);
  expect(contents.fire('will-redirect', 'https://evil.example/')).toBe(true);
  expect(contents.fire('will-attach-webview', {}, {})).toBe(true);
  let granted: boolean | undefined;
  contents.permissionRequest?.(contents, 'media', (g) => (granted = g));
  expect(granted).toBe(false);
  expect(contents.permissionCheck?.()).toBe(false);
}

describe('the web contents guard', () => {
  it('guards every web contents created after it is installed, not only the first', async () => {
    installWebContentsGuard(RENDERER);
    const windows = [new FakeContents(), new FakeContents(), new FakeContents()];
    for (const contents of windows) app.emit('web-contents-created', {}, contents);
    for (const contents of windows) check(contents);
    await Promise.resolve();
    // Allow-listed pages went to the OS browser (once per contents), nothing else did.
    expect(electron.opened).toEqual(Array(3).fill('https://dev.bandwidth.com/x'));
  });

  it('applies the same rules to one contents directly', () => {
    const opened: string[] = [];
    const contents = new FakeContents();
    guardWebContents(
      contents as unknown as Parameters<typeof guardWebContents>[0],
      RENDERER,
      (url) => void opened.push(url),
    );
    check(contents);
    expect(opened).toEqual(['https://dev.bandwidth.com/x']);
  });
});
