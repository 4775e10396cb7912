import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { levelsOf } from '../../../shared/domain/test-book';
import { barAt } from '../../../shared/domain/test-candles';
import { HOUR } from '../../simulator/market-model';
import type { VenueAdapter } from './adapter';
import { BinanceAdapter } from './binance-adapter';
import { forgetSharedMarkets } from './ccxt-client';
import { toAppError } from './errors';
import { startLoopback, type Loopback } from './testing/loopback';

/**
 * Real ccxt (binanceusdm + binancecoinm, 4.5.84) against the loopback simulator playing `flash-selloff` at its
 * minute 0. Expected position values come from the scenario data (electron/simulator/scenarios/accounts.ts and
 * universe.ts) and the liquidation formulas the simulator applies as the venue (liquidation.md §1, §2); values
 * driven by the seeded noise are read back from the simulator's model, so the test checks the whole path from
 * the venue's bytes to the domain types.
 */
const ACCOUNT = { apiKey: 'simBinanceReadOnlyKey0001', secret: 'simBinanceSecret0001' };

let loop: Loopback;
let adapter: VenueAdapter;

beforeAll(async () => {
  forgetSharedMarkets();
  loop = await startLoopback({ scenario: 'flash-selloff' });
  adapter = await BinanceAdapter.create(ACCOUNT, loop.environment());
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

const paths = () => loop.sim.log.map((entry) => `${entry.host}${entry.path}`);

describe('Binance adapter against the simulator', () => {
  it('loads only the derivatives markets on a cold start (exchanges-offline.md §5: no sapi currency or margin calls)', async () => {
    expect(await adapter.ensureMarkets()).toBe('network');
    expect(paths().sort()).toEqual(['dapi.binance.com/dapi/v1/exchangeInfo', 'fapi.binance.com/fapi/v1/exchangeInfo']);
    expect(adapter.market('BTC/USDT:USDT')).toMatchObject({
      kind: 'linear',
      contractSize: 1,
      tickSize: 0.1,
      amountStep: 0.001,
    });
    // COIN-M BTC contract = 100 USD (instruments.ts).
    expect(adapter.market('BTC/USD:BTC')).toMatchObject({ kind: 'inverse', settle: 'BTC', contractSize: 100 });
  });

  it('reads positions field by field, filling leverage from symbolConfig and margins from the venue', async () => {
    await adapter.ensureMarkets();
    loop.sim.clearLog();
    const { positions } = await adapter.fetchAccount('acc');
    // One request per endpoint, all signed; no bulk leverageBracket download (leverageBrackets pre-seeded).
    expect(paths().sort()).toEqual([
      'dapi.binance.com/dapi/v1/account',
      'dapi.binance.com/dapi/v1/positionRisk',
      'fapi.binance.com/fapi/v1/symbolConfig',
      'fapi.binance.com/fapi/v3/account',
      'fapi.binance.com/fapi/v3/positionRisk',
    ]);
    expect(loop.sim.log.every((e) => e.signed && e.status === 200)).toBe(true);

    const by = (symbol: string) => positions.find((p) => p.symbol === symbol);
    expect(positions).toHaveLength(4);
    // BTC long 0.6 @ 0.97 × 68,000 = 65,960, 10× cross; mark = 68,000 at minute 0.
    // Tier 1 (notional 40,800 < 50,000): MMR 0.5/125 = 0.004 → MM 163.2; IM 40,800/10.
    // Cross LP, liquidation.md §1: (WB − TMM1 + UPNL1 + cum − side·Q·EP)/(Q·MMR − side·Q) with WB = 30,000 wallet
    // − 3,000 SOL isolated margin; TMM1/UPNL1 = the ETH short's MM 140 (28,000 × 0.005) and uPnL 8 × 70 = 560.
    expect(by('BTC/USDT:USDT')).toMatchObject({
      side: 'long',
      contracts: 0.6,
      contractSize: 1,
      sizeBase: 0.6,
      notionalUsd: 40_800,
      entryPrice: 65_960,
      markPrice: 68_000,
      leverage: 10,
      marginMode: 'cross',
      positionMode: 'one-way',
      isolatedMarginSettle: null,
      maintenanceMarginSettle: 163.2,
      initialMarginSettle: 4_080,
      unrealizedPnlSettle: 1_224,
    });
    expect(by('BTC/USDT:USDT')?.exchangeLiquidationPrice).toBeCloseTo(
      (27_000 - 140 + 560 - 0.6 * 65_960) / (0.6 * 0.004 - 0.6),
      1,
    );
    // ETH short 8 @ 1.02 × 3,500 = 3,570, 5× cross.
    expect(by('ETH/USDT:USDT')).toMatchObject({
      side: 'short',
      contracts: 8,
      entryPrice: 3_570,
      markPrice: 3_500,
      leverage: 5,
      marginMode: 'cross',
      maintenanceMarginSettle: 140,
      unrealizedPnlSettle: 560,
    });
    // SOL long 400 @ 150, 20× isolated: margin 60,000/20 = 3,000. Notional 60,000 is tier 2 of SOL's ladder
    // (caps 25k, 125k; MMR 0.5/60 = 0.008333, cum = 25,000 × (0.008333 − 0.006667) = 41.65): MM = 458.33,
    // LP = (3,000 + 41.65 − 400 × 150)/(400 × 0.008333 − 400) = 143.59 (4.3 % below mark: close to liquidation).
    expect(by('SOL/USDT:USDT')).toMatchObject({
      side: 'long',
      leverage: 20,
      marginMode: 'isolated',
      isolatedMarginSettle: 3_000,
      maintenanceMarginSettle: 458.33,
    });
    expect(by('SOL/USDT:USDT')?.exchangeLiquidationPrice).toBeCloseTo(
      (3_000 + 41.65 - 400 * 150) / (400 * 0.008333 - 400),
      2,
    );
    // COIN-M BTC long 20,000 USD @ 0.99 × 68,000 = 67,320: 200 contracts of 100 USD, 5× isolated.
    // Margin = 20,000/67,320/5 BTC; uPnL = 20,000 × (1/67,320 − 1/68,000); MM = 20,000/68,000 × 0.004.
    // LP (liquidation.md §2, one-way) = Q·CS·(MMR + 1)/(WB + Q·CS/EP).
    const inverse = by('BTC/USD:BTC');
    expect(inverse).toMatchObject({
      kind: 'inverse',
      settle: 'BTC',
      side: 'long',
      contracts: 200,
      contractSize: 100,
      notionalUsd: 20_000,
      entryPrice: 67_320,
      leverage: 5,
      marginMode: 'isolated',
    });
    expect(inverse?.sizeBase).toBeCloseTo(20_000 / 68_000, 10);
    expect(inverse?.isolatedMarginSettle).toBeCloseTo(20_000 / 67_320 / 5, 8);
    expect(inverse?.unrealizedPnlSettle).toBeCloseTo(20_000 * (1 / 67_320 - 1 / 68_000), 8);
    expect(inverse?.maintenanceMarginSettle).toBeCloseTo((20_000 / 68_000) * 0.004, 8);
    const margin = 20_000 / 67_320 / 5;
    expect(inverse?.exchangeLiquidationPrice).toBeCloseTo((20_000 * 1.004) / (margin + 20_000 / 67_320), 0);
    // v3 positionRisk never carries the maintenance rate: it is filled from tiers later, and says so.
    for (const p of positions) expect(p.missing.map((m) => m.field)).toContain('maintenanceMarginRate');
  });

  it('reads balances per settlement currency with the cross margin ratio (maintenance ÷ margin balance)', async () => {
    const { balances } = await adapter.fetchAccount('acc');
    const usdt = balances.find((b) => b.currency === 'USDT');
    // Wallet 30,000; uPnL 1,224 + 560 + 0 (SOL at entry) = 1,784; cross MM 163.2 + 140 = 303.2;
    // cross margin balance = (30,000 − 3,000 isolated) + 1,784.
    expect(usdt).toMatchObject({
      walletBalance: 30_000,
      equity: 31_784,
      crossMaintenanceMargin: 303.2,
      crossUnrealizedPnl: 1_784,
      equityUsd: 31_784,
    });
    expect(usdt?.marginRatio?.value).toBeCloseTo(303.2 / (27_000 + 1_784), 10);
    expect(usdt?.marginRatio).toMatchObject({ liquidationAt: '100%', marginMode: 'cross' });
    const btc = balances.find((b) => b.currency === 'BTC');
    expect(btc?.walletBalance).toBe(0.5);
    expect(btc?.equity).toBeCloseTo(0.5 + 20_000 * (1 / 67_320 - 1 / 68_000), 8);
    // Valued at the COIN-M mark (68,000).
    expect(btc?.equityUsd).toBeCloseTo((btc?.equity ?? 0) * 68_000, 4);
  });

  it('reads tickers, funding, open interest, long/short ratio and histories as the model serves them', async () => {
    const sim = loop.sim;
    const now = sim.clock.now();
    const symbols = ['BTC/USDT:USDT', 'SOL/USDT:USDT', 'BTC/USD:BTC'];
    const tickers = await adapter.fetchTickers(symbols);
    const btc = sim.market.asset('BTC')!;
    const sol = sim.market.asset('SOL')!;
    expect(tickers.get('BTC/USDT:USDT')).toEqual({
      markPrice: 68_000,
      indexPrice: sim.market.indexPrice(btc, now),
      fundingRate: sim.market.fundingRate(btc, 'binance', now),
      fundingIntervalHours: 8,
      nextFundingTime: sim.market.nextFundingTime('binance', now),
    });
    // flash-selloff minute 0: funding 0.05 %/8 h (path) × the asset's ±15 % tilt.
    expect(tickers.get('SOL/USDT:USDT')?.fundingRate).toBeGreaterThan(0.0005 * 0.85);
    expect(tickers.get('BTC/USD:BTC')?.markPrice).toBe(68_000);

    const oi = await adapter.fetchOpenInterest('SOL/USDT:USDT');
    expect(oi.amountBase).toBeCloseTo(sim.market.openInterestBase(sol, 'binance', now), 6);
    const history = await adapter.fetchOpenInterestHistory('SOL/USDT:USDT');
    // 30 hourly points ending at the current hour, oldest first, covering 24 h.
    expect(history).toHaveLength(30);
    expect(history.at(-1)?.time).toBe(Math.floor(now / HOUR) * HOUR);
    expect(history.map((h) => h.time)).toEqual([...history.map((h) => h.time)].sort((a, b) => a - b));
    // Open interest +15 % over 24 h (path factor 1 → 1.15).
    const dayAgo = history.find((h) => h.time === Math.floor(now / HOUR) * HOUR - 24 * HOUR);
    expect((history.at(-1)?.amountBase ?? 0) / (dayAgo?.amountBase ?? 1)).toBeCloseTo(1.15, 1);

    const ratio = await adapter.fetchLongShortRatio('BTC/USDT:USDT');
    expect(ratio?.ratio).toBe(sim.market.longShortRatio(btc, Math.floor(now / HOUR) * HOUR));
    expect(ratio?.ratio).toBeGreaterThan(2.5);
    const funding = await adapter.fetchFundingHistory('BTC/USDT:USDT');
    expect(funding).toEqual(sim.market.fundingHistory(btc, 'binance', now, 21));
  });

  it('reads the order book (top 200, base units) and candles (1 h, 1 d) and tiers with Binance cum', async () => {
    const sim = loop.sim;
    const now = sim.clock.now();
    const btc = sim.market.asset('BTC')!;
    const book = await adapter.fetchOrderBook('BTC/USDT:USDT', 200);
    expect(book.bids.price).toHaveLength(200);
    expect(book.asks.price).toHaveLength(200);
    expect(levelsOf(book.bids).slice(0, 3)).toEqual(sim.market.book(btc, 'binance', now, 3).bids);
    // COIN-M amounts are contracts of 100 USD: converted to BTC at each level's price.
    const inverseBook = await adapter.fetchOrderBook('BTC/USD:BTC', 200);
    const [price, amount] = levelsOf(inverseBook.asks)[0]!;
    expect(amount).toBeCloseTo(
      (Math.max(1, Math.round((sim.market.book(btc, 'binance', now, 1).asks[0]![1] * price) / 100)) * 100) / price,
      10,
    );

    const hourly = await adapter.fetchCandles('BTC/USDT:USDT', '1h', 168);
    expect(hourly.time).toHaveLength(168);
    const bars = sim.market.bars(btc, 'binance', HOUR, now, 168);
    expect(barAt(hourly, -1)).toEqual(bars.at(-1));
    expect((await adapter.fetchCandles('BTC/USDT:USDT', '1d', 90)).time.length).toBe(90);

    const tiers = (await adapter.fetchTiers(['BTC/USDT:USDT'])).get('BTC/USDT:USDT');
    expect(tiers).toEqual(
      sim.market.tiers(btc).map((t) => ({
        tier: t.tier,
        minNotional: t.minNotional,
        maxNotional: t.maxNotional,
        maintenanceMarginRate: t.mmr,
        maintenanceAmount: t.cum,
        maxLeverage: t.maxLeverage,
      })),
    );
  });
});

describe('Binance authentication through ccxt', () => {
  // exchanges-offline.md §4.2: wrong secret → -1022, wrong key → -2015, clock 60 s off → -1021.
  it.each([
    ['wrong secret', 'AuthenticationError', { apiKey: ACCOUNT.apiKey, secret: 'not-the-secret' }, -1022],
    ['wrong key', 'AuthenticationError', { apiKey: 'unknown-key', secret: ACCOUNT.secret }, -2015],
  ] as const)('%s → the venue error, ccxt %s', async (_name, ccxtClass, credentials, code) => {
    const keyed = await BinanceAdapter.create(credentials, loop.environment());
    const error = await keyed.fetchAccount('acc').catch((e: unknown) => e);
    expect((error as Error).constructor.name).toBe(ccxtClass);
    expect((error as Error).message).toContain(`"code":${code}`);
    expect(toAppError('binance', error).code).toBe('auth');
  });

  it('a clock 60 s off → -1021 → ccxt InvalidNonce → auth with a clock message', async () => {
    loop.sim.injectFault({ venue: 'binance', kind: 'clock-skew', skewMs: 60_000 });
    const error = await adapter.fetchAccount('acc').catch((e: unknown) => e);
    expect((error as Error).constructor.name).toBe('InvalidNonce');
    expect(toAppError('binance', error)).toMatchObject({
      code: 'auth',
      message: expect.stringMatching(/clock/u) as unknown,
    });
  });
});
