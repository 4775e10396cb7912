import { describe, expect, it } from 'vitest';
import type { Tier } from '../../domain/market';
import { BTCUSD_COINM, BTCUSDT_2024, BYBIT_BTCUSDT, BYBIT_BTCUSDT_PUBLISHED } from './example-tables';
import { hyperliquidTiers, liquidationPrice, maintenanceMargin, singleTier, tiersFromFloors } from './index';
import type { BinanceUsdmInput, LiquidationInput, LiquidationResult } from './types';

/** Price of a result, failing the test when it is null. */
const priceOf = (r: LiquidationResult): number => {
  if (r.price === null) throw new Error(`expected a price, got ${r.reason}: ${r.detail}`);
  return r.price;
};

describe('maintenance amount (cum) recursion', () => {
  it.each([
    // liquidation.md §1 (a): the cum column of the 2024-10-24 BTCUSDT table.
    [
      'BTCUSDT 2024 table',
      BTCUSDT_2024,
      [0, 50, 950, 11_450, 131_450, 481_450, 2_981_450, 14_481_450, 26_481_450, 41_481_450, 121_481_450, 421_481_450],
    ],
    // liquidation.md §2: "By the cum recursion: 0, 0.005, 0.055, 0.355, 1.605, 6.605, 11.605, 21.605, 121.605, 496.605 BTC".
    ['BTCUSD COIN-M', BTCUSD_COINM, [0, 0.005, 0.055, 0.355, 1.605, 6.605, 11.605, 21.605, 121.605, 496.605]],
    // liquidation.md §1: FAQ "level 3 = 250,000 × (1 % − 0.5 %) + 50 = 1,300 USDT" (old table 0/0.4 %, 50k/0.5 %, 250k/1 %).
    [
      'Binance FAQ old table',
      tiersFromFloors([
        { floor: 0, rate: 0.004, maxLeverage: 125 },
        { floor: 50_000, rate: 0.005, maxLeverage: 100 },
        { floor: 250_000, rate: 0.01, maxLeverage: 50 },
      ]),
      [0, 50, 1300],
    ],
    // liquidation.md §5: Hyperliquid BTC >150M tier deduction 1,875,000; ETH >100M tier 1,333,333.33.
    [
      'Hyperliquid BTC',
      hyperliquidTiers([
        { lowerBound: 0, maxLeverage: 40 },
        { lowerBound: 150e6, maxLeverage: 20 },
      ]),
      [0, 1_875_000],
    ],
    [
      'Hyperliquid ETH',
      hyperliquidTiers([
        { lowerBound: 0, maxLeverage: 25 },
        { lowerBound: 100e6, maxLeverage: 15 },
      ]),
      [0, 1_333_333.33],
    ],
  ])('%s', (_name, tiers, cums) => {
    expect(tiers.map((t) => t.maintenanceAmount)).toHaveLength(cums.length);
    tiers.forEach((t, i) => expect(t.maintenanceAmount).toBeCloseTo(cums[i]!, 2));
  });

  it('Bybit BTCUSDT: the recursion reproduces every published MM deduction (liquidation.md §3e, "checked")', () => {
    expect(BYBIT_BTCUSDT.map((t) => Math.round(t.maintenanceAmount))).toEqual(BYBIT_BTCUSDT_PUBLISHED.map((r) => r[2]));
  });

  it('COIN-M maintenance margin: 100 contracts at mark 25,000 = 0.4 BTC, level 1 → 0.0016 BTC (liquidation.md §2, FAQ)', () => {
    expect(maintenanceMargin(BTCUSD_COINM, (100 * 100) / 25_000)).toBeCloseTo(0.0016, 10);
  });
});

const usdmLong = (walletBalance: number, qty: number, ep: number, tiers: Tier[]): BinanceUsdmInput => ({
  model: 'binance-usdm',
  marginMode: 'isolated',
  walletBalance,
  otherMaintenanceMargin: 0,
  otherUnrealizedPnl: 0,
  legs: [{ side: 'long', positionAmt: qty, entryPrice: ep }],
  brackets: tiers,
});

describe('official and exchange-reported worked examples', () => {
  // Binance FAQ worked example (cross, one-way, two positions), liquidation.md §1 "Worked example (official)".
  const WB = 1_535_443.01;
  const btc = { q: 109.488, ep: 32_481.98, mark: 31_967.27, mmr: 0.025, cum: 16_300 };
  const eth = { q: 3_683.979, ep: 1_456.84, mark: 1_335.18, mmr: 0.1, cum: 135_365 };
  const faqCross = (self: typeof btc, other: typeof btc): LiquidationInput => ({
    model: 'binance-usdm',
    marginMode: 'cross',
    walletBalance: WB,
    otherMaintenanceMargin: other.q * other.mark * other.mmr - other.cum,
    otherUnrealizedPnl: other.q * (other.mark - other.ep),
    legs: [{ side: 'long', positionAmt: self.q, entryPrice: self.ep }],
    brackets: [singleTier(self.mmr, self.cum)],
  });

  type Row = { source: string; input: LiquidationInput; expected: number; tolerance: (e: number) => number };
  const abs = (d: number) => () => d;
  const rel = (r: number) => (e: number) => e * r;
  const rows: Row[] = [
    // FAQ: "For ETH: TMM1 = 71,200.81144 and UPNL1 = −56,354.57 … giving LP(ETH) = 1,153.26", 2 decimals.
    { source: 'Binance FAQ cross example, ETH', input: faqCross(eth, btc), expected: 1153.26, tolerance: abs(0.005) },
    { source: 'Binance FAQ cross example, BTC', input: faqCross(btc, eth), expected: 26_316.89, tolerance: abs(0.005) },
    // liquidation.md §1 "Multi-Assets mode": ccxt fixture binance.json, 0.009 BTC @ 67,445.9, WB = totalCrossWalletBalance
    // 25.7261006, tier 1 (0.4 %, cum 0); exchange LP 64,846.98753790, "reproduced to about 0.00024 %".
    {
      source: 'Binance Multi-Assets fixture',
      input: { ...usdmLong(25.7261006, 0.009, 67_445.9, BTCUSDT_2024), marginMode: 'cross' },
      expected: 64_846.9875379,
      tolerance: rel(0.000_003),
    },
    // liquidation.md §2: forum calculator, WB 101 BTC, long 100,000 BTCUSD @ 45,000, MMR 12.5 %, cum 11.605 → 33,599.42
    // (calculator 33,599.40). Uses the full fixture bracket table: the bracket at LP (297.6 BTC) is tier 7.
    {
      source: 'Binance COIN-M forum example',
      input: {
        model: 'binance-coinm',
        marginMode: 'cross',
        walletBalance: 101,
        otherMaintenanceMargin: 0,
        otherUnrealizedPnl: 0,
        legs: [{ side: 'long', positionAmt: 100_000, entryPrice: 45_000 }],
        contractSize: 100,
        brackets: BTCUSD_COINM,
      },
      expected: 33_599.42,
      tolerance: abs(0.025),
    },
    // risk-method.md E6: isolated long Q 0.5 @ 100,000, WB 5,000, MMR 0.4 % → 90,361.4458; short → 109,561.7530.
    {
      source: 'risk-method E6 long',
      input: usdmLong(5_000, 0.5, 100_000, [singleTier(0.004)]),
      expected: 90_361.4458,
      tolerance: rel(1e-6),
    },
    {
      source: 'risk-method E6 short',
      input: {
        ...usdmLong(5_000, 0.5, 100_000, [singleTier(0.004)]),
        legs: [{ side: 'short', positionAmt: 0.5, entryPrice: 100_000 }],
      },
      expected: 109_561.753,
      tolerance: rel(1e-6),
    },
    // risk-method.md E8: E6 after 21 funding periods at 0.05 %: WB 4,475 → LP 91,415.66.
    {
      source: 'risk-method E8',
      input: usdmLong(4_475, 0.5, 100_000, [singleTier(0.004)]),
      expected: 91_415.66,
      tolerance: abs(0.005),
    },
    // risk-method.md E9: cross, WB 15,000, BTC long 0.3 @ 100,000; ETH long 5 @ 4,000 (MMR 0.5 %) marked at 3,800 / 3,400.
    {
      source: 'risk-method E9, ETH at 3,800',
      input: {
        ...usdmLong(15_000, 0.3, 100_000, [singleTier(0.004)]),
        marginMode: 'cross',
        otherMaintenanceMargin: 95,
        otherUnrealizedPnl: -1_000,
      },
      expected: 53_865.46,
      tolerance: abs(0.005),
    },
    {
      source: 'risk-method E9, ETH at 3,400',
      input: {
        ...usdmLong(15_000, 0.3, 100_000, [singleTier(0.004)]),
        marginMode: 'cross',
        otherMaintenanceMargin: 85,
        otherUnrealizedPnl: -3_000,
      },
      expected: 60_525.44,
      tolerance: abs(0.005),
    },
    // liquidation.md §3a, Bybit "Liquidation Price (USDT Contract)" Example 1: long 1 BTC @ 20,000, 50×, MMR 0.5 % → 19,700.
    {
      source: 'Bybit USDT isolated, Example 1',
      input: {
        model: 'bybit-linear-isolated',
        side: 'long',
        size: 1,
        entryPrice: 20_000,
        leverage: 50,
        extraMarginAdded: 0,
        riskLimits: [singleTier(0.005)],
      },
      expected: 19_700,
      tolerance: abs(1e-9),
    },
    // liquidation.md §3c, Bybit legacy inverse cross: AB 0.5 BTC, long 10,000 contracts @ 8,000 → LP 5,739.50; the stated
    // equation gives 5,739.08, "so a test against this example needs a tolerance of about 0.01 %". MMR: the 0.5 % BTC base
    // rate (§3e, inverse article); fee 0.075 % as in the article's equation.
    {
      source: 'Bybit legacy inverse cross example',
      input: {
        model: 'bybit-inverse-cross-legacy',
        side: 'long',
        qty: 10_000,
        entryPrice: 8_000,
        accountBalance: 0.5,
        orderMargin: 0,
        maintenanceMarginRate: 0.005,
        takerFeeRate: 0.00075,
      },
      expected: 5_739.5,
      tolerance: rel(0.0001),
    },
    // liquidation.md §4: okx.json fetchPosition[2], inverse isolated long BTC-USD-SWAP, pos 1 (ctVal 100), avgPx 92,300,
    // margin 0.0003611412062116, tier MMR 0.4 %, taker 0.05 %: formula 69,536.5125, OKX liqPx 69,536.6125000014 (one tick).
    {
      source: 'OKX inverse isolated fixture',
      input: {
        model: 'okx-isolated',
        kind: 'inverse',
        side: 'long',
        pos: 1,
        ctVal: 100,
        avgPx: 92_300,
        margin: 0.0003611412062116,
        tierMmr: 0.004,
        tier: 1,
        takerFeeRate: 0.0005,
      },
      expected: 69_536.6125000014,
      tolerance: abs(0.1 + 1e-6),
    },
    // risk-method.md E7: Hyperliquid BTC (MMR 1.25 %, 40× max) at 20× isolated: d_liq = 3.7975 % → LP = 96,202.53.
    {
      source: 'risk-method E7, Hyperliquid 20×',
      input: {
        model: 'hyperliquid-isolated',
        szi: 1,
        entryPx: 100_000,
        marginUsed: 5_000,
        unrealizedPnl: 0,
        marginTiers: hyperliquidTiers([{ lowerBound: 0, maxLeverage: 40 }]),
      },
      expected: 100_000 * (1 - 0.037975),
      tolerance: rel(1e-6),
    },
  ];

  it.each(rows)('$source', ({ input, expected, tolerance }) => {
    const lp = priceOf(liquidationPrice(input));
    expect(Math.abs(lp - expected)).toBeLessThanOrEqual(tolerance(expected));
  });

  it('OKX inverse fixture: the formula itself gives 69,536.5125 (liquidation.md §4)', () => {
    const r = liquidationPrice(rows.find((r) => r.source === 'OKX inverse isolated fixture')!.input);
    expect(priceOf(r)).toBeCloseTo(69_536.5125, 3);
  });

  it('Bybit legacy inverse cross: the stated equation gives 5,739.08 (liquidation.md §3c)', () => {
    const r = liquidationPrice(rows.find((r) => r.source === 'Bybit legacy inverse cross example')!.input);
    expect(priceOf(r)).toBeCloseTo(5_739.08, 1);
  });

  it('COIN-M forum example settles in tier 7 (200–400 BTC, 12.5 %, cum 11.605)', () => {
    const r = liquidationPrice(rows.find((r) => r.source === 'Binance COIN-M forum example')!.input);
    expect(r).toMatchObject({ tier: 7, maintenanceMarginRate: 0.125 });
  });
});

describe('regressions found by the property tests', () => {
  it('a tier table that makes the tier loop oscillate ends in null, never a negative price', () => {
    // fast-check counterexample (liquidation.property.test.ts, "whatever the tiers and balances").
    const r = liquidationPrice({
      model: 'binance-coinm',
      marginMode: 'cross',
      walletBalance: 3.8707798332038957e124,
      otherMaintenanceMargin: 1.7055539603843868e151,
      otherUnrealizedPnl: 1.222743770294436e-133,
      legs: [{ side: 'long', positionAmt: 6.518883159942034e209, entryPrice: 1.7055539603843868e151 }],
      contractSize: 1.222743770294436e-133,
      brackets: [
        {
          tier: 1,
          minNotional: 0,
          maxNotional: 1.6735003851002299e-49,
          maintenanceMarginRate: 1.218144862122333e-188,
          maintenanceAmount: 7.928623927539346e297,
          maxLeverage: 1,
        },
        {
          tier: 2,
          minNotional: 1.6735003851002299e-49,
          maxNotional: 8.40081591764647e132,
          maintenanceMarginRate: 3.4266504757091666e-129,
          maintenanceAmount: 2.2279575144311643e102,
          maxLeverage: 1,
        },
      ],
    });
    expect(r.price === null || r.price > 0).toBe(true);
  });
});

describe('formula identities (no official example exists: liquidation.md §9)', () => {
  it('Binance USDⓈ-M: the bracket is re-checked at LP, and margin balance equals maintenance there', () => {
    // Long 10 BTC @ 62,000: 620,000 notional (tier 3 at entry); WB 60,000 puts LP near 56,000, i.e. 560,000 (tier 2).
    const r = liquidationPrice(usdmLong(60_000, 10, 62_000, BTCUSDT_2024));
    const lp = priceOf(r);
    expect(r).toMatchObject({ tier: 2 });
    const tier = BTCUSDT_2024[1]!;
    expect(60_000 + 10 * (lp - 62_000)).toBeCloseTo(10 * lp * tier.maintenanceMarginRate - tier.maintenanceAmount, 6);
  });

  it('Binance cross hedge mode: both legs share one price at which the wallet meets both legs’ maintenance', () => {
    const input: LiquidationInput = {
      model: 'binance-usdm',
      marginMode: 'cross',
      walletBalance: 20_000,
      otherMaintenanceMargin: 300,
      otherUnrealizedPnl: -500,
      legs: [
        { side: 'long', positionAmt: 2, entryPrice: 100_000 },
        { side: 'short', positionAmt: 0.5, entryPrice: 98_000 },
      ],
      brackets: BTCUSDT_2024,
    };
    const lp = priceOf(liquidationPrice(input));
    const equity = 20_000 - 300 - 500 + 2 * (lp - 100_000) - 0.5 * (lp - 98_000);
    const mm = maintenanceMargin(BTCUSDT_2024, 2 * lp) + maintenanceMargin(BTCUSDT_2024, 0.5 * lp);
    expect(equity).toBeCloseTo(mm, 6);
  });

  it('OKX linear isolated: the margin ratio is exactly 100 % at LP (liquidation.md §4)', () => {
    const lp = priceOf(
      liquidationPrice({
        model: 'okx-isolated',
        kind: 'linear',
        side: 'short',
        pos: 30,
        ctVal: 0.01,
        avgPx: 60_000,
        margin: 1_800,
        tierMmr: 0.004,
        tier: 1,
        takerFeeRate: 0.0005,
      }),
    );
    const upl = -0.3 * (lp - 60_000);
    expect((1_800 + upl) / (0.3 * lp * (0.004 + 0.0005))).toBeCloseTo(1, 12);
  });

  it('Bybit inverse isolated: margin balance equals MM valued at LP (liquidation.md §3b, current article)', () => {
    const input = {
      model: 'bybit-inverse-isolated',
      side: 'long',
      size: 60_000,
      entryPrice: 50_000,
      leverage: 10,
      extraMarginAdded: 0.05,
      takerFeeRate: 0.00055,
      riskLimits: BTCUSD_COINM,
    } as const;
    const r = liquidationPrice(input);
    const lp = priceOf(r);
    const t = BTCUSD_COINM[0]!;
    const balance = 60_000 / 50_000 / 10 + 0.05 / 1.00055 + 60_000 * (1 / 50_000 - 1 / lp);
    expect(balance).toBeCloseTo((60_000 / lp) * t.maintenanceMarginRate - t.maintenanceAmount, 12);
  });

  it('Hyperliquid cross equals the docs formula price − side·margin_available/size/(1 − l·side) (liquidation.md §5)', () => {
    const tiers = hyperliquidTiers([{ lowerBound: 0, maxLeverage: 40 }]);
    const lp = priceOf(
      liquidationPrice({
        model: 'hyperliquid-cross',
        szi: 0.2,
        markPx: 100_000,
        accountValue: 5_000,
        crossMaintenanceMarginUsed: 400,
        marginTiers: tiers,
      }),
    );
    expect(lp).toBeCloseTo(100_000 - (5_000 - 400) / 0.2 / (1 - 0.0125), 6);
  });

  it('Bybit UTA cross: the account equity equals its maintenance margin at LP, other positions fixed', () => {
    const tiers = [singleTier(0.005)];
    const lp = priceOf(
      liquidationPrice({
        model: 'bybit-cross',
        side: 'short',
        kind: 'linear',
        size: 2,
        markPrice: 3_000,
        totalEquity: 1_000,
        totalMaintenanceMargin: 80,
        tiers,
      }),
    );
    const otherMm = 80 - 2 * 3_000 * 0.005;
    expect(1_000 - 2 * (lp - 3_000)).toBeCloseTo(otherMm + 2 * lp * 0.005, 9);
  });

  it.each([
    ['fully collateralised 1× long', usdmLong(100_000, 1, 100_000, [singleTier(0.004)]), 'no_liquidation'],
    [
      'OKX inverse short over-collateralised',
      {
        model: 'okx-isolated',
        kind: 'inverse',
        side: 'short',
        pos: 10,
        ctVal: 100,
        avgPx: 50_000,
        margin: 0.03,
        tierMmr: 0.004,
        tier: 1,
        takerFeeRate: 0.0005,
      } as const,
      'no_liquidation',
    ],
    ['zero size', usdmLong(100, 0, 100_000, [singleTier(0.004)]), 'invalid_input'],
    ['no tiers', usdmLong(100, 1, 100_000, []), 'invalid_input'],
    ['NaN wallet', usdmLong(Number.NaN, 1, 100_000, [singleTier(0.004)]), 'invalid_input'],
  ] as const)('%s → null with reason %s', (_name, input, reason) => {
    expect(liquidationPrice(input)).toMatchObject({ price: null, reason });
  });
});
