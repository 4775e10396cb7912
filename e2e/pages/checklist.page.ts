import type { Download, Locator, Page } from '@playwright/test';

/** The header's checklist export: the format menu and the outcome line. */
export class ChecklistExport {
  readonly button: Locator;
  readonly outcome: Locator;

  constructor(readonly page: Page) {
    this.button = page.getByTestId('checklist-export-button');
    this.outcome = page.getByTestId('checklist-export-outcome');
  }

  item(format: 'md' | 'csv' | 'json' | 'pdf'): Locator {
    return this.page.getByTestId(`checklist-export-${format}-item`);
  }

  /** Opens the menu with Ctrl+E, picks the format, and returns the browser download the service produced. */
  async download(format: 'md' | 'csv' | 'json' | 'pdf'): Promise<Download> {
    await this.page.keyboard.press('Control+e');
    const downloading = this.page.waitForEvent('download');
    await this.item(format).click();
    return downloading;
  }
}
