import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/domain/settings';
import type { Snapshot } from '../../../shared/domain/snapshot';
import type { Api } from '../../../shared/ipc/contract';
import { createAppStore, StoreContext } from '../../store';
import { MarketConditions } from './market-conditions';
import { formatCountdown, formatUtc, marketConditions } from './market-model';
import { MarketScreen } from './market-screen';
import { SOL_KEY, solMarket, TEST_NOW, testSnapshot } from './test-snapshot';

const fakeApi = () => ({ on: () => () => undefined }) as unknown as Api;

function renderWith(snapshot: Snapshot | null, ui: React.ReactElement) {
  const store = createAppStore(fakeApi());
  store.setState({ snapshot, settings: defaultSettings() });
  render(<StoreContext.Provider value={store}>{ui}</StoreContext.Provider>);
  return store;
}

describe('marketConditions (model)', () => {
  const m = marketConditions(solMarket(), null, TEST_NOW);

  it('annualises funding per 8 h × 3 × 365 (risk-method.md §3.1 E16: 0.01 %/8 h = 10.95 % APR)', () => {
    const e16 = marketConditions(
      { ...solMarket(), funding: { ...solMarket().funding!, rate: 0.0001 } },
      null,
      TEST_NOW,
    );
    expect(e16.funding.apr.value).toBeCloseTo(0.1095, 10);
    // Hourly venue: 0.00125 % per hour is 0.01 % per 8 h (E16 hourly equivalent).
    const hourly = marketConditions(
      { ...solMarket(), funding: { ...solMarket().funding!, rate: 0.0000125, intervalHours: 1 } },
      null,
      TEST_NOW,
    );
    expect(hourly.funding.per8h.value).toBeCloseTo(0.0001, 12);
    expect(hourly.funding.apr.value).toBeCloseTo(0.1095, 10);
  });

  it('keeps the settled rates of the last 7 days only (fixture: 20 of 24 are within 7 days)', () => {
    expect(m.funding.history7d).toHaveLength(20);
  });

  it('measures the 24 h OI change in coin against the reading 24 h back (fixture: 4.0M vs 3.4M = +17.65 %)', () => {
    expect(m.openInterest.change24h.value).toBeCloseTo(4 / 3.4 - 1, 12);
    // No USD value reported: coin × mark, marked as computed.
    expect(m.openInterest.valueUsd).toEqual({ value: 4_000_000 * 150.02, source: 'computed', reason: null });
  });

  it('gives the basis as mark ÷ index − 1 (fixture 150.02 / 150) and its per-8 h annualisation', () => {
    expect(m.basis.premium.value).toBeCloseTo(150.02 / 150 - 1, 12);
    expect(m.basis.annualised.value).toBeCloseTo((150.02 / 150 - 1) * 1095, 10);
  });

  it('measures how far the fetched book reaches, so a band beyond it reads "at least"', () => {
    // Fixture book: 60 levels 0.10 apart from 150.01 / 150.03, so it ends at 144.11 / 155.93: mid 150.02 ± 3.94 %.
    expect(m.depth.bookReach).toBeCloseTo(1 - 144.11 / 150.02, 12);
    const short = solMarket();
    const bids = short.orderBook!.bids;
    const tenBids = { price: bids.price.slice(0, 10), amount: bids.amount.slice(0, 10) };
    const shallow = { ...short, orderBook: { ...short.orderBook!, bids: tenBids } };
    // Ten bid levels end at 149.11: 0.61 % below mid, short of both bands.
    expect(marketConditions(shallow, null, TEST_NOW).depth.bookReach).toBeCloseTo(1 - 149.11 / 150.02, 12);
  });

  it('says why a figure is missing instead of giving zero', () => {
    const bare = marketConditions(
      { ...solMarket(), funding: null, indexPrice: null, longShortRatio: null, openInterest: null },
      null,
      TEST_NOW,
    );
    expect(bare.funding.rate).toEqual({
      value: null,
      source: 'exchange',
      reason: 'the venue reported no funding rate',
    });
    expect(bare.basis.premium.value).toBeNull();
    expect(bare.longShort.ratio.reason).toBe('the venue publishes no long/short ratio');
    expect(bare.openInterest.change24h.reason).toBe('the venue reported no open interest');
    expect(bare.depth.within1.reason).toBe('the risk report has no figures for this market');
  });

  it.each([
    [TEST_NOW + 2 * 3_600_000 + 5 * 60_000, 'in 2 h 05 min'],
    [TEST_NOW + 12 * 60_000, 'in 12 min'],
    [TEST_NOW - 60_000, 'due now'],
  ])('counts down to %d: %s', (target, text) => {
    expect(formatCountdown(target, TEST_NOW)).toBe(text);
  });

  it('writes times in UTC', () => {
    // TEST_NOW = 1,795,471,200,000 ms = 2026-11-23 22:00:00 UTC.
    expect(formatUtc(TEST_NOW)).toBe('2026-11-23 22:00 UTC');
  });
});

describe('MarketConditions', () => {
  it('says there is no data before a snapshot', () => {
    renderWith(null, <MarketConditions marketKey={SOL_KEY} />);
    expect(screen.getByTestId('market-conditions-empty').textContent).toContain('No market data yet');
  });

  it('says the market is not in the snapshot', () => {
    renderWith(testSnapshot(), <MarketConditions marketKey="binance|DOGE/USDT:USDT" />);
    expect(screen.getByTestId('market-conditions-empty').textContent).toBe(
      'No market data for DOGE/USDT:USDT in the last refresh.',
    );
  });

  it('shows funding, OI, L/S, basis, depth and volatility for the market', () => {
    const store = renderWith(testSnapshot(), <MarketConditions marketKey={SOL_KEY} />);
    const risk = store.getState().report!.markets[0]!;
    // Fixture funding 0.048394 % per 8 h → 52.99 % APR.
    expect(screen.getByTestId('market-funding-rate').textContent).toBe('0.0484 %');
    expect(screen.getByTestId('market-funding-apr').textContent).toBe('53.0 % APR');
    expect(screen.getByTestId('market-funding-next').textContent).toBe('00:05 UTC · in 2 h 05 min');
    expect(screen.getByTestId('market-funding-sparkline').getAttribute('aria-label')).toContain('20 readings');
    expect(screen.getByTestId('market-oi-coin').textContent).toBe('4,000,000 SOL');
    expect(screen.getByTestId('market-oi-change').textContent).toBe('+17.6 %');
    expect(screen.getByTestId('market-ls-ratio').textContent).toBe('2.66');
    expect(screen.getByTestId('market-basis-premium').textContent).toBe('+0.013 %');
    // Depth within ±1 % of mid 150.02 (148.52 … 151.52): 15 bid levels 150.01 … 148.61 and 15 ask levels
    // 150.03 … 151.43 of 500 SOL each = 500 × 15 × (149.31 + 150.73) = 2,250,300 USDT.
    expect(risk.depth.bids1pct.value! + risk.depth.asks1pct.value!).toBeCloseTo(2_250_300, 6);
    expect(screen.getByTestId('market-depth-1').textContent).toBe('$2.25M');
    // The book reaches ±3.94 %: both bands are fully read, so no "≥".
    expect(screen.getByTestId('market-depth-2').parentElement!.getAttribute('data-partial')).toBeNull();
    expect(screen.getByTestId('market-vol-sigma').textContent).toMatch(/^\d+\.\d %$/);
  });

  it('shows the regime per side with the signals behind it', () => {
    const store = renderWith(testSnapshot(), <MarketConditions marketKey={SOL_KEY} />);
    const risk = store.getState().report!.markets[0]!;
    expect(screen.getByTestId('market-regime-long').getAttribute('data-state')).toBe(risk.regime.long.state);
    expect(screen.getByTestId('market-regime-long-score').textContent).toBe(risk.regime.long.score!.toFixed(2));
    expect(screen.getByTestId('market-regime-short').getAttribute('data-state')).toBe(risk.regime.short.state);
    // Funding signal: value, neutral → extreme, contribution, and its explanation.
    const funding = screen.getByTestId('market-signal-funding');
    expect(within(funding).getByTestId('market-signal-funding-value').textContent).toBe('0.0484 %');
    expect(funding.textContent).toContain('0.0100 % → 0.1000 %');
    const contribution = risk.regime.crowding.signals.find((s) => s.id === 'funding')!.contribution;
    expect(within(funding).getByTestId('market-signal-funding-contribution').textContent).toBe(contribution.toFixed(3));
    expect(funding.textContent).toContain('53.0 % APR');
    // Every signal of both axes has a row.
    expect(screen.getByTestId('market-regime-signals').querySelectorAll('tbody tr[data-testid]')).toHaveLength(8);
    // Grouped by axis, each group headed by its score.
    expect(screen.getByTestId('market-regime-crowding').querySelectorAll('tr[data-testid]')).toHaveLength(4);
    expect(screen.getByTestId('market-regime-fragility').textContent).toContain(
      `Fragility Φ = ${risk.regime.fragility.value!.toFixed(2)}`,
    );
  });

  it('writes "≥" before a depth band the fetched book does not reach', () => {
    const market = solMarket();
    const bids = market.orderBook!.bids;
    const tenBids = { price: bids.price.slice(0, 10), amount: bids.amount.slice(0, 10) };
    renderWith(
      testSnapshot({ market: { orderBook: { ...market.orderBook!, bids: tenBids } } }),
      <MarketConditions marketKey={SOL_KEY} />,
    );
    const band = screen.getByTestId('market-depth-1').parentElement!;
    expect(band.textContent).toMatch(/^≥ \$/);
    expect(band.getAttribute('title')).toBe(
      'At least: the order book read reaches only ±0.61 % from mid, so levels further out are not counted.',
    );
  });

  it('shows a missing signal as missing with its reason, never as zero', () => {
    renderWith(testSnapshot({ market: { longShortRatio: null } }), <MarketConditions marketKey={SOL_KEY} />);
    // The fixture has no ELR (no reserve data) and, here, no long/short ratio.
    for (const id of ['elr', 'long_short']) {
      const row = screen.getByTestId(`market-signal-${id}`);
      expect(row.getAttribute('data-missing')).toBe('true');
      expect(screen.getByTestId(`market-signal-${id}-value`).textContent).toBe('—');
      expect(screen.getByTestId(`market-signal-${id}-contribution`).textContent).toBe('—');
      expect(row.textContent).toContain('missing');
    }
    expect(screen.getByTestId('market-signal-elr-value').getAttribute('title')).toBe(
      'estimated leverage ratio not available',
    );
    expect(screen.getByTestId('market-ls-ratio').textContent).toBe('—');
    expect(screen.getByTestId('market-ls-ratio').getAttribute('title')).toBe('the venue publishes no long/short ratio');
    expect(screen.getByTestId('market-ls-sparkline').textContent).toBe('—');
  });

  it('marks stale data with since when and why, keeping the figures', () => {
    const snapshot = testSnapshot();
    const stale: Snapshot = {
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
    };
    renderWith(stale, <MarketConditions marketKey={SOL_KEY} />);
    expect(screen.getByTestId('market-conditions-stale').textContent).toContain(
      'Binance data is stale since 2026-11-23 21:30 UTC: Binance did not answer.',
    );
    expect(screen.getByTestId('market-funding-rate').textContent).toBe('0.0484 %');
  });
});

describe('MarketScreen', () => {
  it('says there are no markets before a snapshot', () => {
    renderWith(null, <MarketScreen />);
    expect(screen.getByTestId('market-empty')).toBeTruthy();
  });

  it('lists every market with its regime badges and shows the selected one', () => {
    const eth = {
      ...solMarket(),
      symbol: 'ETH/USDT:USDT',
      base: 'ETH',
      markPrice: 3500,
      indexPrice: 3500,
      funding: null,
    };
    const snapshot = { ...testSnapshot(), markets: [solMarket(), eth] };
    renderWith(snapshot, <MarketScreen />);
    const items = screen.getAllByTestId('market-list-item');
    expect(items).toHaveLength(2);
    // SOL's long side is crowded (funding, L/S), so it sorts first and is shown.
    expect(items[0]!.getAttribute('data-market-key')).toBe(SOL_KEY);
    expect(items[0]!.getAttribute('aria-pressed')).toBe('true');
    expect(within(items[0]!).getByTestId('market-list-regime-long').textContent).toMatch(/^L (Crowded|Extreme)$/);
    expect(screen.getByTestId('market-conditions').getAttribute('data-market-key')).toBe(SOL_KEY);
    // Funding missing for ETH: "—", not 0 % APR.
    expect(items[1]!.textContent).toContain('—');
    expect(items[1]!.textContent).not.toContain('0.0 % APR');
    fireEvent.click(items[1]!);
    expect(screen.getByTestId('market-conditions').getAttribute('data-market-key')).toBe('binance|ETH/USDT:USDT');
    expect(screen.getByTestId('market-funding-rate').textContent).toBe('—');
  });
});
