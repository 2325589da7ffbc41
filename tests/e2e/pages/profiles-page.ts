import type { Locator, Page } from '@playwright/test';
import { ConfirmDialog } from './confirm-dialog';
import { ConsolePage } from './console-page';

export interface AccountInput {
  name: string;
  accountId: string;
  username: string;
  password: string;
  baseUrl?: string;
  deviceGatewayUrl?: string;
}

/** The Profiles screen: the list of profiles and the add-account form. */
export class ProfilesPage extends ConsolePage {
  readonly title: Locator;
  readonly list: Locator;
  readonly addForm: Locator;
  readonly nameField: Locator;
  readonly accountIdField: Locator;
  readonly usernameField: Locator;
  readonly passwordField: Locator;
  readonly baseUrlField: Locator;
  readonly deviceGatewayField: Locator;
  readonly submitButton: Locator;
  readonly formError: Locator;
  /** The form error's technical text, behind its "Details" disclosure. */
  readonly formDetails: Locator;
  readonly confirm: ConfirmDialog;

  constructor(page: Page) {
    super(page);
    this.title = page.getByRole('heading', { level: 2, name: 'Profiles' });
    this.list = page.getByRole('list', { name: 'Profiles' });
    this.addForm = page.getByRole('form', { name: 'Add a Bandwidth account' });
    this.nameField = this.addForm.getByLabel('Profile name');
    this.accountIdField = this.addForm.getByLabel('Account id');
    this.usernameField = this.addForm.getByLabel('API username');
    this.passwordField = this.addForm.getByLabel('API password');
    this.baseUrlField = this.addForm.getByLabel('API base URL');
    this.deviceGatewayField = this.addForm.getByLabel('Device gateway (for your own audio)');
    this.submitButton = this.addForm.getByRole('button', { name: 'Verify and add' });
    this.formError = this.addForm.getByRole('alert');
    this.formDetails = this.formError.locator('details');
    this.confirm = new ConfirmDialog(page);
  }

  async open(): Promise<void> {
    await this.profilesTab.click();
    await this.title.waitFor();
  }

  profile(name: string): Locator {
    return this.list.getByRole('listitem').filter({
      has: this.page.getByRole('heading', { level: 3, name, exact: true }),
    });
  }

  async addAccount(input: AccountInput): Promise<void> {
    await this.nameField.fill(input.name);
    await this.accountIdField.fill(input.accountId);
    await this.usernameField.fill(input.username);
    await this.passwordField.fill(input.password);
    await this.baseUrlField.fill(input.baseUrl ?? '');
    await this.deviceGatewayField.fill(input.deviceGatewayUrl ?? '');
    await this.submitButton.click();
  }

  /** A profile card's device gateway form (Bandwidth profiles only). */
  gatewayForm(name: string): Locator {
    return this.profile(name).getByRole('form', {
      name: `Device gateway for your own audio on ${name}`,
    });
  }

  async use(name: string): Promise<void> {
    await this.profile(name)
      .getByRole('button', { name: `Use ${name}` })
      .click();
  }

  async rename(name: string, to: string): Promise<void> {
    const card = this.profile(name);
    await card.getByRole('button', { name: `Rename ${name}` }).click();
    await card.getByLabel('New name').fill(to);
    await card.getByRole('button', { name: 'Save name' }).click();
  }

  async remove(name: string): Promise<void> {
    await this.profile(name)
      .getByRole('button', { name: `Remove ${name}` })
      .click();
  }
}
