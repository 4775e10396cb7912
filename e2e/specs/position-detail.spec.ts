import { expect, test } from '../fixtures/test';
import { DashboardPage } from '../pages/dashboard.page';
import { MarketPage } from '../pages/market.page';
import { displayed, PositionDetailPage } from '../pages/position-detail.page';

// Tall enough for the whole detail (chart, figures, suggestions, market) in the screenshot.
test.use({ viewport: { width: 1440, height: 2200 } });

test.describe('position detail on the demo', () => {
  test('the near-liquidation position: chart lines at the prices the card shows, stops at the ladder’s triggers, market regime with its signals', async ({
    app,
  }) => {
    const dashboard = new DashboardPage(app.page);
    await dashboard.openDemo();
    const first = dashboard.rows.first();
    const positionId = await first.getAttribute('data-position-id');
    // electron/simulator/scenarios/accounts.ts: the demo's near-liquidation positions (Binance SOL 20× isolated,
    // OKX ETH 25× isolated, both long) sort first.
    expect(positionId).toMatch(/^demo-(binance\|SOL\/USDT:USDT|okx\|ETH\/USDT:USDT)\|long$/);

    const detail = new PositionDetailPage(app.page);
    await detail.openFrom(first);
    await expect(detail.detail).toHaveAttribute('data-position-id', positionId ?? '');
    // lightweight-charts has drawn into its canvas.
    await expect(detail.chart.locator('canvas').first()).toBeVisible();

    const reading = await detail.read();
    expect(reading.canvas?.width ?? 0).toBeGreaterThan(200);
    expect(reading.canvas?.height ?? 0).toBeGreaterThan(200);
    const line = (kind: string) => reading.lines.filter((l) => l.kind === kind);
    expect(reading.lines.slice(0, 3).map((l) => l.kind)).toEqual(['entry', 'mark', 'liq-ours']);

    // Every line sits at the price the key-figures card shows, to the card's last digit.
    const checks = [
      ['entry', reading.entry],
      ['mark', reading.mark],
      ['liq-ours', reading.liqOurs],
      ['liq-exchange', reading.liqExchange],
    ] as const;
    for (const [kind, shown] of checks) {
      const figure = displayed(shown);
      if (figure === null) {
        // The card says "—": no line is drawn for it.
        expect(line(kind), kind).toHaveLength(0);
        continue;
      }
      expect(line(kind), kind).toHaveLength(1);
      expect(Math.abs(line(kind)[0]!.price - figure.value), kind).toBeLessThanOrEqual(figure.halfUnit + 1e-9);
    }

    // Near liquidation: a long whose liquidation is below the mark and within 10 % of it.
    const mark = line('mark')[0]!.price;
    const liq = line('liq-ours')[0]!.price;
    expect(liq).toBeLessThan(mark);
    expect(mark / liq - 1).toBeLessThan(0.1);

    // One stop line per ladder row, at exactly its trigger.
    expect(reading.triggers.length).toBeGreaterThan(0);
    expect(line('stop').map((l) => l.price)).toEqual(reading.triggers);

    // The distance from mark is written beside each line.
    expect(reading.legend.find((t) => t.startsWith('Liq (ours)'))).toMatch(/^Liq \(ours\) [\d,.]+ · −\d+\.\d %/);
    expect(reading.legend.filter((t) => t.startsWith('Stop '))).toHaveLength(reading.triggers.length);

    // 1 d candles on request; the lines stay.
    await detail.chooseTimeframe('1 d');
    await expect(detail.chart).toHaveAttribute('data-timeframe', '1d');
    expect(Number(await detail.chart.getAttribute('data-candles'))).toBeGreaterThan(0);
    expect((await detail.read()).lines.map((l) => l.kind)).toEqual(reading.lines.map((l) => l.kind));

    // The suggestion card says the app never places orders.
    await expect(app.page.getByTestId('position-detail-never-places')).toContainText('never places orders');

    // The market panel of that market shows the regime and the signals behind it.
    const market = new MarketPage(app.page);
    const regime = market.regime(detail.market);
    await expect(regime.long).toHaveAttribute('data-state', /^(NORMAL|ELEVATED|CROWDED|EXTREME)$/);
    await expect(regime.short).toHaveAttribute('data-state', /^(NORMAL|ELEVATED|CROWDED|EXTREME)$/);
    await expect(regime.signals).toHaveCount(8);
    await expect(regime.signal('funding').getByTestId('market-signal-funding-value')).toHaveText(/^−?\d+\.\d{4} %$/);
    await expect(regime.signal('funding').getByTestId('market-signal-funding-contribution')).toHaveText(
      /^−?\d\.\d{3}$/,
    );
    // The demo has no estimated-leverage-ratio feed: shown as missing with its reason, not as zero.
    await expect(regime.signal('elr')).toHaveAttribute('data-missing', 'true');
    await expect(regime.signal('elr').getByTestId('market-signal-elr-contribution')).toHaveText('—');
    await expect(regime.signal('elr')).toContainText('estimated leverage ratio not available');

    await detail.chooseTimeframe('1 h');
    await detail.scrollToTop();
    await app.screenshot('position-detail');
  });
});
