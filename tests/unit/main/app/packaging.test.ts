/**
 * `npm run dist` downloads Electron for each target, which machines without internet cannot do, so
 * the packaging configuration is checked here against what electron-builder and the app actually
 * need: electron-builder's own schema (as electron-builder validates it before building), the files
 * the build emits and keytar's native module matched by its globs the way it matches them, and the
 * fuses consistent with the rest of the configuration and the code.
 */
import { Ajv } from 'ajv';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, matchesGlob, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '../../../..');
const require = createRequire(import.meta.url);
const config = parse(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as {
  files: string[];
  asarUnpack: string[];
  asar?: boolean;
  electronFuses: Record<string, boolean>;
  win: { icon: string };
  mac: { icon: string };
  linux: { icon: string };
};
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
};

/** electron-builder's JSON schema for its configuration, from the installed electron-builder. */
function builderSchema(): object {
  const builder = createRequire(require.resolve('electron-builder'));
  const scheme = join(dirname(builder.resolve('app-builder-lib/package.json')), 'scheme.json');
  return JSON.parse(readFileSync(scheme, 'utf8')) as object;
}

/** electron-builder's file selection (minimatch globs): the last matching pattern decides, `!` excludes. */
function packaged(path: string, patterns: readonly string[]): boolean {
  let included = false;
  for (const pattern of patterns) {
    const exclude = pattern.startsWith('!');
    if (matchesGlob(path, exclude ? pattern.slice(1) : pattern)) included = !exclude;
  }
  return included;
}

function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

describe('electron-builder configuration', () => {
  it("passes electron-builder's own schema, which refuses a misspelt key", () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(builderSchema());
    expect(validate(config), JSON.stringify(validate.errors)).toBe(true);
    // The same check bites: one misspelt fuse option, or one at the top level, fails it.
    expect(validate({ ...config, electronFuses: { runAsNod: false } })).toBe(false);
    expect(validate({ ...config, asarUnpacked: config.asarUnpack })).toBe(false);
  });

  it('packages the entry package.json names, the preload and renderer it loads, and no source map', () => {
    for (const file of [pkg.main, 'out/preload/preload.cjs', 'out/renderer/index.html']) {
      expect(packaged(file, config.files), file).toBe(true);
    }
    expect(packaged('out/main/main.js.map', config.files)).toBe(false);
    expect(packaged('src-main/main.ts', config.files)).toBe(false);
    // The installers are built from a fresh build of those files.
    expect(pkg.scripts['dist']).toMatch(/^electron-vite build && electron-builder /);
  });

  it.skipIf(!existsSync(join(ROOT, 'out/main')))(
    'packages every file a build wrote (skipped without a build)',
    () => {
      for (const file of filesUnder('out').filter((f) => !f.endsWith('.map'))) {
        expect(packaged(file, config.files), file).toBe(true);
      }
    },
  );

  it('unpacks from the asar the native module keytar loads (it cannot be loaded from inside)', () => {
    const loader = readFileSync(require.resolve('keytar/lib/keytar.js'), 'utf8');
    const binding = /require\('(\.\.\/build\/Release\/[\w-]+\.node)'\)/.exec(loader)?.[1];
    expect(binding, 'the path keytar requires its binding from').toBeDefined();
    const path = join('node_modules/keytar/lib', binding ?? '');
    expect(config.asarUnpack.some((glob) => matchesGlob(path, glob))).toBe(true);
  });

  it('has the icon every installer names', () => {
    for (const icon of [config.win.icon, config.mac.icon, config.linux.icon]) {
      expect(existsSync(join(ROOT, icon)), icon).toBe(true);
    }
  });

  it('flips the security fuses, consistently with the archive and the code', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // Loading only from an asar (and checking its integrity) needs the app packed in one.
    expect(config.asar).not.toBe(false);
    // With runAsNode off, nothing in main may start Electron as plain Node.
    for (const file of filesUnder('src-main').filter((f) => f.endsWith('.ts'))) {
      expect(readFileSync(join(ROOT, file), 'utf8'), file).not.toContain('ELECTRON_RUN_AS_NODE');
    }
  });
});
