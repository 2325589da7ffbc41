/**
 * The layers' import rules bite (issue 13): ESLint, with the project's own config, on snippets placed
 * in the renderer and in src-main/shared/. Each case names the one import that must be refused, or
 * none.
 */
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** `line: message` for each problem the given rule reports in `code`, as if it were `file`. */
async function problems(file: string, code: string, rule: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === rule)
    .map((m) => `${m.line}: ${m.message}`);
}

const zones = (file: string, code: string): Promise<string[]> =>
  problems(file, code, 'layers/import-zones');

describe('the renderer imports shared code only, through $shared', () => {
  const file = 'src-renderer/lib/state/example.svelte.ts';

  it('accepts the alias, its own folder and ordinary packages', async () => {
    const code = [
      "import type { AuditEntry } from '$shared/dto/audit';",
      "import { isId } from '$shared/ids';",
      "import { api } from '../api';",
      "import { untrack } from 'svelte';",
      'export { isId, api, untrack };',
      'export type { AuditEntry };',
    ].join('\n');
    expect(await zones(file, code)).toEqual([]);
  });

  it('refuses a main-only module, by any form of import', async () => {
    const code = [
      "import type { RoutingClient } from '../../../src-main/routing/types';",
      "export * from '../../../src-main/audit';",
      "export { requests } from '../../../src-main/ipc/schemas';",
      "export const load = () => import('../../../src-main/settings/schema');",
      "export type Log = import('../../../src-main/audit').AuditLog;",
      'export type { RoutingClient };',
    ].join('\n');
    expect(await zones(file, code)).toEqual([
      "1: The renderer imports only shared code: '../../../src-main/routing/types' is src-main/routing/types, which runs in main only.",
      "2: The renderer imports only shared code: '../../../src-main/audit' is src-main/audit, which runs in main only.",
      "3: The renderer imports only shared code: '../../../src-main/ipc/schemas' is src-main/ipc/schemas, which runs in main only.",
      "4: The renderer imports only shared code: '../../../src-main/settings/schema' is src-main/settings/schema, which runs in main only.",
      "5: The renderer imports only shared code: '../../../src-main/audit' is src-main/audit, which runs in main only.",
    ]);
  });

  it('refuses a relative path into shared/, naming the alias to use', async () => {
    const code = "export { isId } from '../../../src-main/shared/ids';";
    expect(await zones(file, code)).toEqual([
      "1: Import shared code through the alias: '$shared/ids', not '../../../src-main/shared/ids'.",
    ]);
  });

  it('refuses Node built-ins, electron and zod', async () => {
    const code = [
      "import { readFile } from 'node:fs/promises';",
      "import { join } from 'path';",
      "import { ipcRenderer } from 'electron';",
      "import { z } from 'zod';",
      'export { readFile, join, ipcRenderer, z };',
    ].join('\n');
    expect(await zones(file, code)).toEqual([
      "1: The renderer runs in a browser: no Node built-in ('node:fs/promises').",
      "2: The renderer runs in a browser: no Node built-in ('path').",
      "3: 'electron' does not belong in the renderer: Electron stays in main and the preload.",
      "4: 'zod' does not belong in the renderer: main validates every input; the contract the renderer sees is types only.",
    ]);
  });

  it('reads the imports of a Svelte component too, and gives it no Node globals', async () => {
    const code = [
      '<script lang="ts">',
      "  import type { Preferences } from '../../src-main/settings/schema';",
      '  let { preferences }: { preferences: Preferences } = $props();',
      '  const home = process.env.HOME;',
      '</script>',
      '',
      '<p>{preferences.theme} {home} {window.name}</p>',
      '',
    ].join('\n');
    const svelteFile = 'src-renderer/components/Example.svelte';
    expect(await zones(svelteFile, code)).toEqual([
      "2: The renderer imports only shared code: '../../src-main/settings/schema' is src-main/settings/schema, which runs in main only.",
    ]);
    expect(await problems(svelteFile, code, 'no-undef')).toEqual(["4: 'process' is not defined."]);
  });
});

describe('src-main/shared/ imports nothing outside itself', () => {
  const file = 'src-main/shared/dto/example.ts';

  it('accepts relative imports that stay inside shared/', async () => {
    const code = [
      "import type { Intent } from '../routing';",
      "import type { AuditEntry } from './audit';",
      "import { isId } from '../ids';",
      'export { isId };',
      'export type { Intent, AuditEntry };',
    ].join('\n');
    expect(await zones(file, code)).toEqual([]);
  });

  it('refuses the rest of src-main, any package and the alias', async () => {
    const code = [
      "import type { AuditLog } from '../../audit';",
      "import { z } from 'zod';",
      "import { join } from 'node:path';",
      "import { app } from 'electron';",
      "import { isId } from '$shared/ids';",
      "export * from '../../routing/types';",
      'export { z, join, app, isId };',
      'export type { AuditLog };',
    ].join('\n');
    expect(await zones(file, code)).toEqual([
      "1: src-main/shared/ imports nothing outside itself: '../../audit' is src-main/audit.",
      "2: src-main/shared/ runs in main, the preload and the renderer alike: it imports no package ('zod').",
      "3: src-main/shared/ runs in main, the preload and the renderer alike: it imports no package ('node:path').",
      "4: src-main/shared/ runs in main, the preload and the renderer alike: it imports no package ('electron').",
      "5: Inside src-main/shared/, import with a relative path, not '$shared/ids'.",
      "6: src-main/shared/ imports nothing outside itself: '../../routing/types' is src-main/routing/types.",
    ]);
  });

  it('has only the globals both runtimes share', async () => {
    const code = 'export const a = [process.env.HOME, window.name, setTimeout, console];\n';
    expect(await problems('src-main/shared/example.js', code, 'no-undef')).toEqual([
      "1: 'process' is not defined.",
      "1: 'window' is not defined.",
    ]);
  });
});

describe('main keeps its own imports', () => {
  it('applies neither zone outside the renderer and shared/', async () => {
    const code =
      "import { z } from 'zod';\nimport { AuditLog } from '../audit';\nexport { z, AuditLog };\n";
    expect(await zones('src-main/routing/example.ts', code)).toEqual([]);
  });
});
