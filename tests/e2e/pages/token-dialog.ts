import type { Locator, Page } from '@playwright/test';

/** The one-time token dialog shown after creating a participant. */
export class TokenDialog {
  readonly dialog: Locator;
  readonly token: Locator;
  readonly callId: Locator;
  readonly bxml: Locator;
  readonly copyToken: Locator;
  readonly copyBxml: Locator;
  readonly close: Locator;

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog', { name: /^Participant created/ });
    this.token = this.dialog.getByRole('textbox', { name: /^Token/ });
    this.callId = this.dialog.getByRole('textbox', { name: /^Voice call id/ });
    this.bxml = this.dialog.getByRole('textbox', { name: /^BXML/ });
    this.copyToken = this.dialog.getByRole('button', { name: 'Copy token' });
    this.copyBxml = this.dialog.getByRole('button', { name: 'Copy BXML' });
    this.close = this.dialog.getByRole('button', { name: /^Close/ });
  }
}
