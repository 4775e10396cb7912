import { expect, test } from '../fixtures/test';
import { DashboardPage } from '../pages/dashboard.page';
import { MarketPage } from '../pages/market.page';

test.use({ viewport: { width: 1440, height: 1200 } });

test.describe('market conditions on the demo', () => {
  test('every market is listed with its regime badges; the selected one shows its figures and why its regime is what it is', async ({
    app,
  }) => {
    await new DashboardPage(app.page).openDemo();
    const market = new MarketPage(app.page);
    await market.open();

    const count = await market.items.count();
    expect(count).toBeGreaterThan(1);
    const keys = await market.items.evaluateAll((items) => items.map((i) => i.getAttribute('data-market-key')));
    expect(new Set(keys).size).toBe(count);
    for (let i = 0; i < count; i += 1) {
      const item = market.items.nth(i);
      await expect(item.getByTestId('market-list-regime-long')).toHaveText(/^L (Normal|Elevated|Crowded|Extreme)$/);
      await expect(item.getByTestId('market-list-regime-short')).toHaveText(/^S (Normal|Elevated|Crowded|Extreme)$/);
    }
    await expect(market.items.first()).toHaveAttribute('aria-pressed', 'true');
    await expect(market.conditions).toHaveAttribute('data-market-key', keys[0] ?? '');

    // Funding per interval, annualised, next time and the 7-day sparkline; OI and its 24 h change; basis; depth.
    await expect(market.figure('funding-rate')).toHaveText(/^−?\d+\.\d{4} %$/);
    await expect(market.figure('funding-apr')).toHaveText(/^−?\d+\.\d % APR$/);
    await expect(market.figure('funding-next')).toHaveText(/^\d\d:\d\d UTC · (in .+|due now)$/);
    await expect(market.figure('funding-sparkline')).toHaveAttribute('data-points', /^[\d.]+,[\d.]+( [\d.]+,[\d.]+)+$/);
    await expect(market.figure('oi-change')).toHaveText(/^[+−]?\d+\.\d %$/);
    await expect(market.figure('basis-premium')).toHaveText(/^[+−]?\d+\.\d{3} %$/);
    await expect(market.figure('depth-1')).toHaveText(/^\$[\d.]+[kMB]?$/);

    // The regime per side and the signals behind it: value, threshold, contribution, explanation.
    const regime = market.regime();
    await expect(regime.long).toHaveAttribute('data-state', /^(NORMAL|ELEVATED|CROWDED|EXTREME)$/);
    await expect(regime.signals).toHaveCount(8);
    const funding = regime.signal('funding');
    await expect(funding).toContainText('→');
    await expect(funding).toContainText('APR');
    await expect(funding.getByTestId('market-signal-funding-contribution')).toHaveText(/^−?\d\.\d{3}$/);
    // Missing signals read as missing with the reason, never as zero.
    const missing = app.page.locator('[data-testid^="market-signal-"][data-missing="true"]');
    expect(await missing.count()).toBeGreaterThan(0);
    for (const text of await missing.allTextContents()) {
      expect(text).toContain('missing');
      expect(text).toContain('not available');
    }

    await app.screenshot('market');

    // Choosing another market shows its conditions.
    await market.items.nth(1).click();
    await expect(market.items.nth(1)).toHaveAttribute('aria-pressed', 'true');
    await expect(market.conditions).toHaveAttribute('data-market-key', keys[1] ?? '');
  });
});
