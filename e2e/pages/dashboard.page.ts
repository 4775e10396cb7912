import type { Locator, Page } from '@playwright/test';

/** The risk dashboard: account strip, source statuses, positions table, warnings. */
export class DashboardPage {
  readonly demoButton: Locator;
  readonly demoBadge: Locator;
  readonly rows: Locator;
  readonly scroller: Locator;
  readonly warnings: Locator;
  readonly accountStrip: Locator;
  readonly refreshButton: Locator;
  readonly detailPanel: Locator;
  readonly backButton: Locator;

  constructor(readonly page: Page) {
    this.demoButton = page.getByTestId('accounts-empty-demo-button');
    this.demoBadge = page.getByTestId('shell-demo-badge');
    this.rows = page.getByTestId('positions-row');
    this.scroller = page.getByTestId('positions-table-scroller');
    this.warnings = page.getByTestId('dashboard-warning-group');
    this.accountStrip = page.getByTestId('dashboard-account-strip');
    this.refreshButton = page.getByTestId('dashboard-refresh-button');
    this.detailPanel = page.getByTestId('position-detail-panel');
    this.backButton = page.getByTestId('position-detail-back-button');
  }

  /** Starts the demo if it is not already running in this app, and waits for its positions. */
  async openDemo(): Promise<void> {
    await this.page.getByTestId('shell-nav-dashboard-tab').click();
    if (await this.demoButton.isVisible()) await this.demoButton.click();
    await this.rows.first().waitFor();
  }

  source(accountId: string): Locator {
    return this.page.getByTestId(`dashboard-source-${accountId}`);
  }

  /** Symbol, side and severity of each visible row, top to bottom. */
  async rowSummaries(): Promise<{ id: string; severity: string }[]> {
    return this.rows.evaluateAll((rows) =>
      rows.map((row) => ({
        id: row.getAttribute('data-position-id') ?? '',
        severity: row.getAttribute('data-severity') ?? '',
      })),
    );
  }
}
