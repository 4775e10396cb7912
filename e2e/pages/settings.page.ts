import type { Locator, Page } from '@playwright/test';

export class SettingsPage {
  readonly tab: Locator;
  readonly form: Locator;
  readonly saveButton: Locator;
  readonly savedMessage: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('shell-nav-settings-tab');
    this.form = page.getByTestId('settings-form');
    this.saveButton = page.getByTestId('settings-save-button');
    this.savedMessage = page.getByTestId('settings-saved-message');
  }

  async open(): Promise<void> {
    await this.tab.click();
    await this.form.waitFor();
  }

  input(field: string): Locator {
    return this.page.getByTestId(`settings-${field}-input`);
  }

  errorOf(field: string): Locator {
    return this.page.getByTestId(`settings-${field}-input-error`);
  }
}
