import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Market } from '../../../shared/domain/market';
import { defaultSettings } from '../../../shared/domain/settings';
import type { Snapshot } from '../../../shared/domain/snapshot';
import type { Api, MethodResult } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/result';
import { createAppStore, StoreContext } from '../../store';
import { FIXTURE_NOW, fixtureSnapshot } from '../../test-fixtures/snapshot';
import { PlannerScreen } from './planner-screen';

/**
 * The planner on a coin-margined (inverse) market, and on a venue where the trader has an account but no position.
 * test-fixtures/snapshot.ts holds BTC (mark 96,000) and ETH on one Binance account; here the account also holds a
 * BTC balance and the snapshot the Binance COIN-M BTC/USD:BTC market ($100 contracts, lot 1), built from the BTC one.
 */
function inverseMarket(): Market {
  const btc = fixtureSnapshot().markets.find((m) => m.symbol === 'BTC/USDT:USDT')!;
  return {
    ...btc,
    symbol: 'BTC/USD:BTC',
    quote: 'USD',
    settle: 'BTC',
    kind: 'inverse',
    contractSize: 100,
    amountStep: 1,
    minAmount: 1,
    // Inverse tiers are in coin (domain/market.ts).
    tiers: [
      {
        tier: 1,
        minNotional: 0,
        maxNotional: 1e6,
        maintenanceMarginRate: 0.004,
        maintenanceAmount: 0,
        maxLeverage: 125,
      },
    ],
  };
}

function inverseSnapshot(): Snapshot {
  const base = fixtureSnapshot();
  const usdt = base.balances[0]!;
  return {
    ...base,
    markets: [...base.markets, inverseMarket()],
    balances: [...base.balances, { ...usdt, currency: 'BTC', equity: 0.4, walletBalance: 0.4, equityUsd: 38_400 }],
  };
}

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
}
function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function renderWith(snapshot: Snapshot, api: Partial<Api>) {
  const store = createAppStore({ on: () => () => undefined, ...api } as unknown as Api);
  store.setState({ settings: defaultSettings(), snapshot });
  render(
    <StoreContext.Provider value={store}>
      <PlannerScreen />
    </StoreContext.Provider>,
  );
  return store;
}

const noBadNumbers = () => expect(document.body.textContent).not.toMatch(/NaN|Infinity|undefined/u);
const select = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });
const never = () => new Promise<never>(() => undefined);

describe('planner on an inverse (coin-margined) market', () => {
  it('offers it, sizes it in contracts of $100 from the BTC equity, and says so', () => {
    renderWith(inverseSnapshot(), { listVenueMarkets: never });
    const options = [...screen.getByTestId<HTMLSelectElement>('planner-symbol-select').options].map(
      (o) => o.textContent,
    );
    expect(options).toEqual(['BTC/USDT:USDT', 'BTC/USD:BTC · coin-margined', 'ETH/USDT:USDT']);
    select('planner-symbol-select', 'BTC/USD:BTC');
    fireEvent.click(screen.getByTestId('planner-count-open-input')); // plan it as if the account were flat
    expect(screen.getByTestId<HTMLInputElement>('planner-entry-input').value).toBe('96000.0');
    expect(screen.getByTestId('planner-inverse-note').textContent).toBe(
      'BTC/USD:BTC is coin-margined (inverse): sizes are in contracts of $100, and profit, loss, fees, margin and the risk budget are in BTC, taken from the account’s BTC equity.',
    );
    // The equity used is the BTC balance's 0.4 BTC (the USDT balance is 25,000): shown under the account.
    expect(screen.getByTestId('planner-equity-hint').textContent).toMatch(
      /^Risk budget from this account’s BTC equity, 0\.400000 BTC \(≈ 38,400 USD at the entry\)/u,
    );
    expect(screen.getByTestId('planner-size-value').textContent).toMatch(/^\d{1,3}(,\d{3})* contracts?$/u);
    expect(screen.getByTestId('planner-size-contract-value').textContent).toMatch(
      /^of \$100 = [\d,]+ USD ≈ 0\.\d{6} BTC at the entry · 0\.25 % of 0\.400000 BTC at risk$/u,
    );
    expect(screen.getByTestId('planner-size-panel').textContent).toContain('Suggested size (contracts of $100)');
    // The fixture's BTC regime is EXTREME for longs (r_regime 0.25 %, §3.5): R = 0.25 % × 0.4 BTC = 0.001 BTC.
    // Every cap in contracts; the notional column in USD (contracts × $100).
    const caps = within(screen.getByTestId('planner-caps-table'));
    expect(caps.getByText('Notional (USD)')).toBeTruthy();
    expect(screen.getByTestId('planner-cap-risk-row').textContent).toMatch(
      /contracts?[\d,]+risk budget: 0\.25 % of equity \(0\.001000 BTC\)/u,
    );
    // The ladder: whole contracts per rung, losses in BTC with 6 decimals.
    const rows = screen.getAllByTestId('planner-ladder-row');
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.textContent).toMatch(/\d+ contracts?.*\d\.\d{6} BTC/u);
    expect(screen.getByTestId('planner-ladder-worst').textContent).toMatch(/^0\.00\d{4} BTC$/u);
    expect(screen.getByTestId('planner-liq-value').textContent).toMatch(/^\d{2},\d{3}\.\d{2}$/u);
    expect(screen.getByTestId('planner-ladder-max-leverage').textContent).toMatch(/^\d+×$/u);
    noBadNumbers();
  });

  it('bad input on the inverse market is named under its field, live', () => {
    renderWith(inverseSnapshot(), { listVenueMarkets: never });
    select('planner-symbol-select', 'BTC/USD:BTC');
    type('planner-leverage-input', '126');
    expect(screen.getByTestId('planner-leverage-input-error').textContent).toBe(
      'Binance allows at most 125× on BTC/USD:BTC.',
    );
    fireEvent.click(screen.getByLabelText('Price'));
    type('planner-stop-input', '97000');
    expect(screen.getByTestId('planner-stop-input-error').textContent).toBe(
      'For a long the stop must be below the entry (96,000.00).',
    );
    expect(screen.getByTestId('planner-size-blocked').textContent).toBe('Fix the stop.');
    noBadNumbers();
  });

  it('without a BTC balance the account field says so instead of sizing from USDT', () => {
    const snapshot = { ...inverseSnapshot(), balances: fixtureSnapshot().balances };
    renderWith(snapshot, { listVenueMarkets: never });
    select('planner-symbol-select', 'BTC/USD:BTC');
    expect(screen.getByTestId('planner-account-select-error').textContent).toBe(
      'Binance main has no BTC balance: choose another account.',
    );
    expect(screen.getByTestId('planner-size-blocked').textContent).toBe('Choose an account with equity.');
    noBadNumbers();
  });
});

describe('planner venue where the trader has an account but no open position', () => {
  // The fixture snapshot plus an OKX account (and its USDT balance) holding nothing: no OKX market in the snapshot.
  function flatOkxSnapshot(): Snapshot {
    const base = fixtureSnapshot();
    const account = { ...base.accounts[0]!, accountId: 'acct-okx', venue: 'okx' as const, label: 'OKX flat' };
    const balance = {
      ...base.balances[0]!,
      accountId: 'acct-okx',
      venue: 'okx' as const,
      equity: 10_000,
      equityUsd: 10_000,
    };
    return {
      ...base,
      accounts: [...base.accounts, account],
      balances: [...base.balances, balance],
      statuses: [
        ...base.statuses,
        { accountId: 'acct-okx', venue: 'okx', state: 'ok', lastOkAt: FIXTURE_NOW, error: null },
      ],
    };
  }
  const OKX_LIST: MethodResult<'listVenueMarkets'> = {
    markets: [
      { symbol: 'BTC/USD:BTC', base: 'BTC', quote: 'USD', settle: 'BTC', kind: 'inverse' },
      { symbol: 'BTC/USDT:USDT', base: 'BTC', quote: 'USDT', settle: 'USDT', kind: 'linear' },
      { symbol: 'ETH/USDT:USDT', base: 'ETH', quote: 'USDT', settle: 'USDT', kind: 'linear' },
    ],
  };
  /** OKX BTC/USDT:USDT built from the fixture's BTC market (mark 96,000). */
  const okxBtc = (): Market => ({ ...fixtureSnapshot().markets[0]!, venue: 'okx' });

  it('is in the venue list; choosing it lists its markets and starts on BTC, read on demand, then planned', async () => {
    const lists = new Map<string, Deferred<Result<MethodResult<'listVenueMarkets'>>>>();
    const markets: Deferred<Result<Market>>[] = [];
    const calls: unknown[] = [];
    renderWith(flatOkxSnapshot(), {
      listVenueMarkets: (args) => {
        calls.push(['listVenueMarkets', args]);
        const d = deferred<Result<MethodResult<'listVenueMarkets'>>>();
        lists.set(args.venue, d);
        return d.promise;
      },
      getMarket: (args) => {
        calls.push(['getMarket', args]);
        const d = deferred<Result<Market>>();
        markets.push(d);
        return d.promise;
      },
    });
    const venues = [...screen.getByTestId<HTMLSelectElement>('planner-venue-select').options].map((o) => o.value);
    expect(venues).toEqual(['binance', 'okx']);

    select('planner-venue-select', 'okx');
    expect(calls.at(-1)).toEqual(['listVenueMarkets', { venue: 'okx' }]);
    expect(screen.getByTestId('planner-symbol-select-error').textContent).toBe(
      'You hold no OKX position: choose one of its markets to read it from OKX.',
    );
    expect(screen.getByTestId('planner-symbol-hint').textContent).toMatch(/loading every OKX market/u);

    await act(async () => {
      lists.get('okx')!.resolve({ ok: true, value: OKX_LIST });
      await lists.get('okx')!.promise;
    });
    // Its BTC linear perpetual is read at once; the list offers the others, marked as held nowhere.
    expect(calls.at(-1)).toEqual(['getMarket', { venue: 'okx', symbol: 'BTC/USDT:USDT' }]);
    expect(screen.getByTestId('planner-symbol-loading').textContent).toBe('Loading BTC/USDT:USDT from OKX…');
    expect(screen.queryByTestId('planner-symbol-select-error')).toBeNull();
    const options = [...screen.getByTestId<HTMLSelectElement>('planner-symbol-select').options].map(
      (o) => o.textContent,
    );
    expect(options).toEqual([
      'BTC/USDT:USDT · no position',
      'BTC/USD:BTC · coin-margined · no position',
      'ETH/USDT:USDT · no position',
    ]);

    await act(async () => {
      markets[0]!.resolve({ ok: true, value: okxBtc() });
      await markets[0]!.promise;
    });
    expect(screen.getByTestId<HTMLSelectElement>('planner-symbol-select').value).toBe('BTC/USDT:USDT');
    expect(screen.getByTestId<HTMLInputElement>('planner-entry-input').value).toBe('96000.0');
    expect(screen.getByTestId<HTMLSelectElement>('planner-account-select').value).toBe('acct-okx');
    expect(screen.getByTestId('planner-size-value').textContent).toMatch(/^\d+\.\d{3} BTC$/u);
    expect(screen.getByTestId('planner-size-value').textContent).not.toBe('0.000 BTC');
    noBadNumbers();
  });

  it('a flat trader (accounts, no position anywhere) gets the planner, on the venue’s BTC market', async () => {
    const flat: Snapshot = { ...fixtureSnapshot(), positions: [], markets: [] };
    const list = deferred<Result<MethodResult<'listVenueMarkets'>>>();
    const market = deferred<Result<Market>>();
    renderWith(flat, { listVenueMarkets: () => list.promise, getMarket: () => market.promise });
    expect(screen.getByTestId<HTMLSelectElement>('planner-venue-select').value).toBe('binance');
    await act(async () => {
      list.resolve({ ok: true, value: OKX_LIST });
      await list.promise;
    });
    await act(async () => {
      market.resolve({ ok: true, value: fixtureSnapshot().markets[0]! });
      await market.promise;
    });
    expect(screen.getByTestId<HTMLSelectElement>('planner-symbol-select').value).toBe('BTC/USDT:USDT');
    expect(screen.getByTestId('planner-size-value').textContent).toMatch(/^\d+\.\d{3} BTC$/u);
    noBadNumbers();
  });

  it('its list failing: says why under the market, and the venue stays chosen', async () => {
    const d = deferred<Result<MethodResult<'listVenueMarkets'>>>();
    renderWith(flatOkxSnapshot(), { listVenueMarkets: (args) => (args.venue === 'okx' ? d.promise : never()) });
    select('planner-venue-select', 'okx');
    await act(async () => {
      d.resolve({ ok: false, error: { code: 'network', message: 'OKX did not answer.' } });
      await d.promise;
    });
    expect(screen.getByTestId<HTMLSelectElement>('planner-venue-select').value).toBe('okx');
    expect(screen.getByTestId('planner-symbol-hint').textContent).toContain('OKX did not answer.');
    expect(screen.getByTestId('planner-size-blocked').textContent).toBe('Choose a venue and a market.');
    noBadNumbers();
  });
});
