import { describe, expect, it } from 'vitest';
import type { BookLevel } from '../domain/market';
import { REGIME_PARAMS } from './regime';
import {
  depthWithin,
  isolatedLiquidationAtLeverage,
  kellyDrawdownProbability,
  kellyFraction,
  kellyLeverage,
  kellyLogGrowth,
  lossPerUnit,
  marketSlippage,
  maxLeverageForStop,
  sizePosition,
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
const E10_BIDS: BookLevel[] = [
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
];

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
    const book: BookLevel[] = [[100_000, 25]];
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
    book: { levels: [[99_990, 20_000_000 / 99_990]], mid: 100_000 },
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
      book: { levels: E10_BIDS.map(([p, q]) => [p, q / 5_000] as BookLevel), mid: 100_000 },
    });
    expect(thin.binding).toBe('depth');
    expect(thin.reason).toMatch(/^capped by order-book depth: 10 % of the stressed ±1 % depth/u);
  });
  it('a book with nothing near mid binds through the walk; the sentence names the exit size and bps budget', () => {
    const gap = sizePosition({
      ...input,
      book: {
        levels: [
          [99_990, 0.01],
          [99_000, 1_000],
        ],
        mid: 100_000,
      },
    });
    expect(gap.binding).toBe('depth');
    expect(gap.reason).toMatch(/^capped by order-book depth: exiting 0\.0\d{3} BTC within 25 bps/u);
  });
});
