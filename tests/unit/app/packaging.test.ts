import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

// `npm run dist` needs to download Electron for each target, which machines without internet
// cannot do; the configuration itself is checked here instead.
const ROOT = join(import.meta.dirname, '../../..');
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as {
  appId: string;
  files: string[];
  asarUnpack: string[];
  electronFuses: Record<string, boolean>;
  win: { target: string[]; icon: string };
  mac: { target: string[]; icon: string; hardenedRuntime: boolean };
  linux: { target: string[]; icon: string };
};
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
};

describe('electron-builder configuration', () => {
  it('builds installers for Windows, macOS and Linux', () => {
    expect(config.appId).toBe('com.patchbay.console');
    expect(config.win.target).toContain('nsis');
    expect(config.mac.target).toContain('dmg');
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    for (const icon of [config.win.icon, config.mac.icon, config.linux.icon]) {
      expect(existsSync(join(ROOT, icon)), icon).toBe(true);
    }
    expect(pkg.scripts['dist']).toMatch(
      /electron-vite build && electron-builder --win --mac --linux/,
    );
  });

  it('packages the built app and unpacks native modules from the asar', () => {
    expect(config.files).toContain('out/**');
    expect(pkg.main).toBe('out/main/main.js');
    expect(config.asarUnpack).toContain('node_modules/keytar/**/*.node');
  });

  it('flips the security fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.mac.hardenedRuntime).toBe(true);
  });
});
