import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import { layers } from './eslint.layers.js';

export default ts.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...ts.configs.strict,
  ...svelte.configs['flat/recommended'],
  {
    plugins: { layers },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  // Layers: a file's folder says where it runs, so what it may import and which globals it has
  // (globals of matching blocks add up, so Node's are given only outside the renderer and shared/).
  {
    ignores: ['src-renderer/**', 'src-main/shared/**'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: globals.browser },
    rules: { 'layers/import-zones': ['error', 'renderer'] },
  },
  {
    files: ['src-main/shared/**'],
    languageOptions: { globals: globals['shared-node-browser'] },
    rules: { 'layers/import-zones': ['error', 'shared'] },
  },
  {
    // Tests and tools run in Node and hand code to pages (page.evaluate): both sets of globals.
    files: ['tests/**', 'scripts/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['tests/**/*.ts', 'scripts/**/*.ts', '*.config.ts', '*.config.js', 'eslint.layers.js'],
    rules: { '@typescript-eslint/explicit-module-boundary-types': 'off' },
  },
);
