import type { Locator, Page } from '@playwright/test';

/** Market conditions: the Market tab's list and a market's panel (also shown inside a position's detail). */
export class MarketPage {
  readonly tab: Locator;
  readonly items: Locator;
  readonly conditions: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByTestId('shell-nav-market-tab');
    this.items = page.getByTestId('market-list-item');
    this.conditions = page.getByTestId('market-conditions');
  }

  async open(): Promise<void> {
    await this.tab.click();
    await this.conditions.waitFor();
  }

  /** The regime panel and its parts, within `scope` (the page, or a position's detail). */
  regime(scope: Locator | Page = this.page) {
    return {
      long: scope.getByTestId('market-regime-long'),
      short: scope.getByTestId('market-regime-short'),
      signals: scope.getByTestId('market-regime-signals').locator('tbody tr[data-testid^="market-signal-"]'),
      signal: (id: string) => scope.getByTestId(`market-signal-${id}`),
    };
  }

  figure(name: string, scope: Locator | Page = this.page): Locator {
    return scope.getByTestId(`market-${name}`);
  }
}
