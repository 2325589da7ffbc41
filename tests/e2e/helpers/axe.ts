/**
 * axe-core over the current page: no serious or critical violations allowed.
 *
 * Only violations are read, so only violations are collected in full (`resultTypes`): by default
 * axe also returns every passing node with its HTML and selector, about 5 MB of JSON for a
 * 20-participant session page, and copying that out of the page took most of a 30 s test on a
 * loaded machine. For the same reason axe runs in the page with `axe.run` (legacy mode) rather than
 * per-frame partial runs merged in a second, blank page: the console has no frames, and the partial
 * results carry every node whatever `resultTypes` says. The scan itself is unchanged (same rules,
 * same tags, same nodes); it now costs seconds rather than tens of seconds.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function expectNoSeriousViolations(page: Page, what: string): Promise<void> {
  expect(page.frames(), `${what}: the console has no frames (legacy mode skips them)`).toHaveLength(
    1,
  );
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .options({ resultTypes: ['violations'] })
    .setLegacyMode()
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
    }));
  expect(serious, `${what}: serious or critical axe violations`).toEqual([]);
}
