import { describe, expect, it } from 'vitest';
import { sideFromLevels } from '../domain/test-book';
import { REGIME_PARAMS } from './regime';
import { liquidationPrice, type LiquidationResult } from './liquidation';
import {
  depthWithin,
  fitLeverageToBound,
  inverseLossPerContract,
  isolatedInverseLiquidationAtLeverage,
  isolatedLiquidationAtLeverage,
  kellyDrawdownProbability,
  kellyFraction,
  kellyLeverage,
  kellyLogGrowth,
  lossPerUnit,
  marketSlippage,
  maxInverseLeverageForDistance,
  maxInverseLeverageForStop,
  maxLeverageForStop,
  sizeInversePosition,
  sizePosition,
  type SizeInversePositionInput,
  type SizePositionInput,
  volTargetNotional,
  walkBook,
} from './sizing';

const close = (actual: number, expected: number, relTol: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * relTol);

describe('loss per coin and fixed-fractional size (risk-method.md §1.1, §1.3)', () => {
  it.each([
    // E1: P0 100,000, S 97,000, s 0.10 %, fees 0.05 %/0.05 % → ℓ 3,195.4515, Q 0.156472 (R 500).
    ['E1', 100_000, 97_000, 0.001, 3_195.4515, 0.1564724],
    // E3: ATR 2,400, k 2 → S 95,200 → ℓ 4,992.7524, Q 0.100145.
    ['E3', 100_000, 95_200, 0.001, 4_992.7524, 0.1001452],
    // E12: ELEVATED slippage 0.25 % → ℓ 5,135.481; Q at R 375 = 0.073021.
    ['E12', 100_000, 95_200, 0.0025, 5_135.481, 375 / 5_135.481],
  ])('%s', (name, entry, stop, slip, loss, q) => {
    const l = lossPerUnit('long', entry, stop, slip, 0.0005, 0.0005);
    close(l, loss, 1e-9);
    close((name === 'E12' ? 375 : 500) / l, q, 1e-6);
  });

  it('E1: ignoring costs would give 0.166667 BTC, a 6.5 % oversize', () => {
    const naive = 500 / (100_000 - 97_000);
    close(naive, 0.166667, 5e-6);
    close(naive / (500 / 3_195.4515) - 1, 0.065, 0.01);
  });

  it('E16: funding belongs in ℓ: 0.05 % per 8 h for 21 periods costs 0.0005·P0·21 per long coin', () => {
    const withFunding = lossPerUnit('long', 100_000, 97_000, 0.001, 0.0005, 0.0005, 0.0005, 21);
    close(withFunding - 3_195.4515, 1_050, 1e-9);
  });

  it('E4: vol target N = 16,666.67; CROWDED (m 0.5) → 8,333.33', () => {
    close(volTargetNotional(50_000, 0.2, 0.6), 16_666.67, 1e-6);
    close(volTargetNotional(50_000, 0.2, 0.6, 0.5), 8_333.33, 1e-6);
  });
});

describe('Kelly, risk-method.md E5', () => {
  it('p 0.45, b 2: f* 0.175; log growth 0.029243 / 0.022209 / 0.013142 at full / half / quarter', () => {
    const f = kellyFraction(0.45, 2);
    close(f, 0.175, 1e-12);
    close(kellyLogGrowth(0.45, 2, f), 0.029243, 5e-5);
    close(kellyLogGrowth(0.45, 2, f / 2), 0.022209, 5e-5);
    close(kellyLogGrowth(0.45, 2, f / 4), 0.013142, 5e-5);
  });
  it('μ 30 %, σ 60 %: ℓ* 0.8333; P(−50 %) 0.5 / 0.125 / 0.0078; P(−30 %) 0.7 / 0.343 / 0.0824', () => {
    close(kellyLeverage(0.3, 0.6), 0.8333, 5e-5);
    close(kellyDrawdownProbability(0.5, 1), 0.5, 1e-12);
    close(kellyDrawdownProbability(0.5, 0.5), 0.125, 1e-12);
    close(kellyDrawdownProbability(0.5, 0.25), 0.0078, 0.005);
    close(kellyDrawdownProbability(0.7, 1), 0.7, 1e-12);
    close(kellyDrawdownProbability(0.7, 0.5), 0.343, 1e-12);
    close(kellyDrawdownProbability(0.7, 0.25), 0.0824, 0.005);
  });
});

describe('leverage from the stop, risk-method.md E7 and E12', () => {
  it('E7: d_s 3 %, s_stress 1 %, κ 2 → L_max 11.9503; d_liq at 11× 8.7258 %, at 12× 7.9652 %', () => {
    close(maxLeverageForStop('long', 100_000, 97_000, 0.004), 11.9503, 1e-5);
    close(1 - isolatedLiquidationAtLeverage('long', 100_000, 11, 0.004) / 100_000, 0.087258, 5e-5);
    close(1 - isolatedLiquidationAtLeverage('long', 100_000, 12, 0.004) / 100_000, 0.079652, 5e-5);
  });
  it('E12: d_s 4.8 % → L_max 8.366', () => close(maxLeverageForStop('long', 100_000, 95_200, 0.004), 8.366, 5e-5));
});

// risk-method.md E10: BTC bids around mid 100,000.
const E10_BIDS = sideFromLevels([
  [99_995, 2],
  [99_990, 3],
  [99_980, 5],
  [99_960, 8],
  [99_930, 10],
  [99_900, 15],
  [99_850, 20],
  [99_800, 25],
  [99_700, 40],
  [99_500, 60],
]);

describe('order book, risk-method.md E10 and E11', () => {
  it.each([
    // [case, bps, haircut, Q_walk, VWAP, last level]
    ['normal 10 bps', 10, 1, 69.4, 99_900, 99_800],
    ['normal 25 bps', 25, 1, 165.36, 99_750, 99_500],
    ['stressed h 0.3, 10 bps', 10, 0.3, 20.82, 99_900, 99_800],
    ['stressed h 0.3, 25 bps', 25, 0.3, 49.608, 99_750, 99_500],
  ])('%s', (_name, bps, h, q, vwap, last) => {
    const w = walkBook(E10_BIDS, 100_000, bps, 'sell', h);
    close(w.quantity, q, 5e-5);
    close(w.vwap!, vwap, 1e-9);
    expect(w.lastLevel).toBe(last);
    expect(w.exhausted).toBe(false);
  });

  it('bid-side 1 % depth = $18.747M', () => close(depthWithin(E10_BIDS, 100_000, 0.01, 'bids'), 18_747_000, 1e-4));

  it.each([
    // Market-sell VWAP slippage: 10 BTC → 1.40 bps; 30 BTC → 4.53 bps; 50 BTC → 7.42 bps.
    [10, 1.4],
    [30, 4.53],
    [50, 7.42],
  ])('market sell %i BTC → %f bps', (q, bps) =>
    close(marketSlippage(E10_BIDS, 100_000, q, 'sell')! * 10_000, bps, 0.005),
  );

  it('a quantity the visible book cannot fill has no slippage figure', () =>
    expect(marketSlippage(E10_BIDS, 100_000, 189, 'sell')).toBeNull());

  it('E11: α 10 % of $2.5M (normal) / $1.3M (stressed) 1 % depth → $250,000 / $130,000', () => {
    // One level of 25 SOL-like units at 100,000 = $2.5M inside 1 %; the stressed depth is 52 % of it.
    const book = sideFromLevels([[100_000, 25]]);
    expect(0.1 * depthWithin(book, 100_000, 0.01, 'bids')).toBeCloseTo(250_000, 6);
    expect(0.1 * depthWithin(book, 100_000, 0.01, 'bids') * 0.52).toBeCloseTo(130_000, 6);
  });
});

describe('size pipeline, risk-method.md E12', () => {
  // BTC long, E 50,000, ELEVATED, ATR 2,400, k 2 (S 95,200), σ 60 %, σ_target 20 %, f* 0.175; a book with $20M inside
  // 1 % so that Q_depth = 0.10 × 20M × 0.7 / 100,000 = 14.
  const input: SizePositionInput = {
    side: 'long',
    asset: 'BTC',
    equity: 50_000,
    riskFraction: 0.01,
    entry: 100_000,
    stop: 95_200,
    feeIn: 0.0005,
    feeOut: 0.0005,
    regime: REGIME_PARAMS.ELEVATED,
    sigmaAnnual: 0.6,
    book: { levels: sideFromLevels([[99_990, 20_000_000 / 99_990]]), mid: 100_000 },
    depthBps: 25,
    existingGrossNotional: 0,
    kellyFraction: 0.175,
    maintenanceMarginRate: 0.004,
    lotStep: 0.000001,
  };
  const out = sizePosition(input);
  const cap = (id: string) => out.caps.find((c) => c.id === id)!.quantity!;

  it('caps: risk 0.073021, volatility 0.125, Kelly(¼) 0.426, depth 14, gross 1.0', () => {
    close(cap('risk'), 0.073021, 5e-5);
    close(cap('volatility'), 0.125, 1e-9);
    close(cap('kelly'), 0.426, 0.005);
    close(cap('depth'), 14, 1e-6);
    close(cap('gross'), 1, 1e-12);
  });
  it('Q_sugg = 0.073021 BTC, risk-bound, N 7,302.14', () => {
    expect(out.binding).toBe('risk');
    close(out.quantity, 0.073021, 1e-6);
    expect(out.reason).toMatch(/^capped by risk budget/u);
  });
  it('L_max 8.366, regime cap 5 → L_sugg 5×, margin 1,460.43, LP 80,321.29', () => {
    const l = out.leverage!;
    close(l.maxForStop, 8.366, 5e-5);
    expect(l).toMatchObject({ suggested: 5, binding: 'regime', regimeCap: 5 });
    close(l.margin, 1_460.43, 5e-6);
    close(l.liquidationPrice, 80_321.29, 1e-7);
  });
  it('the lot step floors the size; a stop on the wrong side gives no size and says why', () => {
    expect(sizePosition({ ...input, lotStep: 0.001 }).quantity).toBe(0.073);
    const bad = sizePosition({ ...input, stop: 101_000 });
    expect(bad.quantity).toBe(0);
    expect(bad.reason).toMatch(/not on the losing side/u);
  });
  it('a thin book binds through the participation cap (α of the stressed ±1 % depth)', () => {
    const thin = sizePosition({
      ...input,
      book: { levels: { price: E10_BIDS.price, amount: E10_BIDS.amount.map((q) => q / 5_000) }, mid: 100_000 },
    });
    expect(thin.binding).toBe('depth');
    expect(thin.reason).toMatch(/^capped by order-book depth: 10 % of the stressed ±1 % depth/u);
  });
  it('a book with nothing near mid binds through the walk; the sentence names the exit size and bps budget', () => {
    const gap = sizePosition({
      ...input,
      book: {
        levels: sideFromLevels([
          [99_990, 0.01],
          [99_000, 1_000],
        ]),
        mid: 100_000,
      },
    });
    expect(gap.binding).toBe('depth');
    expect(gap.reason).toMatch(/^capped by order-book depth: exiting 0\.0\d{3} BTC within 25 bps/u);
  });
});

// ---- inverse (coin-margined) contracts ----
// Source of the PnL: liquidation.md §2 (Binance COIN-M, "solving margin balance = maintenance margin for inverse PnL",
// CS = USD per contract) and from-position.ts `positionUnrealizedPnl`: PnL = side·N·F·(1/EP − 1/P) in the coin.
// So a stop at S from entry E on N contracts of face value F loses N·F·|1/E − 1/S| coin before costs; fees and funding
// are rates on the coin value N·F/P (risk-method.md §1.1 terms, per contract).

describe('inverse loss per contract (ℓ_c = F·[side·(1/X − 1/P0) + f_in/P0 + f_out/X])', () => {
  it.each([
    // Long, no costs: 100·(1/80,000 − 1/100,000) = 100·(0.0000125 − 0.00001) = 0.00025 BTC.
    ['long, no costs', 'long', 100_000, 80_000, 0, 0, 100, 0.00025],
    // Short, no costs: 100·(1/100,000 − 1/125,000) = 100·(0.00001 − 0.000008) = 0.0002 BTC.
    ['short, no costs', 'short', 100_000, 125_000, 0, 0, 100, 0.0002],
    // Bybit 1 USD contracts: 1·(1/80,000 − 1/100,000) = 0.0000025 BTC.
    ['long, $1 face', 'long', 100_000, 80_000, 0, 0, 1, 0.0000025],
    // X = 80,000·0.999 = 79,920; 100·(1.0005/79,920 − 0.9995/100,000) = 100·(0.0000125187688 − 0.000009995)
    //   = 0.000252376877 BTC.
    ['long, s 0.10 %, fees 0.05 %', 'long', 100_000, 80_000, 0.001, 0.0005, 100, 0.000252376877],
    // E12 stop inverse: X = 95,200·0.9975 = 94,962; 100·(1.0005/94,962 − 0.9995/100,000)
    //   = 100·(0.0000105357933 − 0.000009995) = 0.0000540793265 BTC.
    ['E12 stop, ELEVATED s 0.25 %', 'long', 100_000, 95_200, 0.0025, 0.0005, 100, 0.0000540793265],
    // Short mirror: X = 104,800·1.0025 = 105,062; 100·(1.0005/100,000 − 0.9995/105,062)
    //   = 100·(0.000010005 − 0.00000951343016) = 0.0000491569835 BTC.
    ['E12 stop mirrored, short', 'short', 100_000, 104_800, 0.0025, 0.0005, 100, 0.0000491569835],
  ] as const)('%s', (_name, side, entry, stop, slip, fee, face, expected) =>
    close(inverseLossPerContract(side, entry, stop, slip, fee, fee, face), expected, 1e-8),
  );

  it('N·F·|1/E − 1/S|: 20 contracts of $100 from 100,000 to 80,000 lose 2,000 × 0.0000025 = 0.005 BTC', () =>
    close(20 * inverseLossPerContract('long', 100_000, 80_000, 0, 0, 0, 100), 0.005, 1e-12));

  it('funding adds side·F8·n8·F/P0: 0.01 % × 3 periods × 100/100,000 = 0.0000003 BTC for a long', () =>
    close(inverseLossPerContract('long', 100_000, 80_000, 0, 0, 0, 100, 0.0001, 3) - 0.00025, 0.0000003, 1e-6));
});

describe('inverse isolated liquidation and leverage from a stop (liquidation.md §2 one-way, WB = N·F/(EP·L), cum 0)', () => {
  it.each([
    // LP = EP·(side + MMR)/(side + 1/L). Long 7×: 100,000·1.004/(1 + 1/7) = 100,400/(8/7) = 87,850.
    ['long', 7, 87_850],
    // Long 5×: 100,400/1.2 = 83,666.67.
    ['long', 5, 83_666.666667],
    // Short 9×: 100,000·0.996/(1 − 1/9) = 99,600/(8/9) = 112,050.
    ['short', 9, 112_050],
    // Short 5×: 99,600/0.8 = 124,500.
    ['short', 5, 124_500],
  ] as const)('%s at %d× → %f', (side, lev, lp) =>
    close(isolatedInverseLiquidationAtLeverage(side, 100_000, lev, 0.004), lp, 1e-9),
  );

  it('a short at 1× has no liquidation (the coin margin covers any rise)', () =>
    expect(isolatedInverseLiquidationAtLeverage('short', 100_000, 1, 0.004)).toBe(Infinity));

  it.each([
    // §1.5 with d_s 4.8 %, s_stress 1 %, κ 2 → d_req 11.6 %. L_max = (1 − side·d)/(d + MMR):
    // long (1 − 0.116)/(0.116 + 0.004) = 0.884/0.12 = 7.3667 (the linear E12 figure is 8.366: inverse longs lose faster).
    ['long', 95_200, 7.366667],
    // short (1 + 0.116)/0.12 = 9.3.
    ['short', 104_800, 9.3],
  ] as const)('%s stop %d → L_max %f', (side, stop, lMax) => {
    close(maxInverseLeverageForStop(side, 100_000, stop, 0.004), lMax, 1e-6);
    // At L_max the liquidation price sits exactly d_req from the entry: 88,400 (long), 111,600 (short).
    close(isolatedInverseLiquidationAtLeverage(side, 100_000, lMax, 0.004), side === 'long' ? 88_400 : 111_600, 1e-6);
  });
  it('d_req ≥ 100 % leaves no leverage for a long', () =>
    expect(maxInverseLeverageForDistance('long', 1, 0.004)).toBeLessThanOrEqual(0));
});

describe('inverse leverage checked against the venue model (OKX inverse isolated, liquidation.md §4)', () => {
  // OKX inverse long: LP = n·ctVal·(1 + MMR + f)/(M + n·ctVal/EP); with M = n·ctVal/(EP·L) this is
  // EP·(1 + MMR + f)/(1 + 1/L): the taker fee sits next to the MMR, so OKX liquidates earlier than the cum-0 form.
  const okxAt =
    (side: 'long' | 'short', contracts: number) =>
    (leverage: number): LiquidationResult =>
      liquidationPrice({
        model: 'okx-isolated',
        kind: 'inverse',
        side,
        pos: contracts,
        ctVal: 100,
        avgPx: 100_000,
        margin: (contracts * 100) / (100_000 * leverage),
        tierMmr: 0.004,
        tier: 1,
        takerFeeRate: 0.0005,
      });
  it.each([
    // Bound 87,875 (d_req 12.125 %). Cum-0 form at 7×: 87,850 ≤ 87,875 passes, but OKX at 7×:
    // 100,000·1.0045/(8/7) = 87,893.75 > 87,875 fails; 6×: 100,450/(7/6) = 86,100 passes → 6×.
    ['long', 87_875, 7, 6, 86_100],
    // Bound 88,400 (d_req 11.6 %): OKX 7× gives 87,893.75 ≤ 88,400 → 7× stands.
    ['long', 88_400, 7, 7, 87_893.75],
    // Short, bound 111,600: OKX short LP = EP·(1 − MMR − f)/(1 − 1/L); 9×: 99,550/(8/9) = 111,993.75 ≥ 111,600 → 9×.
    ['short', 111_600, 9, 9, 111_993.75],
    // Short, bound 112,000: 9× gives 111,993.75 < 112,000; 8×: 99,550/(7/8) = 113,771.43 → 8×.
    ['short', 112_000, 9, 8, 113_771.428571],
  ] as const)('%s, bound %d, from %d× → %d× (LP %f)', (side, bound, start, lev, lp) => {
    const fitted = fitLeverageToBound(side, bound, start, okxAt(side, 10));
    expect(fitted.leverage).toBe(lev);
    close(fitted.result?.price ?? NaN, lp, 1e-9);
  });
  it('none fits down to 1×: null, with the 1× answer kept', () => {
    // Bound 50,000: 3× 100,450/(4/3) = 75,337.5, 2× 100,450/1.5 = 66,966.67, 1× 100,450/2 = 50,225: all above it.
    const fitted = fitLeverageToBound('long', 50_000, 3, okxAt('long', 10));
    expect(fitted.leverage).toBeNull();
    close(fitted.result?.price ?? NaN, 50_225, 1e-9);
  });
  it('a model answer of no_liquidation passes; any other missing price stops the search', () => {
    const none: LiquidationResult = { price: null, model: 'okx-isolated', reason: 'no_liquidation', detail: 'x' };
    const bad: LiquidationResult = { price: null, model: 'okx-isolated', reason: 'invalid_input', detail: 'x' };
    expect(fitLeverageToBound('short', 110_000, 1, () => none).leverage).toBe(1);
    expect(fitLeverageToBound('short', 110_000, 4, () => bad)).toEqual({ leverage: null, result: bad });
  });
});

describe('inverse size pipeline: E12 on Binance COIN-M BTCUSD_PERP ($100 contracts), equity 0.5 BTC', () => {
  // E12's inputs with the equity held in BTC: E = 0.5 BTC (= 50,000 USD at P0 100,000), ELEVATED (r 0.75 %, m 0.75,
  // s 0.25 %, h 0.7, G_max 2×, L_cap 5×), S 95,200, σ 60 %, σ_target 20 %, f* 0.175, fees 0.05 %, MMR 0.4 %,
  // a book with $20M inside 1 %, lot 1 contract.
  const input: SizeInversePositionInput = {
    side: 'long',
    asset: 'BTC',
    settle: 'BTC',
    equity: 0.5,
    riskFraction: 0.01,
    entry: 100_000,
    stop: 95_200,
    feeIn: 0.0005,
    feeOut: 0.0005,
    regime: REGIME_PARAMS.ELEVATED,
    sigmaAnnual: 0.6,
    book: { levels: sideFromLevels([[99_990, 20_000_000 / 99_990]]), mid: 100_000 },
    depthBps: 25,
    existingGrossNotional: 0,
    kellyFraction: 0.175,
    maintenanceMarginRate: 0.004,
    faceValue: 100,
    lotStep: 1,
  };
  const out = sizeInversePosition(input);
  const cap = (id: string) => out.caps.find((c) => c.id === id)!.quantity!;

  it('caps in contracts: risk 69.34, volatility 125, Kelly(¼) 404.5, depth 14,000, gross 1,000', () => {
    // risk: R = 0.75 % × 0.5 = 0.00375 BTC; ℓ_c = 0.0000540793265 (above) → 0.00375/0.0000540793265 = 69.3426.
    close(cap('risk'), 69.34258, 1e-6);
    // volatility: 0.5 × 100,000 × 0.20 × 0.75/0.60 = 12,500 USD → /100 = 125 contracts.
    close(cap('volatility'), 125, 1e-9);
    // Kelly: ¼ × 0.175 = 0.04375 × 0.5 = 0.021875 BTC / 0.0000540793265 = 404.4985.
    close(cap('kelly'), 404.4985, 1e-5);
    // depth: α 10 % × $20M × h 0.7 = $1.4M → /100 = 14,000 contracts (the walk allows 140.014 BTC = 140,014).
    close(cap('depth'), 14_000, 1e-6);
    // gross: 2 × 50,000 USD − 0 → /100 = 1,000 contracts.
    close(cap('gross'), 1_000, 1e-12);
  });
  it('N_sugg = 69 contracts of $100 (floored to the lot), risk-bound: 6,900 USD, 0.069 BTC at entry', () => {
    expect(out).toMatchObject({ quantity: 69, binding: 'risk', unit: 'contracts', faceValue: 100, settle: 'BTC' });
    close(out.notional, 6_900, 1e-12);
    close(out.coinValue, 0.069, 1e-12);
    close(out.riskBudget, 0.00375, 1e-12);
    // The loss if the stop fills on the floored size stays within R: 69 × 0.0000540793265 = 0.0037315 ≤ 0.00375.
    expect(out.quantity * out.lossPerUnit).toBeLessThanOrEqual(out.riskBudget);
    expect(out.reason).toBe(
      'capped by risk budget: 0.75 % of equity (0.003750 BTC) lost if the stop at 95,200.00 fills with 0.25 % slippage and fees (0.00005408 BTC per $100 contract)',
    );
  });
  it('leverage: L_max 7.3667 (inverse), regime cap 5 → 5×; margin 0.0138685 BTC; LP 83,666.67', () => {
    const l = out.leverage!;
    close(l.maxForStop, 7.366667, 1e-6);
    expect(l).toMatchObject({ suggested: 5, binding: 'regime', regimeCap: 5, model: null });
    // margin = N_raw·F/(P0·L) = 69.34258 × 100/(100,000 × 5) = 0.01386852 BTC.
    close(l.margin, 0.01386852, 1e-6);
    // LP = 100,000 × 1.004/(1 + 1/5) = 83,666.67.
    close(l.liquidationPrice, 83_666.666667, 1e-9);
  });
  it('short mirror: ℓ_c 0.0000491570 → 76 contracts; L_max 9.3, capped at 5×, LP 124,500', () => {
    const short = sizeInversePosition({ ...input, side: 'short', stop: 104_800, book: null, kellyFraction: null });
    // 0.00375/0.0000491569835 = 76.286 → 76.
    expect(short.quantity).toBe(76);
    close(short.leverage!.maxForStop, 9.3, 1e-9);
    expect(short.leverage!.suggested).toBe(5);
    close(short.leverage!.liquidationPrice, 124_500, 1e-9);
  });
  it('the open gross (USD) eats the gross cap: 95,000 USD open leaves (100,000 − 95,000)/100 = 50 contracts', () => {
    const busy = sizeInversePosition({ ...input, existingGrossNotional: 95_000 });
    expect(busy.binding).toBe('gross');
    expect(busy.quantity).toBe(50);
  });
  it('a book with nothing near mid binds through the walk, converted to contracts at the entry: 9.24 → 9', () => {
    // §1.6 walk within 25 bps of 100,000 (V* = 99,750) on the stressed book (h 0.7): 0.01 × 0.7 = 0.007 BTC at 99,990,
    // then a partial z = 0.007 × (99,990 − 99,750)/(99,750 − 99,000) = 0.00224 BTC at 99,000 → 0.00924 BTC
    // = 0.00924 × 100,000/100 = 9.24 contracts; the α cap is 10 % × 0.7 × (999.9 + 99,000,000)/100 = 69,300.7.
    const gap = sizeInversePosition({
      ...input,
      book: {
        levels: sideFromLevels([
          [99_990, 0.01],
          [99_000, 1_000],
        ]),
        mid: 100_000,
      },
    });
    close(gap.caps.find((c) => c.id === 'depth')!.quantity!, 9.24, 1e-9);
    expect(gap).toMatchObject({ binding: 'depth', quantity: 9 });
    expect(gap.reason).toBe(
      'capped by order-book depth: exiting 0.0092 BTC (9 contracts) within 25 bps needs the stressed book (haircut 0.70)',
    );
  });
  it('a size below one contract says so; a stop on the wrong side gives no size', () => {
    // 0.5 % of 0.001 BTC = 0.000005 BTC / 0.0000540793 = 0.09 contract → 0.
    const tiny = sizeInversePosition({ ...input, equity: 0.001, riskFraction: 0.005 });
    expect(tiny.quantity).toBe(0);
    expect(tiny.reason).toMatch(/below one lot \(1 contract of \$100\)$/u);
    const bad = sizeInversePosition({ ...input, stop: 101_000 });
    expect(bad.quantity).toBe(0);
    expect(bad.reason).toMatch(/not on the losing side/u);
  });
  it('the venue model steps the leverage down: OKX fee term at a d_req of 12.125 % gives 6×, not 7×', () => {
    // NORMAL (L_cap 10×); S 94,937.5 → d_s 5.0625 %, d_req 2 × 6.0625 % = 12.125 %, bound 87,875;
    // L_max = (1 − 0.12125)/(0.12125 + 0.004) = 7.016 → 7×; OKX at 7× liquidates at 87,893.75 > 87,875 → 6×
    // (LP 86,100), as in the table above.
    const okx = sizeInversePosition({
      ...input,
      regime: REGIME_PARAMS.NORMAL,
      stop: 94_937.5,
      liquidationAt: (leverage, contracts) =>
        liquidationPrice({
          model: 'okx-isolated',
          kind: 'inverse',
          side: 'long',
          pos: contracts,
          ctVal: 100,
          avgPx: 100_000,
          margin: (contracts * 100) / (100_000 * leverage),
          tierMmr: 0.004,
          tier: 1,
          takerFeeRate: 0.0005,
        }),
    });
    close(okx.leverage!.maxForStop, 7.015968, 1e-6);
    expect(okx.leverage).toMatchObject({ suggested: 6, binding: 'stop', model: 'okx-isolated' });
    close(okx.leverage!.liquidationPrice, 86_100, 1e-9);
    expect(okx.leverage!.reason).toMatch(/venue's own model, with its fees and tiers, allows 6×, not 7×/u);
  });
});
