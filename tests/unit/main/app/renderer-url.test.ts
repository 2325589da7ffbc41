/**
 * Which document the Electron window loads and trusts with the bridge: the built renderer, or under
 * `npm run dev` the renderer's dev server on loopback — never in a packaged app, never elsewhere.
 */
import { describe, expect, it } from 'vitest';
import { rendererUrl } from '../../../../src-main/app/app-path';
import { isOwnDocument } from '../../../../src-main/app/own-document';

describe('the renderer URL', () => {
  it('is the built renderer without a dev server, and always in a packaged app', () => {
    expect(rendererUrl(undefined, false)).toBe('app://patchbay/index.html');
    expect(rendererUrl('', false)).toBe('app://patchbay/index.html');
    expect(rendererUrl('http://localhost:5173', true)).toBe('app://patchbay/index.html');
  });

  it("is the dev server's index page under npm run dev", () => {
    expect(rendererUrl('http://localhost:5173', false)).toBe('http://localhost:5173/index.html');
    expect(rendererUrl('http://127.0.0.1:5174/', false)).toBe('http://127.0.0.1:5174/index.html');
    expect(rendererUrl('http://[::1]:5173', false)).toBe('http://[::1]:5173/index.html');
  });

  it('refuses a dev server that is not plain http on loopback, naming the value', () => {
    for (const bad of [
      'https://localhost:5173',
      'http://example.com:5173',
      'http://192.168.1.20:5173',
      'http://localhost.evil.example:5173',
      'http://user:pw@localhost:5173',
      'http://localhost:5173/other/',
      'http://localhost:5173/?x=1',
      'file:///tmp/index.html',
    ]) {
      expect(() => rendererUrl(bad, false), bad).toThrow(`not "${bad}"`);
    }
    expect(() => rendererUrl('localhost:5173', false)).toThrow('must be the dev server');
    expect(() => rendererUrl('not a url', false)).toThrow('ELECTRON_RENDERER_URL is not a URL');
  });

  it('trusts only that document with the bridge while it is in use', () => {
    const dev = rendererUrl('http://localhost:5173', false);
    expect(isOwnDocument('http://localhost:5173/index.html#/sessions', dev)).toBe(true);
    expect(isOwnDocument('http://localhost:5174/index.html', dev)).toBe(false);
    expect(isOwnDocument('app://patchbay/index.html', dev)).toBe(false);
  });
});
