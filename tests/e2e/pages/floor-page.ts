import type { Locator, Page } from '@playwright/test';
import { ConsolePage } from './console-page';

/** The Floor screen: every live call, recently ended ones, and the find tools. */
export class FloorPage extends ConsolePage {
  readonly title: Locator;
  readonly floorTab: Locator;
  /** The listbox of live calls. */
  readonly calls: Locator;
  readonly ended: Locator;
  readonly search: Locator;
  readonly noDirectory: Locator;

  constructor(page: Page) {
    super(page);
    this.title = page.getByRole('heading', { level: 2, name: 'Floor', exact: true });
    this.floorTab = this.screens.getByRole('button', { name: 'Floor' });
    this.calls = page.getByRole('listbox', { name: 'Live calls' });
    this.ended = page.getByTestId('floor-ended');
    this.search = page.getByRole('searchbox', { name: 'Search by name' });
    this.noDirectory = page.getByTestId('floor-no-directory');
  }

  async open(): Promise<void> {
    await this.floorTab.click();
    await this.title.waitFor();
  }

  /** A live call's element, by session id. */
  call(sessionId: string): Locator {
    return this.calls.locator(`[data-session-id="${sessionId}"]`);
  }

  /** What I can do as me on a call, beside its row (Monitor, Coach, Barge, Leave). */
  me(sessionId: string): Locator {
    return this.page.locator(`[data-testid="floor-me"][data-actions-for="${sessionId}"]`);
  }

  options(): Locator {
    return this.calls.getByRole('option');
  }

  /** The session ids of the live calls shown, in order. */
  async sessionIds(): Promise<string[]> {
    const ids = await this.options().evaluateAll((els) =>
      els.map((el) => el.getAttribute('data-session-id') ?? ''),
    );
    return ids.filter(Boolean);
  }
}
