import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HOUR } from '../../simulator/market-model';
import { hyperliquidPrice } from '../../simulator/venues/hyperliquid';
import type { VenueAdapter } from './adapter';
import { forgetSharedMarkets } from './ccxt-client';
import { toAppError } from './errors';
import { HyperliquidAdapter, hyperliquidTiers } from './hyperliquid-adapter';
import { startLoopback, type Loopback } from './testing/loopback';

/**
 * Real ccxt `hyperliquid` (4.5.84) against the loopback simulator playing `flash-selloff` at minute 0, with the
 * wallet address only. Position numbers come from the scenario data (accounts.ts; mark = fair × 1.0002, the
 * Hyperliquid basis in market-model.ts); the venue prints prices to 5 significant figures.
 */
const WALLET = '0x5e1f0000000000000000000000000000000d3e00';

let loop: Loopback;
let adapter: VenueAdapter;

beforeAll(async () => {
  forgetSharedMarkets();
  loop = await startLoopback({ scenario: 'flash-selloff' });
  adapter = await HyperliquidAdapter.create({ walletAddress: WALLET }, loop.environment());
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

const endpoints = () => loop.sim.log.map((e) => e.endpoint);

describe('Hyperliquid adapter against the simulator', () => {
  it('loads perpetual markets with one unsigned /info call (no spotMeta, no /exchange)', async () => {
    expect(await adapter.ensureMarkets()).toBe('network');
    expect(endpoints()).toEqual(['info:metaAndAssetCtxs']);
    expect(loop.sim.log.every((e) => e.method === 'POST' && e.path === '/info' && !e.signed)).toBe(true);
    expect(adapter.market('BTC/USDC:USDC')).toMatchObject({ kind: 'linear', settle: 'USDC', contractSize: 1 });
  });

  it('reads positions from clearinghouseState, filling mark and maintenance margin ccxt leaves empty', async () => {
    await adapter.ensureMarkets();
    const { positions, balances } = await adapter.fetchAccount('acc');
    const by = (symbol: string) => positions.find((p) => p.symbol === symbol)!;
    // BTC long 0.25 @ 0.995 × 68,000 = 67,660, 15× cross; mark 68,000 × 1.0002 = 68,013.6 = positionValue / szi.
    // Maintenance: tier 1 of the margin table (max 125× → MMR 1/250 = 0.004): 0.25 × 68,013.6 × 0.004.
    const btc = by('BTC/USDC:USDC');
    expect(btc).toMatchObject({
      side: 'long',
      contracts: 0.25,
      entryPrice: 67_660,
      markPrice: 68_013.6,
      leverage: 15,
      marginMode: 'cross',
      maintenanceMarginRate: 0.004,
    });
    expect(btc.maintenanceMarginSettle).toBeCloseTo(0.25 * 68_013.6 * 0.004, 8);
    // ETH short 3 @ 1.01 × 3,500 = 3,535, 10× isolated: margin at entry = 3 × 3,535 / 10 = 1,060.5 (marginUsed − uPnL).
    expect(by('ETH/USDC:USDC')).toMatchObject({
      side: 'short',
      contracts: 3,
      entryPrice: 3_535,
      leverage: 10,
      marginMode: 'isolated',
      isolatedMarginSettle: 1_060.5,
    });
    // Isolated LP = (EP − side·M/Q)/(1 − side·MMR) (liquidation.md §5), MMR 0.005 (ETH tier 1, 100×).
    expect(by('ETH/USDC:USDC').exchangeLiquidationPrice).toBeCloseTo((3_535 + 1_060.5 / 3) / (1 + 0.005), 2);
    // USDC: wallet 12,000 (accountValue − uPnL), equity = accountValue.
    const model = loop.sim.accounts.balances('sim-hyperliquid-1', loop.sim.clock.now())[0]!;
    expect(balances).toHaveLength(1);
    expect(balances[0]).toMatchObject({ currency: 'USDC', walletBalance: 12_000 });
    expect(balances[0]!.equity).toBeCloseTo(model.equity, 6);
    expect(balances[0]!.marginRatio).toMatchObject({ liquidationAt: '100%', marginMode: 'cross' });
  });

  it('reads marks, oracle prices, hourly funding, open interest and tiers from one metaAndAssetCtxs', async () => {
    const sim = loop.sim;
    const now = sim.clock.now();
    const btc = sim.market.asset('BTC')!;
    loop.sim.clearLog();
    const tickers = await adapter.fetchTickers(['BTC/USDC:USDC', 'ETH/USDC:USDC']);
    expect(endpoints()).toEqual(['info:metaAndAssetCtxs']);
    expect(tickers.get('BTC/USDC:USDC')).toMatchObject({
      markPrice: Number(hyperliquidPrice(sim.market.markPrice(btc, 'hyperliquid', now), btc)),
      indexPrice: Number(hyperliquidPrice(sim.market.indexPrice(btc, now), btc)),
      // Hourly: an eighth of the path's 8 h rate.
      fundingRate: sim.market.fundingRate(btc, 'hyperliquid', now),
      fundingIntervalHours: 1,
      nextFundingTime: null,
    });
    expect(tickers.get('BTC/USDC:USDC')?.openInterestBase).toBe(sim.market.openInterestBase(btc, 'hyperliquid', now));
    const tiers = (await adapter.fetchTiers(['BTC/USDC:USDC'])).get('BTC/USDC:USDC');
    expect(tiers?.map((t) => [t.minNotional, t.maintenanceMarginRate, t.maxLeverage])).toEqual(
      sim.market.tiers(btc).map((t) => [t.minNotional, 0.5 / t.maxLeverage, t.maxLeverage]),
    );
  });

  it('says what Hyperliquid does not publish, and reads histories, the 20-level book and candles', async () => {
    const sim = loop.sim;
    const now = sim.clock.now();
    await expect(adapter.fetchOpenInterestHistory('BTC/USDC:USDC')).rejects.toThrow(
      'Hyperliquid publishes no open-interest history',
    );
    expect(await adapter.fetchLongShortRatio('BTC/USDC:USDC')).toBeNull();
    const funding = await adapter.fetchFundingHistory('BTC/USDC:USDC');
    // 168 hourly settlements ending at the current hour (ccxt asks for [now − 168 h, now]).
    expect(funding).toHaveLength(168);
    expect(funding.at(-1)?.time).toBe(Math.floor(now / HOUR) * HOUR);
    expect((await adapter.fetchOrderBook('BTC/USDC:USDC', 200)).bids.price).toHaveLength(20);
    const candles = await adapter.fetchCandles('BTC/USDC:USDC', '1h', 168);
    expect(candles.time).toHaveLength(168);
    expect(candles.time.at(-1)).toBe(Math.floor(now / HOUR) * HOUR);
  });

  it('refuses anything but a wallet address, and maps an unknown address to an auth error', async () => {
    await expect(HyperliquidAdapter.create({ apiKey: 'k', secret: 's' }, loop.environment())).rejects.toThrow(
      /wallet address/u,
    );
    loop.sim.injectFault({ venue: 'hyperliquid', kind: 'auth-error', endpoint: 'info:clearinghouseState' });
    const error = await adapter.fetchAccount('acc').catch((e: unknown) => e);
    expect(toAppError('hyperliquid', error)).toMatchObject({
      code: 'auth',
      message: expect.stringMatching(/wallet address/u) as unknown,
    });
  });
});

describe('Hyperliquid margin tables → tiers (liquidation.md §5)', () => {
  it.each([
    // BTC mainnet: 0–150M at 40× (MMR 1.25 %), above at 20× (2.5 %); deduction 150M × (2.5 % − 1.25 %) = 1,875,000.
    [
      {
        marginTiers: [
          { lowerBound: '0.0', maxLeverage: 40 },
          { lowerBound: '150000000.0', maxLeverage: 20 },
        ],
      },
      56,
      [
        [0.0125, 0],
        [0.025, 1_875_000],
      ],
    ],
    // ETH: 0–100M at 25× (2 %), above at 15× (3.333 %); deduction 100M × (1/30 − 1/50) = 1,333,333.33.
    [
      {
        marginTiers: [
          { lowerBound: '0.0', maxLeverage: 25 },
          { lowerBound: '100000000.0', maxLeverage: 15 },
        ],
      },
      55,
      [
        [0.02, 0],
        [1 / 30, 100_000_000 * (1 / 30 - 0.02)],
      ],
    ],
    // A table id below 50 is a single tier with max leverage = id.
    [undefined, 10, [[0.05, 0]]],
  ] as const)('table %#', (table, id, expected) => {
    const tiers = hyperliquidTiers(table, id, 50);
    expect(tiers).toHaveLength(expected.length);
    tiers.forEach((tier, i) => {
      expect(tier.maintenanceMarginRate).toBeCloseTo(expected[i]![0], 12);
      expect(tier.maintenanceAmount).toBeCloseTo(expected[i]![1], 4);
    });
  });
});
