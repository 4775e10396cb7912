import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Market } from '../../../shared/domain/market';
import { defaultSettings } from '../../../shared/domain/settings';
import type { Api, MethodResult } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/result';
import { createAppStore, StoreContext } from '../../store';
import { fixtureSnapshot } from '../../test-fixtures/snapshot';
import { PlannerScreen } from './planner-screen';

/**
 * The planner's market picker: the venue's other perpetuals after the held ones, a market with no position read on
 * demand (loading, error, then planned on). The api answers are held open so each state can be seen.
 */
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

// test-fixtures/snapshot.ts holds BTC and ETH on Binance; the venue lists SOL and XRP too (and an inverse BTC).
const LISTED: MethodResult<'listVenueMarkets'> = {
  markets: [
    { symbol: 'BTC/USD:BTC', base: 'BTC', quote: 'USD', settle: 'BTC', kind: 'inverse' },
    { symbol: 'BTC/USDT:USDT', base: 'BTC', quote: 'USDT', settle: 'USDT', kind: 'linear' },
    { symbol: 'ETH/USDT:USDT', base: 'ETH', quote: 'USDT', settle: 'USDT', kind: 'linear' },
    { symbol: 'SOL/USDT:USDT', base: 'SOL', quote: 'USDT', settle: 'USDT', kind: 'linear' },
    { symbol: 'XRP/USDT:USDT', base: 'XRP', quote: 'USDT', settle: 'USDT', kind: 'linear' },
  ],
};

/** SOL built from the fixture's ETH market (mark 3,480, tick 0.1): same candles and book, another symbol. */
function solMarket(): Market {
  const eth = fixtureSnapshot().markets.find((m) => m.symbol === 'ETH/USDT:USDT')!;
  return { ...eth, symbol: 'SOL/USDT:USDT', base: 'SOL' };
}

function setup() {
  const listed = deferred<Result<MethodResult<'listVenueMarkets'>>>();
  const markets: Deferred<Result<Market>>[] = [];
  const calls: unknown[] = [];
  const api = {
    on: () => () => undefined,
    listVenueMarkets: (args: unknown) => {
      calls.push(['listVenueMarkets', args]);
      return listed.promise;
    },
    getMarket: (args: unknown) => {
      calls.push(['getMarket', args]);
      const d = deferred<Result<Market>>();
      markets.push(d);
      return d.promise;
    },
  } as unknown as Api;
  const store = createAppStore(api);
  store.setState({ settings: defaultSettings(), snapshot: fixtureSnapshot() });
  render(
    <StoreContext.Provider value={store}>
      <PlannerScreen />
    </StoreContext.Provider>,
  );
  return { listed, markets, calls };
}

/** Answers a held-open call and lets React render what follows. */
async function answer<T>(call: Deferred<T>, value: T): Promise<void> {
  await act(async () => {
    call.resolve(value);
    await call.promise;
  });
}

const options = () =>
  [...screen.getByTestId<HTMLSelectElement>('planner-symbol-select').options].map((o) => o.textContent);
const hint = () => screen.getByTestId('planner-symbol-hint').textContent;

describe('planner market picker', () => {
  it('loading the list: offers the held markets and says the rest is loading; then lists the others after them', async () => {
    const { listed, calls } = setup();
    expect(calls).toEqual([['listVenueMarkets', { venue: 'binance' }]]);
    expect(options()).toEqual(['BTC/USDT:USDT', 'ETH/USDT:USDT']);
    expect(hint()).toMatch(/loading every Binance market/u);
    await answer(listed, { ok: true, value: LISTED });
    // Held first (BTC first), then the venue's other perpetuals, BTC first: the inverse BTC marked coin-margined.
    expect(options()).toEqual([
      'BTC/USDT:USDT',
      'ETH/USDT:USDT',
      'BTC/USD:BTC · coin-margined · no position',
      'SOL/USDT:USDT · no position',
      'XRP/USDT:USDT · no position',
    ]);
    expect(hint()).toMatch(/then every other Binance perpetual/u);
  });

  it('list error: keeps the held markets and says why the rest is missing', async () => {
    const { listed } = setup();
    await answer(listed, { ok: false, error: { code: 'network', message: 'Binance did not answer.' } });
    expect(options()).toEqual(['BTC/USDT:USDT', 'ETH/USDT:USDT']);
    expect(hint()).toContain('Only the markets you hold are listed');
    expect(hint()).toContain('Binance did not answer.');
  });

  it('picked market: loading in words, then planned on at its mark with a size', async () => {
    const { listed, markets, calls } = setup();
    await answer(listed, { ok: true, value: LISTED });
    fireEvent.change(screen.getByTestId('planner-symbol-select'), { target: { value: 'SOL/USDT:USDT' } });
    expect(calls.at(-1)).toEqual(['getMarket', { venue: 'binance', symbol: 'SOL/USDT:USDT' }]);
    expect(screen.getByTestId('planner-symbol-loading').textContent).toBe('Loading SOL/USDT:USDT from Binance…');
    expect(screen.getByTestId('planner-size-blocked').textContent).toBe('Loading SOL/USDT:USDT from Binance…');
    expect(screen.getByTestId<HTMLSelectElement>('planner-symbol-select').value).toBe('SOL/USDT:USDT');
    expect(screen.queryByTestId('planner-symbol-select-error')).toBeNull();

    await answer(markets[0]!, { ok: true, value: solMarket() });
    expect(screen.queryByTestId('planner-symbol-loading')).toBeNull();
    expect(screen.getByTestId<HTMLSelectElement>('planner-symbol-select').value).toBe('SOL/USDT:USDT');
    // The fixture ETH market's mark, 3,480; tick 0.1 (test-fixtures/snapshot.ts: marks above 1,000).
    expect(screen.getByTestId<HTMLInputElement>('planner-entry-input').value).toBe('3480.0');
    fireEvent.click(screen.getByTestId('planner-count-open-input'));
    expect(screen.getByTestId('planner-size-value').textContent).toMatch(/^\d+\.\d+ SOL$/u);
    expect(document.body.textContent).not.toMatch(/NaN|Infinity|undefined/u);
  });

  it('picked market error: says why under the picker and retries on request', async () => {
    const { listed, markets, calls } = setup();
    await answer(listed, { ok: true, value: LISTED });
    fireEvent.change(screen.getByTestId('planner-symbol-select'), { target: { value: 'XRP/USDT:USDT' } });
    await answer(markets[0]!, { ok: false, error: { code: 'not_found', message: 'Binance lists no XRP/USDT:USDT.' } });
    expect(screen.getByTestId('planner-symbol-select-error').textContent).toBe(
      'Could not load XRP/USDT:USDT: Binance lists no XRP/USDT:USDT.',
    );
    expect(screen.getByTestId('planner-size-blocked').textContent).toContain('Could not load XRP/USDT:USDT');
    fireEvent.click(screen.getByTestId('planner-symbol-retry-button'));
    expect(calls.filter((c) => (c as unknown[])[0] === 'getMarket')).toHaveLength(2);
    expect(screen.getByTestId('planner-symbol-loading').textContent).toBe('Loading XRP/USDT:USDT from Binance…');
  });
});
