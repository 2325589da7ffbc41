/** What "interactive" means on the screens that exist: the matrix when built, else the session page. */
import type { Page } from '@playwright/test';
import type { Readiness } from './bench-start';
import type { FullState, RoutingScreen } from './bench-interface';
import { selectSession } from './console-fixture';
import type { StepSpec } from './watch';

/** The session page of the first watched session: its routing list and role pickers are usable. */
export const SESSION_PAGE_READY: Readiness = {
  what: 'first session page (routing list + enabled role picker)',
  async wait(page: Page): Promise<void> {
    await page.locator('[data-testid="routing-region"] li').first().waitFor({ state: 'visible' });
    await page
      .getByRole('combobox', { name: /^Role of / })
      .first()
      .waitFor({ state: 'visible' });
  },
};

/** Until the matrix exists: the session page's read-only "who hears whom" list. */
export const SESSION_PAGE_SCREEN: RoutingScreen = {
  name: 'session page (no matrix yet)',
  root: '[data-testid="routing-region"]',
  attributes: ['class'],
  async open(page: Page, label: string, size: number): Promise<void> {
    await selectSession(page, label);
    await page
      .locator('[data-testid="routing-region"] li')
      .nth(size - 1)
      .waitFor();
  },
  fullSteps(state: FullState, size: number): StepSpec[] {
    const kind = state === 'on' ? 'some' : 'nobody';
    return [{ name: state, selector: `[data-testid="routing-region"] li.${kind}`, count: size }];
  },
};
