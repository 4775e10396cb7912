import { describe, expect, it } from 'vitest';
import type { RegimeState } from '../domain/settings';
import {
  annualisedBasis,
  classifyRegime,
  coinOiChange,
  fundingApr,
  fundingPer8h,
  NO_SIGNALS,
  type RegimeSignals,
  type SideMemory,
  stepHysteresis,
} from './regime';

const HOUR = 3_600_000;

describe('unit conversions, risk-method.md E16', () => {
  it.each([
    // F8 → APR and per day.
    [0.0001, 0.1095, 0.0003],
    [0.0003, 0.3285, 0.0009],
    [0.0005, 0.5475, 0.0015],
    [0.001, 1.095, 0.003],
    [-0.0003, -0.3285, -0.0009],
  ])('F8 %f → APR %f, per day %f', (f8, apr, day) => {
    expect(fundingApr(f8)).toBeCloseTo(apr, 10);
    expect(f8 * 3).toBeCloseTo(day, 12);
  });
  it('hourly 0.00125 % is 0.01 % per 8 h (Hyperliquid)', () =>
    expect(fundingPer8h(0.0000125, 1)).toBeCloseTo(0.0001, 15));
  it('funding on the E1 position (N 15,647.24) at 0.05 % for 7 days = 164.30 USDT', () =>
    expect(15_647.24 * 0.0005 * 21).toBeCloseTo(164.3, 2));
  it('basis F 101,500 / S 100,000 over 90 days = 6.0833 %', () =>
    expect(annualisedBasis(101_500, 100_000, 90)).toBeCloseTo(0.060833, 6));
  it('OI 30.0B → 31.5B USD while price +4 % = coin OI +0.96 %', () =>
    expect(coinOiChange(30e9, 31.5e9, 0.04)).toBeCloseTo(0.0096, 4));
});

/** E17 inputs: F8, LS, B, ΔOI24, ΔOI7d, sign ΔP7d, pct_ELR, pct_OI, D1 ratio, RV7/RV30. */
const scenario = (
  f8: number,
  ls: number,
  b: number,
  oi24: number,
  oi7: number,
  up: boolean,
  elr: number,
  oiPct: number,
  depth: number,
  rv: number,
): RegimeSignals => ({
  fundingRate: f8,
  fundingIntervalHours: 8,
  longShortRatio: ls,
  basisAnnual: b,
  oiChange24h: oi24,
  oiChange7d: oi7,
  priceChange7d: up ? 0.05 : -0.05,
  elrPercentile: elr,
  oiPercentile: oiPct,
  depthRatio: depth,
  rvRatio: rv,
});

describe('regime scenarios, risk-method.md E17', () => {
  it.each([
    // [scenario, inputs, X, Φ, R_long, R_short, long state, short state]
    [
      'A Apr-2021-like',
      scenario(0.0016, 1.8, 0.4, 0.06, 0.2, true, 0.95, 0.97, 0.8, 1.2),
      0.8883,
      0.7033,
      0.7958,
      0.3517,
      'EXTREME',
      'ELEVATED',
    ],
    [
      'B pre-Oct-10-2025',
      scenario(0.00005, 1.3, 0.07, 0.02, 0.08, true, 0.97, 1.0, 1.0, 0.9),
      0.0695,
      0.55,
      0.3098,
      0.275,
      'ELEVATED',
      'ELEVATED',
    ],
    [
      'B2 during the cascade',
      scenario(-0.0002, 1.1, 0.04, -0.1, -0.15, false, 0.97, 0.9, 0.3, 2.5),
      -0.2663,
      0.9722,
      0.4861,
      0.6192,
      'CROWDED',
      'CROWDED',
    ],
    ['C calm', scenario(0.0001, 1.0, 0.08, 0, 0, true, 0.5, 0.5, 1.0, 1.0), 0, 0, 0, 0, 'NORMAL', 'NORMAL'],
    [
      'D short-crowded',
      scenario(-0.0004, 0.5, -0.02, 0.05, 0.15, false, 0.7, 0.8, 0.9, 1.1),
      -0.7889,
      0.3767,
      0.1883,
      0.5828,
      'NORMAL',
      'CROWDED',
    ],
  ] as const)('%s', (_name, signals, x, phi, rl, rs, ls, ss) => {
    const r = classifyRegime({ signals, now: 0, previous: null });
    expect(r.crowding.value).toBeCloseTo(x, 4);
    expect(r.fragility.value).toBeCloseTo(phi, 4);
    expect(r.long.score).toBeCloseTo(rl, 4);
    expect(r.short.score).toBeCloseTo(rs, 4);
    expect([r.long.state, r.short.state]).toEqual([ls, ss]);
    expect(r.confidence).toBe(1);
  });

  it('scenario A lists every signal with value, thresholds and contributions that add up to the axis score', () => {
    const r = classifyRegime({
      signals: scenario(0.0016, 1.8, 0.4, 0.06, 0.2, true, 0.95, 0.97, 0.8, 1.2),
      now: 0,
      previous: null,
    });
    const sum = r.crowding.signals.reduce((a, s) => a + s.contribution, 0);
    expect(sum).toBeCloseTo(r.crowding.value!, 12);
    expect(r.crowding.signals.find((s) => s.id === 'funding')).toMatchObject({
      value: 0.0016,
      subScore: 1,
      weight: 0.4,
    });
    expect(r.crowding.signals.find((s) => s.id === 'long_short')?.subScore).toBeCloseTo(0.6415, 4);
    expect(r.fragility.signals.find((s) => s.id === 'volatility')?.subScore).toBeCloseTo(0.2667, 4);
  });
});

describe('missing signals lower confidence and are never zeros', () => {
  it('a missing crowding signal is left out of the average, not counted as 0', () => {
    // Scenario A without funding: X = (0.2·0.6415 + 0.2·1 + 0.2·0.8)/0.6, not (…)/1.
    const full = scenario(0.0016, 1.8, 0.4, 0.06, 0.2, true, 0.95, 0.97, 0.8, 1.2);
    const r = classifyRegime({ signals: { ...full, fundingRate: null }, now: 0, previous: null });
    expect(r.crowding.value).toBeCloseTo((0.2 * (Math.log(1.8) / Math.log(2.5)) + 0.2 + 0.2 * 0.8) / 0.6, 12);
    expect(r.confidence).toBeCloseTo(1 - 0.5 * 0.4, 12);
    expect(r.missing).toEqual(['funding']);
  });
  it('with no signal at all: no score, NORMAL on first sight, previous state kept, confidence 0', () => {
    const first = classifyRegime({ signals: NO_SIGNALS, now: 0, previous: null });
    expect(first.long.score).toBeNull();
    expect(first.long.state).toBe('NORMAL');
    expect(first.confidence).toBe(0);
    const kept = classifyRegime({
      signals: NO_SIGNALS,
      now: HOUR,
      previous: { long: { state: 'CROWDED', below: 3 }, short: { state: 'ELEVATED', below: 0 }, observedAt: 0 },
    });
    expect([kept.long.state, kept.short.state]).toEqual(['CROWDED', 'ELEVATED']);
  });
  it('fragility alone still scores both sides', () => {
    const r = classifyRegime({ signals: { ...NO_SIGNALS, depthRatio: 0.3, rvRatio: 2.5 }, now: 0, previous: null });
    expect(r.long.score).toBe(1);
    expect(r.short.state).toBe('EXTREME');
  });
});

describe('hysteresis, risk-method.md E18', () => {
  // R_long hourly: 0.22, 0.27, 0.43, 0.47, 0.44, 0.46, 0.39, 0.38, 0.39, 0.37, 0.36, 0.38, 0.39, 0.37, 0.36, 0.41, then
  // "0.35 … 0.27" (stays ELEVATED because 0.27 ≥ 0.25 − 0.05).
  const trace = [
    0.22, 0.27, 0.43, 0.47, 0.44, 0.46, 0.39, 0.38, 0.39, 0.37, 0.36, 0.38, 0.39, 0.37, 0.36, 0.41, 0.35, 0.3, 0.27,
  ];
  const N = 'NORMAL',
    E = 'ELEVATED',
    C = 'CROWDED';
  const expected: RegimeState[] = [N, E, E, C, C, C, C, C, C, C, C, C, C, E, E, E, E, E, E];

  it('stepHysteresis: downgrade C → E at index 13, the eighth consecutive reading below 0.40', () => {
    let m: SideMemory | null = null;
    const states = trace.map((r) => (m = stepHysteresis(m, r, true)).state);
    expect(states).toEqual(expected);
  });

  it('classifyRegime: the same trace fed hourly through the memory; readings under an hour apart do not count', () => {
    // A fragility-only signal set whose R_long equals the depth sub-score: depth ratio = 1 − R/2.
    const at = (r: number) => ({ ...NO_SIGNALS, depthRatio: 1 - r / 2 });
    let prev = null as ReturnType<typeof classifyRegime>['memory'] | null;
    const states = trace.map((r, i) => {
      const out = classifyRegime({ signals: at(r), now: i * HOUR, previous: prev });
      prev = out.memory;
      return out.long.state;
    });
    expect(states).toEqual(expected);
    // Eight readings below the line, 5 minutes apart: only the first counts, no downgrade.
    let p2 = classifyRegime({ signals: at(0.47), now: 0, previous: null }).memory;
    for (let i = 1; i <= 8; i++)
      p2 = classifyRegime({ signals: at(0.39), now: HOUR + i * 300_000, previous: p2 }).memory;
    expect(p2.long).toEqual({ state: 'CROWDED', below: 1 });
  });
});
