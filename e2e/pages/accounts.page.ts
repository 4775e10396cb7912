import type { Locator, Page } from '@playwright/test';

/** The accounts screen: the add form (in each venue's own terms) and the list. */
export class AccountsPage {
  readonly tab: Locator;
  readonly form: Locator;
  readonly openAddButton: Locator;
  readonly submit: Locator;
  readonly result: Locator;
  readonly refusal: Locator;
  readonly rows: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('shell-nav-accounts-tab');
    this.form = page.getByTestId('accounts-add-form');
    this.openAddButton = page.getByTestId('accounts-open-add-button');
    this.submit = page.getByTestId('accounts-add-submit-button');
    this.result = page.getByTestId('accounts-add-result');
    this.refusal = page.getByTestId('accounts-add-refusal');
    this.rows = page.locator('[data-testid$="-row"][data-testid^="accounts-"]');
  }

  async open(): Promise<void> {
    await this.tab.click();
    await this.page.getByTestId('accounts-list-panel').waitFor();
    if (!(await this.form.isVisible())) await this.openAddButton.click();
    await this.form.waitFor();
  }

  /** Fills the form for a venue; `fields` are the credential field names (apiKey, secret, passphrase, walletAddress). */
  async fill(venueLabel: string, label: string, fields: Record<string, string>): Promise<void> {
    await this.form.getByText(venueLabel, { exact: true }).click();
    await this.page.getByTestId('accounts-add-label-input').fill(label);
    for (const [name, value] of Object.entries(fields))
      await this.page.getByTestId(`accounts-add-${name}-input`).fill(value);
  }

  rowByLabel(label: string): Locator {
    return this.rows.filter({ hasText: label });
  }
}
