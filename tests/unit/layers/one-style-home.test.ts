/**
 * One rule, one home for the renderer's styles (issue 13): the theme's tokens are declared once, in
 * styles/tokens.css, with both sides of each colour in one light-dark() value; the screen-reader-only
 * class has one global definition that every component uses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const RENDERER = join(ROOT, 'src-renderer');

function styleSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return styleSources(path);
    return /\.(css|svelte)$/.test(entry.name) ? [path] : [];
  });
}

/** `file: selector-or-property` for every place a pattern's first group is declared. */
function declarations(pattern: RegExp): string[] {
  return styleSources(RENDERER).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(pattern)].map(
      (m) => `${relative(RENDERER, file)}: ${m[1] ?? ''}`,
    ),
  );
}

describe('the renderer writes each style rule once', () => {
  it('declares every theme token once, in styles/tokens.css', () => {
    const tokens = declarations(
      /^\s*(--(?:bg|surface|surface-2|fg|muted|border|accent|accent-fg|accent-soft|danger|danger-fg|danger-soft|success|success-soft|warning|warning-soft|focus|shadow|radius))\s*:/gm,
    );
    const names = tokens.map((t) => t.split(': ')[1]);
    expect(new Set(names).size).toBe(names.length);
    expect(tokens.every((t) => t.startsWith('styles/tokens.css: '))).toBe(true);
    expect(names).toHaveLength(19);
  });

  it('gives each colour token its light and dark value side by side', () => {
    const css = readFileSync(join(RENDERER, 'styles/tokens.css'), 'utf8');
    const colours = [...css.matchAll(/^\s*(--[\w-]+):\s*([^;]+);/gm)].filter(
      ([, name]) => name !== '--radius',
    );
    expect(colours.length).toBeGreaterThan(0);
    for (const [, name, value] of colours) expect(value, name).toContain('light-dark(');
    expect(css).not.toContain('prefers-color-scheme');
  });

  it('defines the screen-reader-only class once, globally in app.css', () => {
    expect(declarations(/^\s*(\.sr-only)\b/gm)).toEqual(['app.css: .sr-only']);
  });
});
