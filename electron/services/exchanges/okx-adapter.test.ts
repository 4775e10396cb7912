import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { levelsOf } from '../../../shared/domain/test-book';
import { barAt } from '../../../shared/domain/test-candles';
import { HOUR } from '../../simulator/market-model';
import type { VenueAdapter } from './adapter';
import { forgetSharedMarkets } from './ccxt-client';
import { toAppError } from './errors';
import { OkxAdapter } from './okx-adapter';
import { startLoopback, type Loopback } from './testing/loopback';

/**
 * Real ccxt `okx` (4.5.84) against the loopback simulator playing `flash-selloff` at minute 0. Position numbers come
 * from the scenario data (accounts.ts) with OKX's conventions (instruments.ts: ctVal 0.01 BTC, 0.1 ETH, 10 DOGE,
 * 100 USD for BTC-USD-SWAP; mark = fair × (1 − 0.0001)); noise-driven values come from the simulator's model.
 */
const ACCOUNT = { apiKey: 'simOkxReadOnlyKey0001', secret: 'simOkxSecret0001', password: 'simOkxPassphrase1' };

let loop: Loopback;
let adapter: VenueAdapter;

beforeAll(async () => {
  forgetSharedMarkets();
  loop = await startLoopback({ scenario: 'flash-selloff' });
  adapter = await OkxAdapter.create(ACCOUNT, loop.environment());
});
afterAll(async () => {
  await loop.close();
});
beforeEach(() => {
  loop.sim.clearFaults();
  loop.sim.clearLog();
});
// Every request ccxt made is one the simulator knows: a 404 means an endpoint moved (e.g. after a ccxt upgrade).
afterEach(() => {
  expect(loop.sim.log.filter((e) => e.status === 404).map((e) => `${e.host}${e.path}`)).toEqual([]);
});

const requests = () => loop.sim.log.map((e) => `${e.path}?${e.query}`);

describe('OKX adapter against the simulator', () => {
  it('loads the swap instruments only (no currencies, spot, futures or options: exchanges-offline.md §5)', async () => {
    expect(await adapter.ensureMarkets()).toBe('network');
    expect(requests()).toEqual(['/api/v5/public/instruments?instType=SWAP']);
    expect(adapter.market('BTC/USDT:USDT')).toMatchObject({ kind: 'linear', contractSize: 0.01, amountStep: 0.01 });
    expect(adapter.market('BTC/USD:BTC')).toMatchObject({ kind: 'inverse', contractSize: 100, settle: 'BTC' });
  });

  it('reads positions in contracts × ctVal, with OKX mmr (an amount) and isolated margin', async () => {
    await adapter.ensureMarkets();
    loop.sim.clearLog();
    const { positions } = await adapter.fetchAccount('acc');
    expect(requests().sort()).toEqual(['/api/v5/account/balance?', '/api/v5/account/positions?instType=SWAP']);
    const by = (symbol: string) => positions.find((p) => p.symbol === symbol)!;
    // BTC long 0.3 BTC @ 0.99 × 68,000 = 67,320 = 30 contracts of 0.01; mark 68,000 × 0.9999 = 67,993.2; 10× cross.
    // MM = 0.3 × 67,993.2 × 0.004 (tier 1, OKX has no deduction).
    expect(by('BTC/USDT:USDT')).toMatchObject({
      side: 'long',
      contracts: 30,
      contractSize: 0.01,
      sizeBase: 0.3,
      entryPrice: 67_320,
      markPrice: 67_993.2,
      leverage: 10,
      marginMode: 'cross',
      positionMode: 'one-way',
    });
    expect(by('BTC/USDT:USDT').maintenanceMarginSettle).toBeCloseTo(0.3 * 67_993.2 * 0.004, 6);
    // ETH long 4 ETH @ 3,500 = 40 contracts of 0.1, 25× isolated: margin 14,000/25 = 560. Isolated LP with the
    // taker fee next to the tier MMR (liquidation.md §4): (EP − M/Q)/(1 − (MMR + 0.0005)), MMR 0.005 (tier 1).
    const eth = by('ETH/USDT:USDT');
    expect(eth).toMatchObject({
      contracts: 40,
      contractSize: 0.1,
      sizeBase: 4,
      entryPrice: 3_500,
      leverage: 25,
      marginMode: 'isolated',
      isolatedMarginSettle: 560,
      initialMarginSettle: 560,
    });
    expect(eth.exchangeLiquidationPrice).toBeCloseTo((3_500 - 560 / 4) / (1 - 0.0055), 2);
    // Inverse BTC-USD-SWAP short 5,000 USD = 50 contracts of 100 USD, 5× isolated: margin 5,000/68,000/5 BTC.
    const inverse = by('BTC/USD:BTC');
    expect(inverse).toMatchObject({
      side: 'short',
      contracts: 50,
      contractSize: 100,
      notionalUsd: 5_000,
      entryPrice: 68_000,
      leverage: 5,
      marginMode: 'isolated',
    });
    expect(inverse.isolatedMarginSettle).toBeCloseTo(5_000 / 68_000 / 5, 8);
    // DOGE short 50,000 @ 1.03 × 0.15 = 0.1545: 5,000 contracts of 10 DOGE.
    expect(by('DOGE/USDT:USDT')).toMatchObject({
      side: 'short',
      contracts: 5_000,
      contractSize: 10,
      sizeBase: 50_000,
      entryPrice: 0.1545,
    });
  });

  it('reads currency details, reporting OKX margin ratio inverted (maintenance ÷ equity, liquidation at 100 %)', async () => {
    const { balances } = await adapter.fetchAccount('acc');
    const model = loop.sim.accounts.balances('sim-okx-1', loop.sim.clock.now()).find((b) => b.currency === 'USDT')!;
    const usdt = balances.find((b) => b.currency === 'USDT')!;
    expect(usdt.walletBalance).toBe(15_000);
    expect(usdt.equity).toBeCloseTo(model.equity, 6);
    expect(usdt.crossMaintenanceMargin).toBeCloseTo(model.crossMaintenanceMargin, 6);
    expect(usdt.marginRatio).toMatchObject({ liquidationAt: '100%', marginMode: 'cross' });
    expect(usdt.marginRatio!.value).toBeGreaterThan(0);
    expect(usdt.marginRatio!.value).toBeLessThan(1);
  });

  it('reads mark, index, funding and open interest in bulk, plus histories, book, candles and tiers', async () => {
    const sim = loop.sim;
    const now = sim.clock.now();
    const btc = sim.market.asset('BTC')!;
    loop.sim.clearLog();
    const tickers = await adapter.fetchTickers(['BTC/USDT:USDT', 'BTC/USD:BTC']);
    // One request each for mark prices, funding (instId=ANY), open interest, and one index call per quote.
    expect(requests().sort()).toEqual([
      '/api/v5/market/index-tickers?quoteCcy=USD',
      '/api/v5/market/index-tickers?quoteCcy=USDT',
      '/api/v5/public/funding-rate?instId=ANY',
      '/api/v5/public/mark-price?instType=SWAP',
      '/api/v5/public/open-interest?instType=SWAP',
    ]);
    expect(tickers.get('BTC/USDT:USDT')).toMatchObject({
      markPrice: 67_993.2,
      indexPrice: sim.market.indexPrice(btc, now),
      fundingRate: sim.market.fundingRate(btc, 'okx', now),
      fundingIntervalHours: 8,
      nextFundingTime: sim.market.nextFundingTime('okx', now),
    });
    expect(tickers.get('BTC/USD:BTC')?.openInterestBase).toBeCloseTo(sim.market.openInterestBase(btc, 'okx', now), 6);
    const history = await adapter.fetchOpenInterestHistory('BTC/USDT:USDT');
    expect(history).toHaveLength(30);
    expect(history.at(-1)).toEqual({
      time: Math.floor(now / HOUR) * HOUR,
      amountBase: sim.market.openInterestBase(btc, 'okx', Math.floor(now / HOUR) * HOUR),
    });
    expect((await adapter.fetchLongShortRatio('BTC/USDT:USDT'))?.ratio).toBe(
      sim.market.longShortRatio(btc, Math.floor(now / HOUR) * HOUR),
    );
    expect(await adapter.fetchFundingHistory('BTC/USDT:USDT')).toEqual(sim.market.fundingHistory(btc, 'okx', now, 21));
    const book = await adapter.fetchOrderBook('BTC/USDT:USDT', 200);
    expect(book.asks.price).toHaveLength(200);
    expect(levelsOf(book.asks)[0]).toEqual(sim.market.book(btc, 'okx', now, 1).asks[0]);
    expect(barAt(await adapter.fetchCandles('BTC/USDT:USDT', '1h', 168), -1)).toEqual(
      sim.market.bars(btc, 'okx', HOUR, now, 1)[0],
    );
    // Tiers in contracts → USD at the mark: tier 1 of BTC is 50,000 USD at the reference price 68,000, i.e.
    // round(50,000 / (0.01 × 68,000)) = 74 contracts, × 0.01 × 67,993.2.
    const tiers = (await adapter.fetchTiers(['BTC/USDT:USDT'])).get('BTC/USDT:USDT');
    expect(tiers?.[0]).toMatchObject({
      tier: 1,
      minNotional: 0,
      maintenanceMarginRate: 0.004,
      maintenanceAmount: 0,
      maxLeverage: 125,
    });
    expect(tiers?.[0]?.maxNotional).toBeCloseTo(74 * 0.01 * 67_993.2, 6);
  });
});

describe('OKX authentication through ccxt', () => {
  // exchanges-offline.md §4.2: wrong secret → 50113, wrong key → 50111, clock 60 s off → 50102.
  it.each([
    ['wrong secret', 'AuthenticationError', { ...ACCOUNT, secret: 'not-the-secret' }, '50113'],
    ['wrong key', 'AuthenticationError', { ...ACCOUNT, apiKey: 'unknown-key' }, '50111'],
    ['wrong passphrase', 'AuthenticationError', { ...ACCOUNT, password: 'nope' }, '50105'],
  ] as const)('%s → the venue error, ccxt %s', async (_name, ccxtClass, credentials, code) => {
    const keyed = await OkxAdapter.create(credentials, loop.environment());
    const error = await keyed.fetchAccount('acc').catch((e: unknown) => e);
    expect((error as Error).constructor.name).toBe(ccxtClass);
    expect((error as Error).message).toContain(`"code":"${code}"`);
    expect(toAppError('okx', error).code).toBe('auth');
  });

  it('a clock 60 s off → 50102 → ccxt InvalidNonce', async () => {
    loop.sim.injectFault({ venue: 'okx', kind: 'clock-skew', skewMs: 60_000 });
    const error = await adapter.fetchAccount('acc').catch((e: unknown) => e);
    expect((error as Error).constructor.name).toBe('InvalidNonce');
  });
});
