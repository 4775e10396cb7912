import { describe, expect, it } from 'vitest';
import {
  inverseContractsForLiquidation,
  inverseLiquidationAfterReduction,
  inverseMarginToReach,
  reductionText,
  suggestInverseReduction,
} from './reduction';

const close = (actual: number, expected: number, relTol: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * relTol);

/** liquidation.md §2 one-way inverse: LP = Q·CS·(MMR + side)/(WB − TMM + UPNL + cum + side·Q·CS/EP). */
const binanceCoinmLp = (side: 1 | -1, q: number, cs: number, mmr: number, wb: number, cum: number, ep: number) =>
  (q * cs * (mmr + side)) / (wb + cum + (side * q * cs) / ep);

describe('inverse margin and reduction against liquidation.md §2 (Binance COIN-M one-way)', () => {
  // §2 forum check: WB 101 BTC, long 100,000 BTCUSD ($100) @ 45,000, MMR 12.5 %, cum 11.605 → 33,599.42 (mark = entry).
  const lp = binanceCoinmLp(1, 100_000, 100, 0.125, 101, 11.605, 45_000);
  it('the formula reproduces the forum value 33,599.42', () => close(lp, 33_599.42, 1e-6));
  it('margin to reach 30,000: 10⁷ × 1.125 × (1/30,000 − 1/33,599.4186) = 40.172778 BTC, and §2 with WB + that gives 30,000', () => {
    const add = inverseMarginToReach('long', 100_000, 100, lp, 30_000, 0.125);
    close(add, 40.172778, 1e-7);
    close(binanceCoinmLp(1, 100_000, 100, 0.125, 101 + add, 11.605, 45_000), 30_000, 1e-12);
  });
  it('keeping all contracts keeps the liquidation price; the contracts that put it at LP are all of them', () => {
    close(inverseLiquidationAfterReduction('long', 100_000, 100, 45_000, lp, 100_000, 0.125)!, lp, 1e-12);
    close(inverseContractsForLiquidation('long', 100_000, 100, 45_000, lp, lp, 0.125), 100_000, 1e-12);
  });
  it.each([
    // side, contracts, mark, LP, MMR, target, A = N·F·[(MMR + side)/LP − side/P], margin, contracts at the target
    // long: A = 10⁵ × (1.004/80,000 − 1/100,000) = 0.255; add 100,400 × (1/70,000 − 1/80,000) = 0.179286;
    //       N' = 0.255/(100 × (1.004/70,000 − 10⁻⁵)) = 0.255/(100 × 4.342857e−6) = 587.17
    ['long', 1_000, 100_000, 80_000, 0.004, 70_000, 0.179286, 587.171],
    // short: A = 10⁵ × (−0.995/125,000 + 1/100,000) = 0.204; add −99,500 × (1/140,000 − 1/125,000) = 0.0852857;
    //        N' = 0.204/(100 × (−0.995/140,000 + 10⁻⁵)) = 0.204/(100 × 2.892857e−6) = 705.185
    ['short', 1_000, 100_000, 125_000, 0.005, 140_000, 0.0852857, 705.185],
  ] as const)(
    '%s %i × $100 at mark %i, LP %i, MMR %f → %i: add %f coin, or keep %f contracts',
    (side, n, mark, lp0, mmr, t, add, keep) => {
      close(inverseMarginToReach(side, n, 100, lp0, t, mmr), add, 1e-5);
      const fit = inverseContractsForLiquidation(side, n, 100, mark, lp0, t, mmr);
      close(fit, keep, 1e-5);
      close(inverseLiquidationAfterReduction(side, n, 100, mark, lp0, fit, mmr)!, t, 1e-12);
      // Already beyond the target: nothing to add.
      expect(inverseMarginToReach(side, n, 100, t, lp0, mmr)).toBe(0);
    },
  );
});

describe('suggestInverseReduction: contracts of $F to close, or coin to add (risk-method.md §2.1 daily σ target)', () => {
  // σ_d 3 %, target 4 σ: T = 100,000·e^(−0.12) = 88,692.04 for the long of the table above (LP 80,000 is already
  // ln(1.25)/0.03 = 7.44 σ away), so move LP closer: LP 90,000 → 3.51 σ < 4 σ.
  // A = 10⁵ × (1.004/90,000 − 10⁻⁵) = 0.115556; N' = 0.115556/(100 × (1.004/88,692.04 − 10⁻⁵)) = 0.115556/(100 ×
  // 1.320067e−6) = 875.38 → 875, reduce 125 contracts (0.125 BTC at mark); add 100,400 × (1/88,692.04 − 1/90,000) = 0.0164513.
  const input = {
    side: 'long' as const,
    asset: 'BTC',
    settle: 'BTC',
    contracts: 1_000,
    faceValue: 100,
    mark: 100_000,
    liquidation: 90_000,
    mmr: 0.004,
    sigmaDaily: 0.03,
    targetSigma: 4,
    lotStep: 1,
  };
  // What reductionText needs besides the numbers: the contracts held, their face value, the mark and the lot step.
  const words = (marginMode: 'cross' | 'isolated') => ({
    marginMode,
    asset: 'BTC',
    settle: 'BTC',
    quantity: 1_000,
    inverse: { faceValue: 100, mark: 100_000, lotStep: 1 },
  });
  it('cross: reduce 125 contracts of $100, or add 0.016451 BTC', () => {
    const r = suggestInverseReduction({ ...input, marginMode: 'cross' })!;
    expect(r.reduceBy).toBe(125);
    expect(r.newQuantity).toBe(875);
    close(r.addMargin, 0.01645128, 1e-6);
    close(r.targetLiquidation, 88_692.04, 1e-7);
    expect(r.achievedSigma!).toBeGreaterThanOrEqual(4);
    expect(reductionText(r, words('cross'))).toMatch(
      /^reduce 125 contracts of \$100 \(0\.125000 BTC at mark; to 875\) to bring liquidation to 4\.0 daily σ \([\d,.]+\), or add 0\.016451 BTC of margin$/u,
    );
  });
  it('isolated: margin only (reducing shrinks the margin with it)', () => {
    const r = suggestInverseReduction({ ...input, marginMode: 'isolated' })!;
    expect(r.reduceBy).toBeNull();
    expect(reductionText(r, words('isolated'))).toMatch(
      /^add 0\.016451 BTC of margin to bring liquidation to 4\.0 daily σ \(88,692\.04\)/u,
    );
  });
  it('already 4 σ away: no suggestion', () =>
    expect(suggestInverseReduction({ ...input, marginMode: 'cross', liquidation: 80_000 })).toBeNull());
});
