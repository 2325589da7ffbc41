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
interface RequestDetails {
  requestingUrl: string;
  isMainFrame: boolean;
  mediaTypes?: string[];
}
interface CheckDetails {
  requestingUrl?: string;
  isMainFrame: boolean;
  mediaType?: string;
}
type RequestHandler = (
  c: unknown,
  p: string,
  callback: PermissionCallback,
  details: RequestDetails,
) => void;
type CheckHandler = (c: unknown, p: string, origin: string, details: CheckDetails) => boolean;

/** A stand-in web contents: records its handlers so the test can fire Electron's events. */
class FakeContents extends EventEmitter {
  openHandler: OpenHandler | undefined;
  permissionRequest: RequestHandler | undefined;
  permissionCheck: CheckHandler | undefined;
  devicePermission: ((details: unknown) => boolean) | undefined;
  readonly session = {
    setPermissionRequestHandler: (handler: RequestHandler) =>
      void (this.permissionRequest = handler),
    setPermissionCheckHandler: (handler: CheckHandler) => void (this.permissionCheck = handler),
    setDevicePermissionHandler: (handler: (details: unknown) => boolean) =>
      void (this.devicePermission = handler),
  };
  /** Electron's answer to a permission request (the callback is called at once here). */
  request(permission: string, details: RequestDetails): boolean | undefined {
    let granted: boolean | undefined;
    this.permissionRequest?.(this, permission, (g) => (granted = g), details);
    return granted;
  }
  /** Electron's answer to a permission check. */
  check(permission: string, origin: string, details: CheckDetails): boolean | undefined {
    return this.permissionCheck?.(this, permission, origin, details);
  }
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
  const evil = { requestingUrl: 'https://evil.example/', isMainFrame: true };
  expect(contents.request('media', { ...evil, mediaTypes: ['audio'] })).toBe(false);
  expect(contents.check('media', 'https://evil.example', evil)).toBe(false);
  expect(contents.devicePermission?.({ deviceType: 'usb' })).toBe(false);
}

const OWN = { requestingUrl: `${RENDERER}#/sessions`, isMainFrame: true };

function guarded(rendererUrl = RENDERER): FakeContents {
  const contents = new FakeContents();
  guardWebContents(
    contents as unknown as Parameters<typeof guardWebContents>[0],
    rendererUrl,
    () => undefined,
  );
  return contents;
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

describe('permissions: the microphone for our own document, nothing else', () => {
  it('grants the microphone (audio only) to our own document’s main frame', () => {
    const contents = guarded();
    expect(contents.request('media', { ...OWN, mediaTypes: ['audio'] })).toBe(true);
    expect(
      contents.check('media', 'app://patchbay', {
        ...OWN,
        mediaType: 'audio',
      }),
    ).toBe(true);
  });

  it('refuses the camera, camera with microphone, and a media request that names nothing', () => {
    const contents = guarded();
    for (const mediaTypes of [['video'], ['audio', 'video'], ['video', 'audio'], [], undefined]) {
      const details = mediaTypes === undefined ? OWN : { ...OWN, mediaTypes };
      expect(contents.request('media', details), JSON.stringify(mediaTypes)).toBe(false);
    }
    for (const mediaType of ['video', 'unknown', undefined]) {
      const details = mediaType === undefined ? OWN : { ...OWN, mediaType };
      expect(contents.check('media', 'app://patchbay', details)).toBe(false);
    }
  });

  it('refuses the microphone to any other document, origin or sub-frame', () => {
    const contents = guarded();
    const audio = { mediaTypes: ['audio'] };
    for (const requestingUrl of [
      'https://evil.example/index.html',
      'app://patchbay/other.html',
      'app://evil/index.html',
      'file:///opt/patchbay/out/renderer/index.html',
      'app://user:pw@patchbay/index.html',
      '',
    ]) {
      expect(contents.request('media', { requestingUrl, isMainFrame: true, ...audio })).toBe(false);
      expect(
        contents.check('media', 'app://patchbay', {
          requestingUrl,
          isMainFrame: true,
          mediaType: 'audio',
        }),
      ).toBe(false);
    }
    // Our own URL in a sub-frame (an iframe of the page) gets nothing either.
    expect(contents.request('media', { ...OWN, isMainFrame: false, ...audio })).toBe(false);
    const subFrame = { ...OWN, isMainFrame: false, mediaType: 'audio' };
    expect(contents.check('media', 'app://patchbay', subFrame)).toBe(false);
    // A check from another origin, even naming our URL, is refused.
    const own = { ...OWN, mediaType: 'audio' };
    expect(contents.check('media', 'https://evil.example', own)).toBe(false);
    expect(contents.check('media', '', own)).toBe(false);
    expect(
      contents.check('media', 'app://patchbay', {
        isMainFrame: true,
        mediaType: 'audio',
      }),
    ).toBe(false);
  });

  it.each([
    'notifications',
    'geolocation',
    'clipboard-read',
    'clipboard-sanitized-write',
    'display-capture',
    'speaker-selection',
    'midiSysex',
    'openExternal',
    'fullscreen',
    'hid',
    'usb',
    'serial',
    'unknown',
  ])('refuses %s even to our own document', (permission) => {
    const contents = guarded();
    expect(contents.request(permission, { ...OWN, mediaTypes: ['audio'] })).toBe(false);
    expect(
      contents.check(permission, 'app://patchbay', {
        ...OWN,
        mediaType: 'audio',
      }),
    ).toBe(false);
  });

  it('follows the renderer URL it was given (the dev server in development)', () => {
    const dev = 'http://localhost:5173/';
    const contents = guarded(dev);
    const details = { requestingUrl: dev, isMainFrame: true };
    expect(contents.request('media', { ...details, mediaTypes: ['audio'] })).toBe(true);
    expect(
      contents.check('media', 'http://localhost:5173', {
        ...details,
        mediaType: 'audio',
      }),
    ).toBe(true);
    expect(contents.request('media', { ...OWN, mediaTypes: ['audio'] })).toBe(false);
  });
});
