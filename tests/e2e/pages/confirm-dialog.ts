import type { Locator, Page } from '@playwright/test';

/** A native confirmation `<dialog>` (ConfirmDialog.svelte). */
export class ConfirmDialog {
  readonly dialog: Locator;
  readonly cancelButton: Locator;

  constructor(page: Page) {
    this.dialog = page.getByRole('dialog');
    this.cancelButton = this.dialog.getByRole('button', { name: 'Cancel' });
  }

  confirmButton(name: string): Locator {
    return this.dialog.getByRole('button', { name });
  }
}
