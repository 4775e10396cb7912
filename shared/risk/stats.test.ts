import { describe, expect, it } from 'vitest';
import { seriesFromBars, type TestBar } from '../domain/test-candles';
import { dailySigma, liquidationDistance } from './distance';
import { eitherOf, jumpProbability, tailScale, touchProbabilities, touchProbability } from './probability';
import {
  annualise,
  atrWilder,
  estimateBeta,
  ewmaVariance,
  garmanKlassVariance,
  logReturns,
  normalCdf,
  parkinsonVariance,
  sampleVariance,
  trueRanges,
  volatilityStats,
  zeroMeanVariance,
} from './stats';

const bar = (time: number, open: number, high: number, low: number, close: number): TestBar => ({
  time,
  open,
  high,
  low,
  close,
  volume: 1,
});

// risk-method.md E2: five daily bars, prior close C0 = 99,000.
const E2 = seriesFromBars([
  bar(1, 100_000, 102_000, 98_500, 101_000),
  bar(2, 101_000, 103_500, 100_200, 102_800),
  bar(3, 102_800, 104_000, 99_800, 100_500),
  bar(4, 100_500, 101_200, 96_500, 97_500),
  bar(5, 97_500, 99_900, 97_000, 99_400),
]);
const C0 = 99_000;
const close = (actual: number, expected: number, relTol: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * relTol);

describe('normal CDF', () => {
  it.each([
    // Reference values: Φ(0) = 0.5; Φ(−1.959963985) = 0.025; Φ(−3.227…) from E14 (P_hit = 2Φ(−d) = 0.12500 %).
    [0, 0.5],
    [-1.959963984540054, 0.025],
    [1.959963984540054, 0.975],
    [-5, 2.866515718791939e-7],
    [-10, 7.619853024160527e-24],
  ])('Φ(%f) = %f', (x, p) => close(normalCdf(x), p, 1e-7));
});

describe('volatility estimators, risk-method.md E2', () => {
  it.each([
    // Daily σ and annualised (√365): Parkinson 2.2627 % / 43.23 %, GK 2.3211 % / 44.34 %, zero-mean c-c 2.2428 % / 42.85 %,
    // sample c-c 2.5059 % / 47.87 %.
    ['Parkinson', () => parkinsonVariance(E2), 0.022627, 0.4323],
    ['Garman–Klass', () => garmanKlassVariance(E2), 0.023211, 0.4434],
    ['zero-mean c-c', () => zeroMeanVariance(logReturns(E2, C0)), 0.022428, 0.4285],
    ['sample c-c', () => sampleVariance(logReturns(E2, C0)), 0.025059, 0.4787],
  ])('%s', (_name, variance, daily, annual) => {
    const v = variance()!;
    close(Math.sqrt(v), daily, 5e-5);
    close(annualise(v, 365), annual, 5e-4);
  });

  it('true ranges 3,500 / 3,300 / 4,200 / 4,700 / 2,900 and simple ATR(5) = 3,720', () => {
    expect(trueRanges(E2, C0)).toEqual([3_500, 3_300, 4_200, 4_700, 2_900]);
    expect(atrWilder(E2, 5, C0)).toBe(3_720);
  });

  it('Wilder smoothing after the seed: ATR_t = ((n−1)·ATR_{t−1} + TR_t)/n', () => {
    // Seed ATR(3) = mean(3,500, 3,300, 4,200) = 3,666.67; then (2·3,666.67 + 4,700)/3 and (2·that + 2,900)/3.
    const seed = (3_500 + 3_300 + 4_200) / 3;
    const a4 = (2 * seed + 4_700) / 3;
    expect(atrWilder(E2, 3, C0)).toBeCloseTo((2 * a4 + 2_900) / 3, 9);
    expect(atrWilder(E2, 6, C0)).toBeNull();
  });

  it('EWMA: σ²_t = 0.94·σ²_{t−1} + 0.06·r_t² from the seed', () => {
    const r = [0.01, -0.02, 0.03];
    const seed = (0.0001 + 0.0004 + 0.0009) / 3;
    const expected = 0.94 * (0.94 * (0.94 * seed + 0.06 * 0.0001) + 0.06 * 0.0004) + 0.06 * 0.0009;
    expect(ewmaVariance(r)).toBeCloseTo(expected, 15);
    expect(ewmaVariance([0.01])).toBeNull();
  });

  it('volatilityStats prefers daily bars, falls back to hourly, and refuses too little data', () => {
    const daily = Array.from({ length: 40 }, (_, i) => bar(i * 86_400_000, 100, 102, 98, i % 2 === 0 ? 101 : 99));
    const stats = volatilityStats(seriesFromBars(daily), seriesFromBars([]))!;
    expect(stats.timeframe).toBe('1d');
    expect(stats.rv7Annual).not.toBeNull();
    expect(stats.atr14).not.toBeNull();
    expect(volatilityStats(seriesFromBars(daily.slice(0, 10)), seriesFromBars(daily.slice(0, 47)))).toBeNull();
    const hourly = Array.from({ length: 60 }, (_, i) => bar(i * 3_600_000, 100, 101, 99, i % 2 === 0 ? 100.5 : 99.5));
    expect(volatilityStats(seriesFromBars(daily.slice(0, 10)), seriesFromBars(hourly))?.timeframe).toBe('1h');
  });

  it('beta: an asset that moves 1.5× BTC on common bars has β = 1.5; too few bars → null', () => {
    const btc: TestBar[] = [];
    const alt: TestBar[] = [];
    let pb = 100;
    let pa = 10;
    for (let i = 0; i < 40; i++) {
      const r = Math.sin(i * 1.7) * 0.02;
      pb *= Math.exp(r);
      pa *= Math.exp(1.5 * r);
      btc.push(bar(i, pb, pb, pb, pb));
      alt.push(bar(i, pa, pa, pa, pa));
    }
    expect(estimateBeta(seriesFromBars(alt), seriesFromBars(btc))).toBeCloseTo(1.5, 9);
    expect(estimateBeta(seriesFromBars(alt.slice(0, 10)), seriesFromBars(btc))).toBeNull();
  });
});

describe('distance to liquidation, risk-method.md E13', () => {
  it('E6 position: 9.6386 %, 4.016 ATR, 3.2272 daily σ (P 100,000, LP 90,361.45, ATR 2,400, σ 60 %)', () => {
    const d = liquidationDistance('long', 100_000, 90_361.4458, 2_400, dailySigma(0.6));
    close(d.fraction, 0.096386, 5e-5);
    close(d.atr!, 4.016, 5e-4);
    close(d.sigma!, 3.2272, 5e-5);
  });
  it('negative once crossed; null units without ATR or σ', () => {
    const d = liquidationDistance('short', 100_000, 99_000, null, null);
    expect(d.fraction).toBeCloseTo(-0.01, 12);
    expect(d.atr).toBeNull();
    expect(d.sigma).toBeNull();
  });
});

describe('touch probability, risk-method.md E14 and E15 (σ 60 %, E6 long, LP 90,361.4458)', () => {
  const LP = 90_361.4458;
  it.each([
    // E14: ν = 0 column, and the price-martingale column (μ = 0 ⇒ ν = −σ²/2).
    [1, 0, 0.00125],
    [7, 0, 0.22255],
    [30, 0, 0.55572],
    [1, -0.18, 0.0013148],
    [7, -0.18, 0.234],
    [30, -0.18, 0.58382],
  ])('%i day(s), ν = %f → %f', (days, nu, p) => close(touchProbability('long', 100_000, LP, 0.6, days, nu), p, 5e-4));

  it.each([
    // E15: (a) σ × 1.5 = 90 %: 3.1438 % (1 d), 41.611 % (7 d).
    [1, 0.031438],
    [7, 0.41611],
  ])('(a) stressed σ 90 pct, %i day(s) → %f', (days, p) =>
    close(touchProbability('long', 100_000, LP, 0.9, days), p, 5e-4),
  );

  it('(b) q_emp = −8.5 % → k_tail = 1.16343, σ_eff = 69.806 %: 0.5539 % (1 d), 29.444 % (7 d)', () => {
    const k = tailScale(-0.085, dailySigma(0.6));
    close(k, 1.16343, 5e-5);
    close(touchProbability('long', 100_000, LP, 0.6 * k, 1), 0.005539, 5e-4);
    close(touchProbability('long', 100_000, LP, 0.6 * k, 7), 0.29444, 5e-4);
  });

  it.each([
    // E15 (c): λ = 6, η = 5 %, x = 0.1013525: P_jump 0.21630 % → P_tot 0.34102 % (1 d); 1.50429 % → 23.424 % (7 d);
    // 30-day P_tot 58.366 %.
    [1, 0.002163, 0.0034102],
    [7, 0.0150429, 0.23424],
    [30, null, 0.58366],
  ])('(c) jump overlay, %i day(s)', (days, pJump, pTot) => {
    if (pJump !== null) close(jumpProbability(0.1013525, 6, 0.05, days), pJump, 5e-4);
    const all = touchProbabilities({
      side: 'long',
      price: 100_000,
      liquidation: LP,
      sigmaAnnual: 0.6,
      stressedSigmaAnnual: null,
      jump: { lambdaPerYear: 6, eta: 0.05 },
      horizonDays: days,
    });
    close(all.jumpOverlay!, pTot, 5e-4);
    expect(all.fat).toBe(all.jumpOverlay);
  });

  it('P_fat is the maximum of the enabled variants (defaults (a) + (c))', () => {
    const all = touchProbabilities({
      side: 'long',
      price: 100_000,
      liquidation: LP,
      sigmaAnnual: 0.6,
      stressedSigmaAnnual: 0.9,
      jump: { lambdaPerYear: 6, eta: 0.05 },
      horizonDays: 7,
    });
    expect(all.fat).toBe(Math.max(all.gaussian, all.stressedSigma!, all.jumpOverlay!));
    close(all.fat, 0.41611, 5e-4);
  });

  it('a short mirrors a long; a crossed barrier is certain; combination is independent', () => {
    close(touchProbability('short', 100_000, 100_000 * (100_000 / LP), 0.6, 7), 0.22255, 5e-4);
    expect(touchProbability('long', 100_000, 100_500, 0.6, 1)).toBe(1);
    expect(eitherOf(0.5, 0.5)).toBe(0.75);
  });
});
