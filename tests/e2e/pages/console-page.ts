import type { Locator, Page } from '@playwright/test';

/** What every screen shares: the top bar, the toasts and the progress indication. */
export class ConsolePage {
  readonly page: Page;
  readonly heading: Locator;
  readonly screens: Locator;
  readonly sessionsTab: Locator;
  readonly profilesTab: Locator;
  readonly activeProfile: Locator;
  readonly themeSelect: Locator;
  /** The assertive live region (error toasts). */
  readonly errors: Locator;
  /** The polite live region (outcome toasts). */
  readonly notifications: Locator;
  readonly progress: Locator;

  constructor(page: Page) {
    this.page = page;
    this.heading = page.getByRole('heading', { level: 1, name: 'Patchbay' });
    this.screens = page.getByRole('navigation', { name: 'Screens' });
    this.sessionsTab = this.screens.getByRole('button', { name: 'Sessions' });
    this.profilesTab = this.screens.getByRole('button', { name: 'Profiles' });
    this.activeProfile = page.getByTestId('active-profile');
    this.themeSelect = page.getByRole('combobox', { name: 'Theme' });
    this.errors = page.getByRole('alert', { name: 'Errors' });
    this.notifications = page.getByRole('status', { name: 'Notifications' });
    this.progress = page.getByRole('progressbar');
  }

  async dismissToasts(): Promise<void> {
    for (const button of await this.page
      .getByRole('button', { name: 'Dismiss notification' })
      .all()) {
      await button.click();
    }
  }
}
