import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../../src-main/app/web-preferences';
import { isTrustedRendererUrl } from '../../../src-main/app/trusted-origin';

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
    });
  });

  it('trusts only our own renderer document as an IPC sender', () => {
    const ours = 'file:///opt/patchbay/out/renderer/index.html';
    expect(isTrustedRendererUrl(ours, ours)).toBe(true);
    expect(isTrustedRendererUrl(`${ours}#/sessions`, ours)).toBe(true);
    expect(isTrustedRendererUrl('file:///tmp/evil.html', ours)).toBe(false);
    expect(isTrustedRendererUrl('https://example.com/index.html', ours)).toBe(false);
    expect(isTrustedRendererUrl('about:blank', ours)).toBe(false);
    expect(isTrustedRendererUrl('', ours)).toBe(false);
    expect(isTrustedRendererUrl('not a url', ours)).toBe(false);
  });
});
