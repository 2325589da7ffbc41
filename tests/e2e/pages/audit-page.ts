import type { Locator, Page } from '@playwright/test';
import { ConsolePage } from './console-page';

/** The audit screen: every call's changes, its filters and its exports. */
export class AuditPage extends ConsolePage {
  readonly tab: Locator;
  readonly region: Locator;
  readonly rows: Locator;
  readonly call: Locator;
  readonly person: Locator;
  readonly action: Locator;
  readonly outcome: Locator;
  readonly error: Locator;

  constructor(page: Page) {
    super(page);
    this.tab = this.screens.getByRole('button', { name: 'Audit' });
    this.region = page.getByTestId('audit-screen');
    this.rows = this.region.locator('tbody tr');
    const filters = this.region.getByRole('form', { name: 'Filter the audit' });
    this.call = filters.getByLabel('Call', { exact: true });
    this.person = filters.getByLabel('Person', { exact: true });
    this.action = filters.getByLabel('Action', { exact: true });
    this.outcome = filters.getByLabel('Outcome', { exact: true });
    this.error = this.region.getByRole('alert');
  }

  async open(): Promise<void> {
    await this.tab.click();
    await this.region.waitFor();
  }

  /** The rows of one call (by session id). */
  rowsOf(sessionId: string): Locator {
    return this.region.locator(`tbody tr[data-session="${sessionId}"]`);
  }

  /** Types a person and applies it (Enter), as a supervisor would. */
  async filterPerson(text: string): Promise<void> {
    await this.person.fill(text);
    await this.person.press('Enter');
  }

  button(name: string): Locator {
    return this.region.getByRole('button', { name, exact: true });
  }
}
