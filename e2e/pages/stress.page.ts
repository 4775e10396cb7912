import type { Locator, Page } from '@playwright/test';

export interface StressRow {
  readonly id: string;
  readonly side: 'long' | 'short';
  readonly mark: number | null;
  readonly liquidation: number | null;
  readonly beta: number | null;
  /** data-liquidated of the cell at each shock, keyed by the shock as written in data-shock. */
  readonly liquidatedAt: Readonly<Record<string, boolean>>;
}

/** The stress test: betas, shock grid (positions × shocks), PnL chart, cross-margin accounts. */
export class StressPage {
  readonly tab: Locator;
  readonly screen: Locator;
  readonly rows: Locator;
  readonly defaultsButton: Locator;
  readonly resetButton: Locator;
  readonly chartSeries: Locator;
  readonly chartMarkers: Locator;
  readonly crossAccounts: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('shell-nav-stress-tab');
    this.screen = page.getByTestId('stress-screen');
    this.rows = page.getByTestId('stress-grid-row');
    this.defaultsButton = page.getByTestId('stress-beta-defaults-button');
    this.resetButton = page.getByTestId('stress-beta-reset-button');
    this.chartSeries = page.getByTestId('stress-chart-series');
    this.chartMarkers = page.getByTestId('stress-chart-marker');
    this.crossAccounts = page.getByTestId('stress-cross-account');
  }

  async open(): Promise<void> {
    await this.tab.click();
    await this.rows.first().waitFor();
  }

  beta(asset: string): Locator {
    return this.page.getByTestId(`stress-beta-${asset}-input`);
  }

  betaError(asset: string): Locator {
    return this.page.getByTestId(`stress-beta-${asset}-input-error`);
  }

  row(positionId: string): Locator {
    return this.page.locator(`[data-testid="stress-grid-row"][data-position-id="${positionId}"]`);
  }

  /** Every grid row with the figures it shows (as raw numbers) and which shocks liquidate it. */
  async readRows(): Promise<StressRow[]> {
    return this.rows.evaluateAll((rows) =>
      rows.map((row) => {
        const num = (name: string) => {
          const v = row.getAttribute(name);
          return v === null || v === '' ? null : Number(v);
        };
        const liquidatedAt: Record<string, boolean> = {};
        for (const cell of Array.from(row.querySelectorAll('[data-testid="stress-grid-cell"]')))
          liquidatedAt[cell.getAttribute('data-shock') ?? ''] = cell.getAttribute('data-liquidated') === 'true';
        return {
          id: row.getAttribute('data-position-id') ?? '',
          side: row.getAttribute('data-side') === 'short' ? ('short' as const) : ('long' as const),
          mark: num('data-mark'),
          liquidation: num('data-liquidation'),
          beta: num('data-beta'),
          liquidatedAt,
        };
      }),
    );
  }
}
