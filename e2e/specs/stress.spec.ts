import { expect, test } from '../fixtures/test';
import { DashboardPage } from '../pages/dashboard.page';
import { StressPage, type StressRow } from '../pages/stress.page';

/**
 * Which positions the −10 % BTC shock should liquidate, derived independently from the figures each row shows
 * (risk-method.md §5.1: the asset moves β × shock, never below −95 %; a long dies at or below its liquidation
 * price, a short at or above).
 */
function expectedAt(rows: readonly StressRow[], shock: number): string[] {
  return rows
    .filter((r) => {
      if (r.mark === null || r.liquidation === null || r.beta === null) return false;
      const price = r.mark * (1 + Math.max(-0.95, r.beta * shock));
      return r.side === 'long' ? price <= r.liquidation : price >= r.liquidation;
    })
    .map((r) => r.id)
    .sort();
}
const liquidatedAt = (rows: readonly StressRow[], shock: string) =>
  rows
    .filter((r) => r.liquidatedAt[shock] === true)
    .map((r) => r.id)
    .sort();

// electron/simulator/scenarios/accounts.ts builds the demo with two positions close to liquidation at minute 0:
// Binance SOL 20× isolated long and OKX ETH 25× isolated long (the report puts each a few % from its liquidation
// price). A −10 % BTC move carries ETH −13 % at its §5.1 beta of 1.3, far past that, so the OKX ETH long must be
// liquidated. The SOL long is too, once SOL moves with BTC: the engine's SOL beta is estimated from the simulator's
// daily candles (≈0.13–0.18, near-independent of BTC), which moves SOL only ≈1.5 %; at the §5.1 default of 1.8 it
// moves 18 %.
const OKX_ETH_LONG = 'demo-okx|ETH/USDT:USDT|long';
const BINANCE_SOL_LONG = 'demo-binance|SOL/USDT:USDT|long';

test.describe('stress test on the demo', () => {
  test('the expected positions liquidate at −10 %; betas are editable and validated', async ({ app }) => {
    await new DashboardPage(app.page).openDemo();
    const stress = new StressPage(app.page);
    await stress.open();

    const rows = await stress.readRows();
    expect(rows.length).toBeGreaterThan(4);
    const atTen = liquidatedAt(rows, '-0.1');
    expect(atTen).toEqual(expectedAt(rows, -0.1));
    expect(atTen).toContain(OKX_ETH_LONG);

    // The §5.1 defaults put SOL at β 1.8: the Binance SOL long joins the liquidated at −10 %.
    await stress.defaultsButton.click();
    await expect(stress.row(BINANCE_SOL_LONG)).toHaveAttribute('data-beta', '1.8');
    const withDefaults = await stress.readRows();
    const atTenDefaults = liquidatedAt(withDefaults, '-0.1');
    expect(atTenDefaults).toEqual(expectedAt(withDefaults, -0.1));
    expect(atTenDefaults).toEqual(expect.arrayContaining([OKX_ETH_LONG, BINANCE_SOL_LONG]));

    // PnL per account as a chart with its liquidation points, and each cross account's BTC move or the reason.
    await expect(stress.chartSeries.first()).toBeVisible();
    expect(await stress.chartSeries.count()).toBe(await app.page.getByTestId('stress-grid-account').count());
    expect(await stress.chartMarkers.count()).toBeGreaterThan(0);
    for (const move of await app.page.getByTestId('stress-cross-move').all()) await expect(move).not.toBeEmpty();

    // A bad beta is named under its field; the engine's stays in use.
    await stress.beta('SOL').fill('abc');
    await expect(stress.betaError('SOL')).toHaveText(
      "SOL's beta must be a number, e.g. 1.3. The engine’s beta is used until then.",
    );
    await stress.beta('SOL').fill('1.8');
    await expect(stress.betaError('SOL')).toHaveCount(0);
    await expect(app.page.locator('body')).not.toContainText(/NaN|Infinity/);
    // Tall enough to show the whole screen, scrolled to its top (the app scrolls inside its main area).
    await app.page.setViewportSize({ width: 1440, height: 2000 });
    await app.page.locator('.app-main').evaluate((main) => main.scrollTo(0, 0));
    await app.screenshot('stress');
  });
});
