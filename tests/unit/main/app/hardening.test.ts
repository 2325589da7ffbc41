import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../../../src-main/app/web-preferences';
import { appendChromiumSwitches } from '../../../../src-main/app/chromium-switches';
import { isOwnDocument } from '../../../../src-main/app/own-document';
import { resolveAppPath } from '../../../../src-main/app/app-path';
import { restoreBounds } from '../../../../src-main/app/window-bounds';
import { isAllowedExternalUrl } from '../../../../src-main/app/navigation-policy';

const RENDERER = 'app://patchbay/index.html';

describe('renderer hardening', () => {
  it('pins every security-relevant webPreference', () => {
    expect(secureWebPreferences('/app/out/preload/preload.cjs')).toEqual({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      spellcheck: false,
      autoplayPolicy: 'no-user-gesture-required',
    });
  });

  it('adds the loopback switch for WebRTC to the Local demo’s gateway, and no other', () => {
    const appended: string[] = [];
    appendChromiumSwitches({ appendSwitch: (name) => void appended.push(name) });
    expect(appended).toEqual(['allow-loopback-in-peer-connection']);
  });

  it('trusts only our own renderer document as an IPC sender', () => {
    const ours = 'file:///opt/patchbay/out/renderer/index.html';
    expect(isOwnDocument(ours, ours)).toBe(true);
    expect(isOwnDocument(`${ours}#/sessions`, ours)).toBe(true);
    expect(isOwnDocument('file:///tmp/evil.html', ours)).toBe(false);
    expect(isOwnDocument('https://example.com/index.html', ours)).toBe(false);
    expect(isOwnDocument('about:blank', ours)).toBe(false);
    expect(isOwnDocument('', ours)).toBe(false);
    expect(isOwnDocument('not a url', ours)).toBe(false);
  });
});

describe('app:// protocol', () => {
  const root = '/opt/patchbay/out/renderer';
  it('serves files inside the renderer folder only', () => {
    expect(resolveAppPath('app://patchbay/index.html', root)).toBe(`${root}/index.html`);
    expect(resolveAppPath('app://patchbay/', root)).toBe(`${root}/index.html`);
    expect(resolveAppPath('app://patchbay/assets/index-1.js?x=1#y', root)).toBe(
      `${root}/assets/index-1.js`,
    );
    // Dot segments either resolve inside the folder or are refused; never outside it.
    for (const escape of [
      'app://patchbay/../../etc/passwd',
      'app://patchbay/%2e%2e/%2e%2e/etc/passwd',
      'app://patchbay/..%2f..%2fetc%2fpasswd',
      'app://patchbay/assets/..%2f..%2f..%2fetc/passwd',
    ]) {
      const file = resolveAppPath(escape, root);
      if (file !== null) expect(file.startsWith(`${root}/`)).toBe(true);
    }
    expect(resolveAppPath('app://patchbay/..%2f..%2fetc%2fpasswd', root)).toBeNull();
    expect(resolveAppPath('app://patchbay/a%00b', root)).toBeNull();
    expect(resolveAppPath('app://patchbay/%E0%A4%A', root)).toBeNull();
    expect(resolveAppPath('app://other/index.html', root)).toBeNull();
    expect(resolveAppPath('file:///etc/passwd', root)).toBeNull();
    expect(resolveAppPath('::', root)).toBeNull();
  });

  it('trusts app://patchbay/index.html as the IPC sender and nothing else', () => {
    expect(isOwnDocument('app://patchbay/index.html', RENDERER)).toBe(true);
    expect(isOwnDocument('app://patchbay/other.html', RENDERER)).toBe(false);
    expect(isOwnDocument('app://evil/index.html', RENDERER)).toBe(false);
  });
});

describe('navigation policy', () => {
  it('never navigates away from the renderer document', () => {
    expect(isOwnDocument('app://patchbay/index.html#/x', RENDERER)).toBe(true);
    expect(isOwnDocument('https://example.com/', RENDERER)).toBe(false);
    expect(isOwnDocument('file:///etc/passwd', RENDERER)).toBe(false);
    expect(isOwnDocument('javascript:alert(1)', RENDERER)).toBe(false);
  });

  it('is the same rule as the IPC sender check: a URL with credentials is another document', () => {
    // Navigation had a second, looser copy of the rule that let these through.
    expect(isOwnDocument('app://user@patchbay/index.html', RENDERER)).toBe(false);
    expect(isOwnDocument('app://user:pw@patchbay/index.html#/x', RENDERER)).toBe(false);
  });

  it('hands only allow-listed https pages to the OS browser', () => {
    expect(isAllowedExternalUrl('https://www.bandwidth.com/')).toBe(true);
    expect(isAllowedExternalUrl('https://support.bandwidth.com/hc/en-us')).toBe(true);
    expect(isAllowedExternalUrl('http://www.bandwidth.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://bandwidth.com.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@www.bandwidth.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://www.bandwidth.com:8443/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });
});

describe('window bounds', () => {
  const screen = { x: 0, y: 0, width: 1920, height: 1040 };
  it('reopens where it was when that place is still on a display', () => {
    expect(restoreBounds({ x: 100, y: 50, width: 1200, height: 700 }, [screen])).toEqual({
      x: 100,
      y: 50,
      width: 1200,
      height: 700,
    });
  });
  it('lets the OS place it when its display is gone, keeping the size', () => {
    expect(restoreBounds({ x: 3000, y: 50, width: 1200, height: 700 }, [screen])).toEqual({
      width: 1200,
      height: 700,
    });
  });
  it('shrinks to fit, never below the minimum, and defaults when nothing was saved', () => {
    expect(restoreBounds({ x: 1000, y: 500, width: 1600, height: 900 }, [screen])).toEqual({
      x: 1000,
      y: 500,
      width: 920,
      height: 540,
    });
    expect(restoreBounds({ width: 100, height: 100 }, [screen])).toEqual({
      width: 900,
      height: 600,
    });
    expect(restoreBounds(null, [screen])).toEqual({ width: 1280, height: 800 });
  });
});
