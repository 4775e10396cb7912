import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyCandleSeries } from '../../../shared/domain/market';
import type { SuggestedOrder } from '../../../shared/domain/order';
import { defaultSettings } from '../../../shared/domain/settings';
import type { Snapshot } from '../../../shared/domain/snapshot';
import type { Api } from '../../../shared/ipc/contract';
import { positionLadderOrders } from '../../../shared/risk/ladder-orders';
import { ladderProblemText } from '../../../shared/risk/ladder-problem-text';
import { reportLadderOnDemand } from '../../../shared/risk/position-ladder';
import { syntheticSnapshot } from '../../../shared/risk/synthetic';
import { createAppStore, StoreContext } from '../../store';
import { SOL_POSITION_ID, TEST_NOW, testSnapshot } from '../market/test-snapshot';
import { chartLines, formatDistance, isBeyondLiquidation } from './chart-lines';
import { orderText } from './order-text';
import { PositionDetail } from './position-detail';
import { readChartTheme } from './price-chart';

// lightweight-charts draws on canvas, which jsdom lacks: a fake records what the component asks of it.
const charts = vi.hoisted(() => ({
  created: 0,
  removed: 0,
  priceLines: [] as { price: number; title: string; color: string }[],
  data: [] as unknown[],
}));
vi.mock('lightweight-charts', () => ({
  CandlestickSeries: { type: 'Candlestick' },
  ColorType: { Solid: 'solid' },
  LineStyle: { Solid: 0, Dotted: 1, Dashed: 2, LargeDashed: 3, SparseDotted: 4 },
  createChart: () => {
    charts.created++;
    return {
      addSeries: () => ({
        applyOptions: () => undefined,
        setData: (data: unknown[]) => {
          charts.data = data;
        },
        createPriceLine: (options: { price: number; title: string; color: string }) => {
          charts.priceLines.push(options);
          return options;
        },
        removePriceLine: (line: { price: number; title: string; color: string }) => {
          charts.priceLines = charts.priceLines.filter((l) => l !== line);
        },
      }),
      applyOptions: () => undefined,
      timeScale: () => ({ fitContent: () => undefined }),
      remove: () => {
        charts.removed++;
      },
    };
  },
}));

const fakeApi = () => ({ on: () => () => undefined }) as unknown as Api;

function renderDetail(snapshot: Snapshot | null, positionId = SOL_POSITION_ID) {
  const store = createAppStore(fakeApi());
  store.setState({ snapshot, settings: defaultSettings() });
  const view = render(
    <StoreContext.Provider value={store}>
      <PositionDetail positionId={positionId} />
    </StoreContext.Provider>,
  );
  return { store, ...view };
}

const linesOf = () =>
  JSON.parse(screen.getByTestId('position-detail-chart').getAttribute('data-lines') ?? '[]') as {
    kind: string;
    price: number;
  }[];

beforeEach(() => {
  charts.created = 0;
  charts.removed = 0;
  charts.priceLines = [];
  charts.data = [];
});

describe('chartLines', () => {
  it('titles each line with its distance from mark at the instrument tick', () => {
    const store = createAppStore(fakeApi());
    store.setState({ snapshot: testSnapshot(), settings: defaultSettings() });
    const risk = store.getState().report!.positions[0]!;
    const { lines } = chartLines(risk, 0.01);
    const liq = lines.find((l) => l.kind === 'liq-ours')!;
    // Ours 143.5924… at tick 0.01 → "143.59"; distance 143.5924 / 150.02 − 1 = −4.28 % → "−4.3 %".
    expect(liq.title).toBe('Liq (ours) 143.59 · −4.3 %');
    expect(lines.find((l) => l.kind === 'liq-exchange')!.title).toBe('Liq (exchange) 143.59 · −4.3 %');
    // Entry 150 vs mark 150.02 is −0.0133 %: under 1 %, so two decimals.
    expect(lines.find((l) => l.kind === 'entry')!.title).toBe('Entry 150.00 · −0.01 %');
    expect(lines.find((l) => l.kind === 'mark')!.title).toBe('Mark 150.02');
    // The fixture's stops sit below its liquidation price (143.59): each says it is beyond it.
    const stops = lines.filter((l) => l.kind === 'stop');
    expect(stops.length).toBeGreaterThan(0);
    for (const stop of stops) {
      expect(stop.price).toBeLessThan(143.59);
      expect(stop.beyondLiquidation).toBe(true);
      expect(stop.title).toMatch(/^Stop \d [\d.]+ · −\d+\.\d % · beyond liq\.$/);
    }
  });

  it.each([
    ['long', 140, 143.59, true],
    ['long', 143.59, 143.59, true],
    ['long', 145, 143.59, false],
    ['short', 160, 155, true],
    ['short', 150, 155, false],
    ['long', 140, null, false],
  ] as const)('a %s stop at %d with liquidation at %s is beyond it: %s', (side, trigger, liq, beyond) => {
    expect(isBeyondLiquidation(side, trigger, liq)).toBe(beyond);
  });

  it('lists a line it cannot draw with the reason', () => {
    const store = createAppStore(fakeApi());
    store.setState({
      snapshot: testSnapshot({ position: { exchangeLiquidationPrice: null } }),
      settings: defaultSettings(),
    });
    const { lines, missing } = chartLines(store.getState().report!.positions[0]!, 0.01);
    expect(lines.some((l) => l.kind === 'liq-exchange')).toBe(false);
    expect(missing).toEqual([{ kind: 'liq-exchange', label: 'Liq (exchange)', reason: 'the exchange reports none' }]);
  });

  it.each([
    [-0.0428, '−4.3 %'],
    [0.0123, '+1.2 %'],
    // Under 1 %: two decimals; a zero (or what rounds to it) carries no sign.
    [0.0035, '+0.35 %'],
    [0.00001, '0.00 %'],
    [0, '0.00 %'],
  ])('formats a distance of %d as %s', (fraction, text) => {
    expect(formatDistance(fraction)).toBe(text);
  });
});

describe('readChartTheme', () => {
  it('takes colours from the theme variables, with the dark defaults when a variable is empty', () => {
    const vars: Record<string, string> = { '--up': ' #f6465d', '--down': '#2ebd85', '--critical': '#ff0000' };
    const theme = readChartTheme((name) => vars[name] ?? '');
    // Red-up scheme: up candles red.
    expect(theme.up).toBe('#f6465d');
    expect(theme.down).toBe('#2ebd85');
    expect(theme.lines['liq-ours']).toBe('#ff0000');
    expect(theme.background).toBe('#12161d');
  });
});

describe('orderText', () => {
  const order: SuggestedOrder = {
    venue: 'binance',
    symbol: 'SOL/USDT:USDT',
    positionId: SOL_POSITION_ID,
    type: 'stop-market',
    side: 'sell',
    reduceOnly: true,
    positionSide: null,
    triggerPrice: 139.51,
    triggerType: 'mark',
    amount: 160,
    amountBase: 160,
    tranche: 1,
    weight: 0.4,
    expectedFillPrice: 138.81245,
    expectedSlippage: 0.005,
    lossIfFilled: 1813.112996,
    reason: '1.50 ATR from 150.0200',
  };
  const market = { base: 'SOL', settle: 'USDT', tickSize: 0.01, amountStep: 0.1 };

  it('says what to enter and that the app did not place it (demo SOL ladder, rung 1)', () => {
    expect(orderText(order, market)).toBe(
      [
        'Binance SOL/USDT:USDT: SELL 160.0 SOL, stop-market, reduce-only,',
        'trigger 139.51 on the mark price (stop 1, 40 % of the position).',
        'Expected fill ≈ 138.81 (0.50 % slippage); loss if filled 1,813.11 USDT.',
        'Suggested by Liquidation Guard, not placed: enter it on the exchange yourself.',
      ].join('\n'),
    );
  });

  it('names the leg in hedge mode instead of reduce-only, and contracts when they are not coins', () => {
    const text = orderText(
      { ...order, positionSide: 'long', amount: 16, amountBase: 160 },
      { ...market, amountStep: 1 },
    );
    expect(text).toContain('SELL 16 contracts (160.000000 SOL), stop-market, position side LONG (hedge mode),');
  });

  it('inverse: contracts of their USD face value, and the loss in the coin with 6 decimals', () => {
    // 2,400 × $10 SOLUSD contracts at 150 = 160 SOL; a coin loss of 0.3 SOL would read "0.30" with 2 decimals.
    const text = orderText(
      { ...order, symbol: 'SOL/USD:SOL', amount: 2_400, amountBase: 160, lossIfFilled: 0.301234567 },
      { base: 'SOL', settle: 'SOL', tickSize: 0.01, amountStep: 1, faceValue: 10 },
    );
    expect(text).toContain('SELL 2,400 contracts of $10 (160.000000 SOL), stop-market, reduce-only,');
    expect(text).toContain('loss if filled 0.301235 SOL.');
  });
});

describe('PositionDetail', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    Reflect.deleteProperty(navigator, 'clipboard');
  });

  it('says there is no data before the first refresh', () => {
    renderDetail(null);
    expect(screen.getByTestId('position-detail-empty').textContent).toContain('No data yet');
    expect(charts.created).toBe(0);
  });

  it('says the position is gone when it is not in the last refresh', () => {
    renderDetail(testSnapshot(), 'acc-1|DOGE/USDT:USDT|long');
    expect(screen.getByTestId('position-detail-empty').textContent).toContain('not in the last refresh');
  });

  it('draws entry, mark, both liquidation prices and every stop rung at the report’s prices', () => {
    const { store } = renderDetail(testSnapshot());
    const risk = store.getState().report!.positions[0]!;
    const expected = [
      { kind: 'entry', price: 150 },
      { kind: 'mark', price: 150.02 },
      { kind: 'liq-ours', price: risk.liquidation.computed.value },
      { kind: 'liq-exchange', price: 143.592 },
      ...risk.ladder!.rungs.trigger.map((price) => ({ kind: 'stop', price })),
    ];
    expect(risk.ladder!.rungs.tranche).toHaveLength(3);
    expect(linesOf()).toEqual(expected);
    // The same prices went to the chart, titled with their distance.
    expect(charts.priceLines.map((l) => l.price)).toEqual(expected.map((l) => l.price));
    expect(charts.priceLines[2]!.title).toBe('Liq (ours) 143.59 · −4.3 %');
    // The chart's line prices match the ladder table's triggers.
    const triggers = screen.getAllByTestId('position-detail-ladder-row').map((row) => Number(row.dataset['trigger']));
    expect(
      linesOf()
        .filter((l) => l.kind === 'stop')
        .map((l) => l.price),
    ).toEqual(triggers);
    // 1 h candles by default (fixture: 72), 1 d on request (fixture: 40).
    expect(charts.data).toHaveLength(72);
    fireEvent.click(within(screen.getByTestId('position-detail-timeframe')).getByLabelText('1 d'));
    expect(charts.data).toHaveLength(40);
    expect(screen.getByTestId('position-detail-chart').getAttribute('data-timeframe')).toBe('1d');
    // Switching candles keeps one set of lines.
    expect(charts.priceLines).toHaveLength(expected.length);
  });

  it('makes the ladder of a safe position in a NORMAL regime on demand: the report keeps its suggestion, not its rungs', () => {
    // A synthetic book (shared/risk/synthetic.ts) has such positions; the demo snapshot's one position is CROWDED.
    const snapshot: Snapshot = {
      ...syntheticSnapshot({ markets: 4, positions: 40, bookLevels: 40, candles: 120, seed: 5, now: TEST_NOW }),
      takenAt: TEST_NOW,
      demo: false,
      accounts: [],
      statuses: [],
    };
    const store = createAppStore(fakeApi());
    store.setState({ snapshot, settings: defaultSettings() });
    const state = store.getState();
    const risk = state.report!.positions.find(
      (p) =>
        p.severity === 'safe' &&
        p.regime.state === 'NORMAL' &&
        p.ladder === null &&
        state.report!.suggestions.some((s) => s.kind === 'stop_ladder' && s.subject.id === p.positionId),
    )!;
    expect(risk).toBeDefined();
    const ladder = reportLadderOnDemand(state.report!, snapshot, state.settings!, risk)!;
    render(
      <StoreContext.Provider value={store}>
        <PositionDetail positionId={risk.positionId} />
      </StoreContext.Provider>,
    );
    const triggers = screen.getAllByTestId('position-detail-ladder-row').map((row) => Number(row.dataset['trigger']));
    expect(triggers).toEqual(ladder.rungs.trigger);
    expect(triggers.length).toBeGreaterThan(0);
    expect(
      linesOf()
        .filter((l) => l.kind === 'stop')
        .map((l) => l.price),
    ).toEqual(triggers);
    expect(screen.queryByTestId('position-detail-ladder-missing')).toBeNull();
  });

  it('disposes of the chart on unmount', () => {
    const { unmount } = renderDetail(testSnapshot());
    expect(charts.created).toBe(1);
    unmount();
    expect(charts.removed).toBe(1);
  });

  it('shows the key figures with their provenance', () => {
    renderDetail(testSnapshot());
    expect(screen.getByTestId('position-detail-liq-exchange').textContent).toBe('143.59');
    expect(screen.getByTestId('position-detail-liq-exchange').getAttribute('title')).toBe('reported by the exchange');
    expect(screen.getByTestId('position-detail-liq-ours').getAttribute('title')).toBe('computed by Liquidation Guard');
    // 143.5924 vs 143.592: a 0.0003 % gap, inside the default 0.5 % tolerance.
    expect(screen.getByTestId('position-detail-discrepancy').textContent).toBe('0.000 %, within the 0.50 % tolerance');
    expect(screen.getByTestId('position-detail-distance').textContent).toMatch(
      /^4\.28 % · \d+\.\d\d ATR · \d+\.\d\d daily σ/,
    );
    const touch = screen.getByTestId('position-detail-touch-24h');
    expect(touch.querySelectorAll('td')).toHaveLength(5);
    expect(touch.textContent).not.toContain('NaN');
  });

  it('names a discrepancy beyond the tolerance with its likely cause', () => {
    // The exchange says 140.00: 2.5 % from ours, above the 0.5 % tolerance.
    renderDetail(testSnapshot({ position: { exchangeLiquidationPrice: 140 } }));
    const text = screen.getByTestId('position-detail-discrepancy').textContent;
    expect(text).toMatch(/^2\.\d\d %, above the 0\.50 % tolerance\. Likely cause: /);
  });

  it('shows the suggestions: margin or reduction, leverage cap, and the ladder with its problems', () => {
    const { store } = renderDetail(testSnapshot());
    const report = store.getState().report!;
    const risk = report.positions[0]!;
    // 20× isolated in a crowded long regime: the cap is the regime's (risk-method.md §3.5: CROWDED 3×).
    expect(screen.getByTestId('position-detail-suggestion-leverage_cap').textContent).toContain('Cap leverage at 3×');
    // Isolated: reducing does not move the liquidation price, so the report suggests margin.
    expect(screen.getByTestId('position-detail-suggestion-add_margin').textContent).toMatch(
      /^Add [\d,.]+ USDT of margin/,
    );
    const rows = screen.getAllByTestId('position-detail-ladder-row');
    expect(rows).toHaveLength(risk.ladder!.rungs.tranche.length);
    // Each rung says why it sits where it does, in the report's words.
    const orders = positionLadderOrders(risk);
    rows.forEach((row, i) => {
      expect(row.textContent).toContain(orders[i]!.reason);
    });
    // The ladder cannot work: each failed constraint says what to change.
    expect(risk.ladder!.feasible).toBe(false);
    for (const problem of risk.ladder!.problems) {
      const item = screen.getByTestId(`position-detail-problem-${problem.constraint}`);
      expect(item.textContent).toContain(ladderProblemText(problem).fix);
    }
    // The problems are read before the table.
    const problems = screen.getByTestId('position-detail-ladder-problems');
    expect(problems.compareDocumentPosition(screen.getByTestId('position-detail-ladder'))).toBe(
      Node.DOCUMENT_POSITION_FOLLOWING,
    );
    // Every stop sits below liquidation at 143.59: each row says it would never trigger, and none can be copied.
    rows.forEach((row, i) => {
      expect(row.getAttribute('data-beyond-liquidation')).toBe('true');
      expect(row.textContent).toContain('Beyond the liquidation price 143.59: it would never trigger.');
      const copy = screen.getByTestId(`position-detail-copy-${i + 1}-button`);
      expect(copy.getAttribute('aria-disabled')).toBe('true');
    });
    expect(screen.getByTestId('position-detail-never-places').textContent).toBe(
      'Liquidation Guard never places orders: copy a stop and enter it on Binance yourself.',
    );
  });

  it('copies a suggested order as text', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    // With 12,000 USDT of margin the liquidation price is about 120.90, below every stop: the stops can be used.
    const { store } = renderDetail(
      testSnapshot({ position: { isolatedMarginSettle: 12_000, leverage: 5, exchangeLiquidationPrice: 120.9 } }),
    );
    expect(screen.getAllByTestId('position-detail-ladder-row')[1]!.getAttribute('data-beyond-liquidation')).toBeNull();
    fireEvent.click(screen.getByTestId('position-detail-copy-2-button'));
    await waitFor(() => {
      expect(screen.getByTestId('position-detail-copy-status').textContent).toBe('Stop 2 copied to the clipboard.');
    });
    const order = positionLadderOrders(store.getState().report!.positions[0]!)[1]!;
    expect(writeText).toHaveBeenCalledWith(
      orderText(order, { base: 'SOL', settle: 'USDT', tickSize: 0.01, amountStep: 0.1 }),
    );
  });

  it('shows the text to copy by hand when the clipboard is unavailable', () => {
    vi.stubGlobal('navigator', { userAgent: 'test' });
    renderDetail(
      testSnapshot({ position: { isolatedMarginSettle: 12_000, leverage: 5, exchangeLiquidationPrice: 120.9 } }),
    );
    fireEvent.click(screen.getByTestId('position-detail-copy-1-button'));
    const status = screen.getByTestId('position-detail-copy-status');
    expect(status.textContent).toContain('The clipboard is not available here');
    expect(status.textContent).toContain('Suggested by Liquidation Guard, not placed');
  });

  it('marks stale data with since when and why, keeping the figures', () => {
    const snapshot = testSnapshot();
    renderDetail({
      ...snapshot,
      statuses: [
        {
          accountId: 'acc-1',
          venue: 'binance',
          state: 'stale',
          lastOkAt: TEST_NOW - 30 * 60_000,
          error: { code: 'network', message: 'Binance did not answer' },
        },
      ],
    });
    expect(screen.getByTestId('position-detail-stale').textContent).toContain(
      'Binance data is stale since 2026-11-23 21:30 UTC: Binance did not answer.',
    );
    expect(screen.getByTestId('position-detail-liq-exchange').textContent).toBe('143.59');
  });

  it('says why there is no ladder, and draws no stop lines', () => {
    // No candles: no ATR, so no ladder; the chart says there are no candles instead of drawing an empty frame.
    renderDetail(testSnapshot({ market: { candles: { '1h': emptyCandleSeries(), '1d': emptyCandleSeries() } } }));
    expect(screen.getByTestId('position-detail-ladder-missing').textContent).toBe(
      'No stop ladder: no ATR(14): too few candles for a stop ladder.',
    );
    expect(linesOf().some((l) => l.kind === 'stop')).toBe(false);
    expect(screen.getByTestId('position-detail-chart-no-candles').textContent).toBe('No 1 h candles for this market.');
    expect(document.body.textContent).not.toMatch(/NaN|Infinity/);
  });

  it('inverse (coin-margined): the ladder in contracts of $10 with the coin amount, losses and budget in the coin', () => {
    // Binance COIN-M SOLUSD: 6,000 × $10 contracts = $60,000, isolated 20 SOL of margin, 212 SOL of equity.
    const base = testSnapshot({
      market: { kind: 'inverse', quote: 'USD', settle: 'SOL', contractSize: 10, amountStep: 1 },
      position: {
        kind: 'inverse',
        quote: 'USD',
        settle: 'SOL',
        contracts: 6_000,
        contractSize: 10,
        sizeBase: 60_000 / 150.02,
        notionalUsd: 60_000,
        isolatedMarginSettle: 20,
        maintenanceMarginSettle: null,
        initialMarginSettle: null,
        unrealizedPnlSettle: null,
        exchangeLiquidationPrice: null,
      },
    });
    const snapshot: Snapshot = {
      ...base,
      balances: base.balances.map((b) => ({ ...b, currency: 'SOL', equity: 212, walletBalance: 212 })),
    };
    renderDetail(snapshot);
    expect(screen.queryByTestId('position-detail-ladder-missing')).toBeNull();
    const sizes = screen.getAllByTestId('position-detail-ladder-size').map((c) => c.textContent);
    // Split 0.4 / 0.3 / 0.3 of 6,000 contracts; base units at the mark: contracts × 10/150.02.
    expect(sizes).toEqual([
      '2,400 × $10 (159.978670 SOL)',
      '1,800 × $10 (119.984002 SOL)',
      '1,800 × $10 (119.984002 SOL)',
    ]);
    expect(screen.getByTestId('position-detail-ladder-worst').textContent).toMatch(/^\d+\.\d{6} SOL$/u);
    // Margin in SOL with 6 decimals (the report's add_margin amount; "13.61" would drop most of the precision).
    expect(screen.getByTestId('position-detail-suggestion-add_margin').textContent).toMatch(
      /^Add \d+\.\d{6} SOL of margin/u,
    );
    expect(screen.getByTestId('position-detail-problem-risk_budget').textContent).toMatch(
      /reduce the position by 5,878 contracts of \$10 \(391\.814425 SOL\) to 122 contracts/u,
    );
    expect(document.body.textContent).not.toMatch(/NaN|Infinity|inverse contracts are not covered/);
  });

  it('includes the market conditions of its market', () => {
    renderDetail(testSnapshot());
    const market = screen.getByTestId('position-detail-market');
    expect(within(market).getByTestId('market-conditions').getAttribute('data-market-key')).toBe(
      'binance|SOL/USDT:USDT',
    );
    expect(within(market).getByTestId('market-regime-signals')).toBeTruthy();
  });
});
