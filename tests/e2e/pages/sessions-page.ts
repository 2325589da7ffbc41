import type { Locator, Page } from '@playwright/test';
import { escapeRegExp } from '../helpers/text';
import { ConsolePage } from './console-page';

/** The Sessions screen's sidebar: watched sessions and the create / watch / find forms. */
export class SessionsPage extends ConsolePage {
  readonly title: Locator;
  readonly list: Locator;
  readonly createForm: Locator;
  readonly createTag: Locator;
  readonly watchForm: Locator;
  readonly discoverForm: Locator;

  constructor(page: Page) {
    super(page);
    this.title = page.getByRole('heading', { level: 2, name: 'Sessions', exact: true });
    this.list = page.getByRole('list', { name: 'Watched sessions' });
    this.createForm = page.getByRole('form', { name: 'Create a session' });
    this.createTag = this.createForm.getByLabel('Tag');
    this.watchForm = page.getByRole('form', { name: 'Watch a session by id' });
    this.discoverForm = page.getByRole('form', { name: 'Find a participant’s session' });
  }

  async open(): Promise<void> {
    await this.sessionsTab.click();
    await this.title.waitFor();
  }

  /** The sidebar button of a session, by the start of its label. */
  session(label: string): Locator {
    return this.list.getByRole('button', { name: new RegExp(`^${escapeRegExp(label)}`) });
  }

  items(): Locator {
    return this.list.getByRole('listitem');
  }

  /** The Sessions screen, from wherever the console is (a reload starts on the floor). */
  private async shown(): Promise<void> {
    if (!(await this.title.isVisible())) await this.open();
  }

  async select(label: string): Promise<void> {
    await this.shown();
    await this.session(label).click();
  }

  private async reveal(summary: string): Promise<void> {
    await this.shown();
    const details = this.page.locator('details').filter({
      has: this.page.getByText(summary, { exact: true }),
    });
    if ((await details.getAttribute('open')) === null) {
      await details.getByText(summary, { exact: true }).click();
    }
  }

  async typeNewSessionTag(tag: string): Promise<void> {
    await this.reveal('New session');
    await this.createTag.fill(tag);
  }

  async createSession(tag: string): Promise<void> {
    await this.typeNewSessionTag(tag);
    await this.createForm.getByRole('button', { name: 'Create session' }).click();
  }

  async watch(sessionId: string): Promise<void> {
    await this.reveal('Watch a session by id');
    await this.watchForm.getByLabel('Session id').fill(sessionId);
    await this.watchForm.getByRole('button', { name: 'Watch session' }).click();
  }

  async discover(participantId: string): Promise<void> {
    await this.reveal('Find by participant id');
    await this.discoverForm.getByLabel('Participant id').fill(participantId);
    await this.discoverForm.getByRole('button', { name: 'Find session' }).click();
  }
}
