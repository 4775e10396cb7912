import type { Locator, Page } from '@playwright/test';

/** The app shell: header, accounts area, positions area, status bar. */
export class AppShellPage {
  readonly title: Locator;
  readonly addKeyButton: Locator;
  readonly demoButton: Locator;
  readonly positionsEmpty: Locator;
  readonly statusShell: Locator;
  readonly statusVersion: Locator;
  readonly statusError: Locator;

  constructor(readonly page: Page) {
    this.title = page.getByTestId('shell-header-title');
    this.addKeyButton = page.getByTestId('accounts-empty-add-button');
    this.demoButton = page.getByTestId('accounts-empty-demo-button');
    this.positionsEmpty = page.getByTestId('positions-empty-message');
    this.statusShell = page.getByTestId('shell-status-shell');
    this.statusVersion = page.getByTestId('shell-status-version');
    this.statusError = page.getByTestId('shell-status-error');
  }

  /** Opens the app and waits until it has talked to the services once (the status bar names the shell). */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.statusShell.waitFor();
  }

  /** The sentence that says why an unavailable button is unavailable. */
  reasonOf(button: Locator): Locator {
    return button.locator('xpath=following-sibling::*[@role="tooltip"]');
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `e2e/test-output/screenshots/${name}.png`, fullPage: true });
  }
}
