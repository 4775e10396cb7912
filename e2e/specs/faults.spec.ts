import { simKey } from '../../electron/simulator/keys';
import { expect, test } from '../fixtures/simulator';
import { AccountsPage } from '../pages/accounts.page';
import { DashboardPage } from '../pages/dashboard.page';

test.describe('a venue fails, the others carry on', () => {
  test('Binance answers 5xx: its error is shown, its last good data stays marked stale, Bybit is untouched', async ({
    app,
    exchanges,
  }) => {
    const accounts = new AccountsPage(app.page);
    await accounts.open();
    const binance = simKey('binance', 'read-only');
    await accounts.fill('Binance', 'Fault Binance', { apiKey: binance.apiKey, secret: binance.secret });
    await accounts.submit.click();
    await expect(accounts.rowByLabel('Fault Binance')).toBeVisible();
    await accounts.openAddButton.click();
    const bybit = simKey('bybit', 'read-only');
    await accounts.fill('Bybit', 'Fault Bybit', { apiKey: bybit.apiKey, secret: bybit.secret });
    await accounts.submit.click();
    await expect(accounts.rowByLabel('Fault Bybit')).toBeVisible();

    const dashboard = new DashboardPage(app.page);
    await app.page.getByTestId('shell-nav-dashboard-tab').click();
    await dashboard.refreshButton.click();
    await expect(dashboard.refreshButton).toHaveText('Refresh');
    const sources = app.page.getByTestId('dashboard-source-statuses').locator('li');
    await expect(sources).toHaveCount(2);
    await expect(sources.filter({ hasText: 'Fault Binance' })).toHaveAttribute('data-state', 'ok');
    const binanceRowsBefore = await dashboard.rows.filter({ hasText: 'Binance' }).count();
    expect(binanceRowsBefore).toBeGreaterThan(0);

    const fault = exchanges.simulator.injectFault({ venue: 'binance', kind: 'server-error' });
    try {
      await dashboard.refreshButton.click();
      await expect(dashboard.refreshButton).toHaveText('Refresh');
      const binanceSource = sources.filter({ hasText: 'Fault Binance' });
      await expect(binanceSource).toHaveAttribute('data-state', 'stale');
      await expect(binanceSource).toContainText('stale since');
      await expect(binanceSource).toContainText(/Binance/);
      await expect(sources.filter({ hasText: 'Fault Bybit' })).toHaveAttribute('data-state', 'ok');
      // The last good Binance positions are still on screen.
      await expect(dashboard.rows.filter({ hasText: 'Binance' })).toHaveCount(binanceRowsBefore);
      await app.screenshot('venue-fault');
    } finally {
      exchanges.simulator.removeFault(fault);
    }
    await dashboard.refreshButton.click();
    await expect(sources.filter({ hasText: 'Fault Binance' })).toHaveAttribute('data-state', 'ok');
  });
});
