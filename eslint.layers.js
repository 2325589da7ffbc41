/**
 * The two import rules of the layers (../shared/docs/design.md, "Layers"), as one ESLint rule
 * applied per folder in eslint.config.js:
 * - `renderer` (src-renderer/): shared code only, and only through the `$shared/…` alias; no
 *   main-process module, no Node built-in, no electron, no zod (main validates; the renderer
 *   bundle carries no schema library).
 * - `shared` (src-main/shared/): runs anywhere, so it imports nothing outside itself — no other
 *   folder of src-main, no package at all (no node:*, no electron, no zod).
 * Every form of import counts: `import`, `import type`, `export … from`, `import()` and
 * `import('…').Type`.
 */
import { builtinModules } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

const ROOT = import.meta.dirname;
export const SHARED_DIR = 'src-main/shared';
export const SHARED_ALIAS = '$shared';
const RENDERER_DENIED = new Map([
  ['electron', 'Electron stays in main and the preload'],
  ['zod', 'main validates every input; the contract the renderer sees is types only'],
]);

/** `src-main/audit/types` for a path inside the repository, with forward slashes. */
function fromRoot(path) {
  return relative(ROOT, path).split(sep).join('/');
}

const inside = (path, dir) => path === dir || path.startsWith(`${dir}/`);

function isNodeBuiltin(spec) {
  return spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]);
}

/** What one import specifier is, seen from `file`. */
function classify(spec, file) {
  if (spec === SHARED_ALIAS || spec.startsWith(`${SHARED_ALIAS}/`)) {
    return { kind: 'alias', target: `${SHARED_DIR}${spec.slice(SHARED_ALIAS.length)}` };
  }
  if (spec.startsWith('.') || spec.startsWith('/')) {
    return { kind: 'path', target: fromRoot(resolve(dirname(file), spec)) };
  }
  return { kind: 'package' };
}

function rendererProblem(spec, file) {
  const what = classify(spec, file);
  if (what.kind === 'alias') return null;
  if (what.kind === 'package') {
    if (isNodeBuiltin(spec)) return { messageId: 'rendererNode', data: { spec } };
    const why = RENDERER_DENIED.get(spec.split('/')[0]);
    return why ? { messageId: 'rendererPackage', data: { spec, why } } : null;
  }
  if (inside(what.target, 'src-renderer')) return null;
  if (inside(what.target, SHARED_DIR)) {
    const suggestion = `${SHARED_ALIAS}${what.target.slice(SHARED_DIR.length)}`;
    return { messageId: 'rendererRelativeShared', data: { spec, suggestion } };
  }
  return { messageId: 'rendererReachesOut', data: { spec, target: what.target } };
}

function sharedProblem(spec, file) {
  const what = classify(spec, file);
  if (what.kind === 'package') return { messageId: 'sharedPackage', data: { spec } };
  if (what.kind === 'alias') return { messageId: 'sharedAlias', data: { spec } };
  if (inside(what.target, SHARED_DIR)) return null;
  return { messageId: 'sharedReachesOut', data: { spec, target: what.target } };
}

const PROBLEMS = { renderer: rendererProblem, shared: sharedProblem };

const importZones = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps each layer to the imports it may make' },
    schema: [{ enum: Object.keys(PROBLEMS) }],
    messages: {
      rendererReachesOut:
        "The renderer imports only shared code: '{{spec}}' is {{target}}, which runs in main only.",
      rendererRelativeShared:
        "Import shared code through the alias: '{{suggestion}}', not '{{spec}}'.",
      rendererNode: "The renderer runs in a browser: no Node built-in ('{{spec}}').",
      rendererPackage: "'{{spec}}' does not belong in the renderer: {{why}}.",
      sharedReachesOut:
        "src-main/shared/ imports nothing outside itself: '{{spec}}' is {{target}}.",
      sharedPackage:
        "src-main/shared/ runs in main, the preload and the renderer alike: it imports no package ('{{spec}}').",
      sharedAlias: "Inside src-main/shared/, import with a relative path, not '{{spec}}'.",
    },
  },
  create(context) {
    const problemOf = PROBLEMS[context.options[0]];
    const check = (source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const problem = problemOf(source.value, context.filename);
      if (problem) context.report({ node: source, ...problem });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      TSImportType: (node) => check(node.source),
    };
  },
};

export const layers = { rules: { 'import-zones': importZones } };
