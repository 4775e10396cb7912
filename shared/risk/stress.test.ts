import { describe, expect, it } from 'vitest';
import { isolatedLiquidationAtLeverage } from './sizing';
import {
  type CrossLeg,
  crossAccountAt,
  defaultBeta,
  highBetaEffect,
  stressCrossAccount,
  stressPosition,
} from './stress';

const close = (actual: number, expected: number, relTol: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * relTol);

// risk-method.md E20: WB 15,000; longs BTC N 30,000 (β 1, MMR 0.4 %), ETH N 20,000 (β 1.3, 0.5 %), SOL N 20,000 (β 1.8, 1 %).
const E20: CrossLeg[] = [
  { label: 'BTC', side: 'long', notional: 30_000, beta: 1, mmr: 0.004, maintenanceAmount: 0, stopMove: 0.055 },
  { label: 'ETH', side: 'long', notional: 20_000, beta: 1.3, mmr: 0.005, maintenanceAmount: 0, stopMove: 0.07 },
  { label: 'SOL', side: 'long', notional: 20_000, beta: 1.8, mmr: 0.01, maintenanceAmount: 0, stopMove: 0.11 },
];

describe('betas, risk-method.md §5.1', () => {
  it.each([
    ['BTC', 1],
    ['ETH', 1.3],
    ['SOL', 1.8],
    ['XRP', 1.5],
    ['PEPE', 2],
  ])('%s → %f', (base, beta) => expect(defaultBeta(base)).toBe(beta));
});

describe('cross-margin stress, risk-method.md E20', () => {
  const result = stressCrossAccount(15_000, E20, [-0.05, -0.1, -0.15, -0.2]);
  it.each([
    // [shock, PnL, equity, MM, margin ratio or null, liquidated]
    [0, -4_600, 10_400, 389.5, 0.0375, false],
    [1, -9_200, 5_800, 359, 0.0619, false],
    [2, -13_800, 1_200, 328.5, 0.2738, false],
    [3, -18_400, -3_400, 298, null, true],
  ] as const)('row %i', (i, pnl, equity, mm, ratio, liquidated) => {
    const r = result.rows[i]!;
    close(r.pnl, pnl, 1e-12);
    close(r.equity, equity, 1e-12);
    close(r.maintenance, mm, 1e-12);
    if (ratio === null) expect(r.marginRatio).toBeNull();
    else close(r.marginRatio!, ratio, 5e-3);
    expect(r.liquidated).toBe(liquidated);
  });
  it('x_liq = −15.954 %', () => close(result.btcMoveToLiquidation!, -0.15954, 5e-5));
  it('BTC alone on the same wallet: x_liq = −49.80 %', () =>
    close(stressCrossAccount(15_000, [E20[0]!], []).btcMoveToLiquidation!, -0.498, 5e-4));
  it('the high-beta SOL leg shortens the survivable move, and the sentence says so', () => {
    const effect = highBetaEffect(15_000, E20);
    expect(effect.labels).toEqual(['SOL']);
    // Without SOL: (220 − 15,000)/(56,000 − 250) = −26.51 %, the joint figure of E9.
    close(effect.without!, -0.2651, 5e-4);
    expect(effect.sentence).toMatch(
      /^the high-beta positions SOL \(β 1\.80\) share this margin: the account survives a BTC move of −15\.95 % with them and −26\.51 % without/u,
    );
  });
  it('isolated alternative: SOL alone at 5× (MMR 1 %) is liquidated at SOL −19.19 % = BTC −10.66 % at β 1.8', () => {
    const d = 1 - isolatedLiquidationAtLeverage('long', 1, 5, 0.01);
    close(d, 0.1919, 5e-4);
    close(d / 1.8, 0.1066, 5e-4);
  });
  it('with stops that fill (BTC −5.5 %, ETH −7 %, SOL −11 %): PnL −5,250 → equity 9,750 at −20 %', () => {
    const r = crossAccountAt(15_000, E20, -0.2, true);
    close(r.pnl, -5_250, 1e-12);
    close(r.equity, 9_750, 1e-12);
  });
});

describe('E9 joint liquidation, risk-method.md §1.5', () => {
  it('WB 15,000, BTC long 0.3 @ 100,000 and ETH long 5 @ 4,000 (β 1.3): liquidated at BTC −26.51 %', () => {
    const legs: CrossLeg[] = [
      { label: 'BTC', side: 'long', notional: 30_000, beta: 1, mmr: 0.004, maintenanceAmount: 0 },
      { label: 'ETH', side: 'long', notional: 20_000, beta: 1.3, mmr: 0.005, maintenanceAmount: 0 },
    ];
    close(stressCrossAccount(15_000, legs, []).btcMoveToLiquidation!, -0.2651, 5e-4);
  });
  it('a net-short account is liquidated by a rise; offsetting legs and empty accounts have no move', () => {
    const short: CrossLeg[] = [
      { label: 'BTC', side: 'short', notional: 30_000, beta: 1, mmr: 0.004, maintenanceAmount: 0 },
    ];
    expect(stressCrossAccount(3_000, short, []).btcMoveToLiquidation!).toBeGreaterThan(0);
    expect(stressCrossAccount(3_000, [], []).btcMoveToLiquidation).toBeNull();
  });
});

describe('per-position shocks', () => {
  it('PnL side·Q·ΔP, liquidation crossed once the shocked price passes LP, asset moves capped at −95 %', () => {
    const rows = stressPosition(
      { side: 'long', quantity: 10, mark: 100, liquidation: 75, beta: 2 },
      [-0.1, -0.15, -0.6],
    );
    expect(rows.map((r) => r.liquidated)).toEqual([false, true, true]);
    close(rows[0]!.pnl, -200, 1e-12);
    expect(rows[2]!.assetMove).toBe(-0.95);
    const short = stressPosition({ side: 'short', quantity: 1, mark: 100, liquidation: 108, beta: 1 }, [0.1]);
    expect(short[0]).toMatchObject({ liquidated: true });
    close(short[0]!.pnl, -10, 1e-12);
  });
});
