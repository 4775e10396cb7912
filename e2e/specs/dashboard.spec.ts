import { expect, test } from '../fixtures/test';
import { DashboardPage } from '../pages/dashboard.page';

const RANK: Record<string, number> = { safe: 0, watch: 1, danger: 2, critical: 3 };

test.describe('risk dashboard on the demo', () => {
  test('is labelled DEMO and sorted by severity, a near-liquidation position first', async ({ app }) => {
    const dashboard = new DashboardPage(app.page);
    await dashboard.openDemo();
    await expect(dashboard.demoBadge).toHaveText('DEMO');
    const rows = await dashboard.rowSummaries();
    expect(rows.length).toBeGreaterThan(4);
    // Severities never rise going down the table.
    for (let i = 1; i < rows.length; i += 1)
      expect(RANK[rows[i]!.severity]).toBeLessThanOrEqual(RANK[rows[i - 1]!.severity]!);
    // electron/simulator/scenarios/accounts.ts: the demo's positions close to liquidation are Binance SOL 20× isolated
    // and OKX ETH 25× isolated, both long.
    expect(rows[0]!.id).toMatch(/^demo-(binance\|SOL\/USDT:USDT|okx\|ETH\/USDT:USDT)\|long$/);
    expect(['danger', 'critical']).toContain(rows[0]!.severity);
    await expect(dashboard.warnings.first()).toBeVisible();
    await app.screenshot('dashboard');
  });

  test('the keyboard moves through rows and Enter opens the detail; Back returns', async ({ app }) => {
    const dashboard = new DashboardPage(app.page);
    await dashboard.openDemo();
    await dashboard.scroller.focus();
    await app.page.keyboard.press('ArrowDown');
    await app.page.keyboard.press('ArrowDown');
    const second = await dashboard.rows.nth(1).getAttribute('data-position-id');
    await expect(dashboard.rows.nth(1)).toHaveAttribute('aria-selected', 'true');
    await app.page.keyboard.press('Enter');
    await expect(dashboard.detailPanel).toBeVisible();
    expect(second).not.toBeNull();
    await dashboard.backButton.click();
    await expect(dashboard.rows.first()).toBeVisible();
  });

  test('sorting by a column and filtering by venue', async ({ app }) => {
    const dashboard = new DashboardPage(app.page);
    await dashboard.openDemo();
    await app.page.getByTestId('positions-sort-symbol-button').click();
    const symbols = (await dashboard.rowSummaries()).map((row) => row.id.split('|')[1] ?? '');
    expect(symbols).toEqual([...symbols].sort());
    await app.page.getByTestId('positions-filter-binance-button').click();
    const ids = (await dashboard.rowSummaries()).map((row) => row.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id.startsWith('demo-binance|'))).toBe(true);
    await app.page.getByTestId('positions-filter-all-button').click();
    await app.page.getByTestId('positions-sort-severity-button').click();
    await app.page.getByTestId('positions-sort-severity-button').click();
  });

  test('a manual refresh keeps the positions on screen and updates the sources', async ({ app }) => {
    const dashboard = new DashboardPage(app.page);
    await dashboard.openDemo();
    await dashboard.refreshButton.click();
    await expect(dashboard.refreshButton).toHaveText('Refresh');
    await expect(dashboard.rows.first()).toBeVisible();
    await expect(dashboard.source('demo-binance')).toHaveAttribute('data-state', 'ok');
  });
});
