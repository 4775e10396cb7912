import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HOUR } from '../../simulator/market-model';
import type { VenueAdapter } from './adapter';
import { BybitAdapter } from './bybit-adapter';
import { forgetSharedMarkets } from './ccxt-client';
import { startLoopback, type Loopback } from './testing/loopback';

/**
 * Real ccxt `bybit` (4.5.84) against the loopback simulator playing `flash-selloff` at minute 0. Position numbers
 * come from the scenario data (accounts.ts: the Bybit unified account in regular cross margin) and the simulator's
 * venue rules (mark = fair × 1.0001 Bybit basis; positionMM/IM include a 0.055 % fee to close, liquidation.md §3b);
 * noise-driven values are read back from the simulator's model.
 */
const ACCOUNT = { apiKey: 'simBybitReadOnlyKey0001', secret: 'simBybitSecret0001' };

let loop: Loopback;
let adapter: VenueAdapter;

beforeAll(async () => {
  forgetSharedMarkets();
  loop = await startLoopback({ scenario: 'flash-selloff' });
  adapter = await BybitAdapter.create(ACCOUNT, loop.environment());
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

describe('Bybit adapter against the simulator', () => {
  it('loads linear and inverse instruments only (plus the pre-launch probe ccxt always makes)', async () => {
    expect(await adapter.ensureMarkets()).toBe('network');
    expect(requests().sort()).toEqual([
      '/v5/market/instruments-info?category=inverse&limit=1000',
      '/v5/market/instruments-info?category=inverse&limit=1000&status=PreLaunch',
      '/v5/market/instruments-info?category=linear&limit=1000',
      '/v5/market/instruments-info?category=linear&limit=1000&status=PreLaunch',
    ]);
    // Inverse contract = 1 USD (ccxt takes minOrderQty).
    expect(adapter.market('BTC/USD:BTC')).toMatchObject({ kind: 'inverse', contractSize: 1, settle: 'BTC' });
  });

  it('reads positions with the account margin mode, Bybit positionMM/IM and no cross liquidation price', async () => {
    await adapter.ensureMarkets();
    loop.sim.clearLog();
    const { positions } = await adapter.fetchAccount('acc');
    // No query-api / account-info probe before the balance (enableUnifiedAccount preset, exchanges-offline.md §5);
    // account-info is the one call we add, for the margin mode.
    expect(requests().sort()).toEqual([
      '/v5/account/info?',
      '/v5/account/wallet-balance?accountType=UNIFIED',
      '/v5/position/list?category=inverse&limit=200',
      '/v5/position/list?settleCoin=USDC&limit=200&category=linear',
      '/v5/position/list?settleCoin=USDT&limit=200&category=linear',
    ]);
    const btc = positions.find((p) => p.symbol === 'BTC/USDT:USDT')!;
    // BTC long 0.4 @ 0.98 × 68,000 = 66,640, 8×; mark 68,000 × 1.0001 = 68,006.8; notional 27,202.72 (tier 1,
    // MMR 0.004); fee to close 27,202.72 × 0.00055 = 14.961496 → MM 108.81088 + fee, IM 27,202.72/8 + fee.
    expect(btc).toMatchObject({
      side: 'long',
      contracts: 0.4,
      entryPrice: 66_640,
      markPrice: 68_006.8,
      leverage: 8,
      marginMode: 'cross',
      exchangeLiquidationPrice: null,
      unrealizedPnlSettle: 546.72,
    });
    expect(btc.maintenanceMarginSettle).toBeCloseTo(108.81088 + 14.961496, 6);
    expect(btc.initialMarginSettle).toBeCloseTo(27_202.72 / 8 + 14.961496, 6);
    expect(btc.missing.find((m) => m.field === 'exchangeLiquidationPrice')?.reason).toMatch(/account-level/u);
    // Inverse BTCUSD short 10,000 USD @ 68,000, 3×: 10,000 contracts of 1 USD.
    const inverse = positions.find((p) => p.symbol === 'BTC/USD:BTC')!;
    expect(inverse).toMatchObject({
      side: 'short',
      contracts: 10_000,
      contractSize: 1,
      notionalUsd: 10_000,
      entryPrice: 68_000,
      leverage: 3,
      marginMode: 'cross',
    });
    expect(inverse.sizeBase).toBeCloseTo(10_000 / 68_006.8, 10);
    expect(inverse.unrealizedPnlSettle).toBeCloseTo(-10_000 * (1 / 68_000 - 1 / 68_006.8), 8);
    expect(positions.map((p) => p.symbol).sort()).toEqual([
      'BTC/USD:BTC',
      'BTC/USDT:USDT',
      'ETH/USDT:USDT',
      'XRP/USDT:USDT',
    ]);
  });

  it('reads coin balances with the account maintenance-margin rate as the cross margin ratio', async () => {
    const { balances } = await adapter.fetchAccount('acc');
    const model = loop.sim.accounts.balances('sim-bybit-1', loop.sim.clock.now());
    const usdt = balances.find((b) => b.currency === 'USDT')!;
    const modelUsdt = model.find((b) => b.currency === 'USDT')!;
    expect(usdt.walletBalance).toBe(20_000);
    expect(usdt.equity).toBeCloseTo(modelUsdt.equity, 6);
    expect(usdt.crossMaintenanceMargin).toBeCloseTo(modelUsdt.crossMaintenanceMargin, 6);
    expect(usdt.availableMargin).toBeNull(); // Bybit sends availableToWithdraw "" on unified accounts
    const usd = (pick: (b: (typeof model)[number]) => number) =>
      model.reduce((sum, b) => sum + pick(b) * b.usdPrice, 0);
    expect(usdt.marginRatio?.value).toBeCloseTo(usd((b) => b.crossMaintenanceMargin) / usd((b) => b.equity), 4);
    expect(balances.find((b) => b.currency === 'BTC')?.walletBalance).toBe(0.3);
  });

  it('reads tickers with open interest, histories, book, candles and risk-limit tiers', async () => {
    const sim = loop.sim;
    const now = sim.clock.now();
    const btc = sim.market.asset('BTC')!;
    const tickers = await adapter.fetchTickers(['BTC/USDT:USDT', 'BTC/USD:BTC']);
    const linear = tickers.get('BTC/USDT:USDT');
    expect(linear).toMatchObject({
      markPrice: 68_006.8,
      fundingRate: sim.market.fundingRate(btc, 'bybit', now),
      fundingIntervalHours: 8,
      nextFundingTime: sim.market.nextFundingTime('bybit', now),
    });
    expect(linear?.openInterestBase).toBeCloseTo(sim.market.openInterestBase(btc, 'bybit', now), 6);
    // Inverse: openInterestValue is in coins.
    expect(tickers.get('BTC/USD:BTC')?.openInterestBase).toBeCloseTo(sim.market.openInterestBase(btc, 'bybit', now), 6);
    const history = await adapter.fetchOpenInterestHistory('BTC/USDT:USDT');
    expect(history).toHaveLength(30);
    expect(history.at(-1)?.time).toBe(Math.floor(now / HOUR) * HOUR);
    expect((await adapter.fetchLongShortRatio('BTC/USDT:USDT'))?.ratio).toBeCloseTo(
      sim.market.longShortRatio(btc, Math.floor(now / HOUR) * HOUR),
      3,
    );
    expect(await adapter.fetchFundingHistory('BTC/USDT:USDT')).toEqual(
      sim.market.fundingHistory(btc, 'bybit', now, 21),
    );
    const book = await adapter.fetchOrderBook('BTC/USD:BTC', 200);
    expect(book.bids.price).toHaveLength(200);
    const candles = await adapter.fetchCandles('BTC/USD:BTC', '1h', 168);
    expect(candles.time).toHaveLength(168);
    // Inverse volume: ccxt reads the coin turnover column, so it matches the model's coin volume.
    expect(candles.volume.at(-1)).toBeCloseTo(sim.market.bars(btc, 'bybit', HOUR, now, 1)[0]!.volume, 6);
    const tiers = (await adapter.fetchTiers(['BTC/USDT:USDT'])).get('BTC/USDT:USDT');
    expect(tiers?.map((t) => [t.maxNotional, t.maintenanceMarginRate, t.maintenanceAmount])).toEqual(
      sim.market.tiers(btc).map((t) => [t.maxNotional, t.mmr, t.cum]),
    );
  });
});

describe('Bybit authentication through ccxt', () => {
  // exchanges-offline.md §4.2: wrong secret → 10004, wrong key → 10003, clock 60 s off → 10002.
  it.each([
    ['wrong secret', 'AuthenticationError', { apiKey: ACCOUNT.apiKey, secret: 'not-the-secret' }, 10004],
    ['wrong key', 'AuthenticationError', { apiKey: 'unknown-key', secret: ACCOUNT.secret }, 10003],
  ] as const)('%s → the venue error, ccxt %s', async (_name, ccxtClass, credentials, code) => {
    const keyed = await BybitAdapter.create(credentials, loop.environment());
    const error = await keyed.fetchAccount('acc').catch((e: unknown) => e);
    expect((error as Error).constructor.name).toBe(ccxtClass);
    expect((error as Error).message).toContain(`"retCode":${code}`);
  });

  it('a clock 60 s off → 10002 → ccxt InvalidNonce', async () => {
    loop.sim.injectFault({ venue: 'bybit', kind: 'clock-skew', skewMs: 60_000 });
    const error = await adapter.fetchAccount('acc').catch((e: unknown) => e);
    expect((error as Error).constructor.name).toBe('InvalidNonce');
  });
});
