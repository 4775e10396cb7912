import { describe, expect, it } from 'vitest';
import { isolatedLiquidationAtLeverage } from './sizing';
import {
  type CrossLeg,
  crossAccountAt,
  defaultBeta,
  highBetaEffect,
  stressCrossAccount,
  stressGrid,
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
    const r = result.rows;
    close(r.pnl[i]!, pnl, 1e-12);
    close(r.equity[i]!, equity, 1e-12);
    close(r.maintenance[i]!, mm, 1e-12);
    if (ratio === null) expect(r.marginRatio[i]).toBeNull();
    else close(r.marginRatio[i]!, ratio, 5e-3);
    expect(r.liquidated[i]).toBe(liquidated);
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
    expect(rows.liquidated).toEqual([false, true, true]);
    close(rows.pnl[0]!, -200, 1e-12);
    expect(rows.assetMove[2]).toBe(-0.95);
    expect(rows.maxLoss).toBeNull();
    const short = stressPosition({ side: 'short', quantity: 1, mark: 100, liquidation: 108, beta: 1 }, [0.1]);
    expect(short.liquidated[0]).toBe(true);
    close(short.pnl[0]!, -10, 1e-12);
  });
  it('the grid (moves and prices) depends on mark and beta only: a report shares it between positions', () => {
    const grid = stressGrid(100, 2, [-0.1, 0.05]);
    expect(grid.assetMove).toEqual([-0.2, 0.1]);
    close(grid.price[0]!, 80, 1e-12);
    const a = stressPosition({ side: 'long', quantity: 1, mark: 100, liquidation: null, beta: 2 }, [-0.1, 0.05], grid);
    expect(a.assetMove).toBe(grid.assetMove);
    expect(a.price).toBe(grid.price);
  });
});

/**
 * An isolated position past its liquidation price is liquidated: the trader loses its isolated margin and no more
 * (risk-method.md §5.2, "Isolated alternative: SOL alone at 5× isolated (MMR 1 %) is liquidated at SOL −19.19 %,
 * which is BTC −10.66 % at β 1.8. The loss is capped at its 4,000 margin"). Measured from the mark, what is left to
 * lose is the margin plus the unrealised PnL at mark (`maxLoss`). Before liquidation the PnL is the linear side·Q·ΔP.
 */
describe('isolated loss cap, risk-method.md §5.2', () => {
  // E20's SOL leg: N 20,000 at mark 200 → Q 100 SOL, 5× isolated → margin 4,000; LP = 200·(1 − 0.1919) = 161.62.
  const SOL = { side: 'long', quantity: 100, mark: 200, liquidation: 161.62, beta: 1.8 } as const;
  it.each([
    // [BTC shock, SOL move (β 1.8), liquidated, uncapped side·Q·ΔP, PnL with maxLoss 4,000]
    [-0.05, -0.09, false, -1_800, -1_800], // before LP: linear, below the cap
    [-0.1, -0.18, false, -3_600, -3_600], // SOL 164.00 > LP 161.62: still open
    [-0.15, -0.27, true, -5_400, -4_000], // past LP: liquidated, loses the 4,000 margin (§5.2), not 5,400
    [-0.2, -0.36, true, -7_200, -4_000], // further: still 4,000
    [0.1, 0.18, false, 3_600, 3_600], // gains are not capped
  ] as const)('BTC %f → SOL %f, liquidated %s: %f uncapped, %f capped', (shock, move, liq, uncapped, capped) => {
    const free = stressPosition(SOL, [shock]);
    const cap = stressPosition({ ...SOL, maxLoss: 4_000 }, [shock]);
    close(free.assetMove[0]!, move, 1e-12);
    expect(cap.liquidated[0]).toBe(liq);
    close(free.pnl[0]!, uncapped, 1e-12);
    close(cap.pnl[0]!, capped, 1e-12);
    expect(cap.maxLoss).toBe(4_000);
  });
  it.each([
    // A position already in loss at mark has less left to lose: margin 4,000 + uPnL −1,500 = 2,500 (short mirror).
    ['short', 2_500, 0.2, -2_500],
    // At the liquidation price the remaining equity (≈ maintenance) goes too: the loss is the whole cap, not ΔP·Q.
    ['short', 2_500, 0.101, -2_500],
  ] as const)('%s with maxLoss %f at BTC %f → %f', (side, maxLoss, shock, pnl) => {
    // Short 100 @ 200, LP 220 (+10 %), β 1: BTC +10.1 % crosses it.
    const r = stressPosition({ side, quantity: 100, mark: 200, liquidation: 220, beta: 1, maxLoss }, [shock]);
    expect(r.liquidated[0]).toBe(true);
    close(r.pnl[0]!, pnl, 1e-12);
  });
  it('a stop that fills before the liquidation price closes the position first: its loss, not the margin', () => {
    // Long 100 @ 200, LP 161.62 (−19.19 %), stop exits at −10 %: at BTC −20 % (SOL −36 %) the loss is 2,000.
    const r = stressPosition({ ...SOL, stopMove: 0.1, maxLoss: 4_000 }, [-0.2]);
    close(r.pnl[0]!, -2_000, 1e-12);
  });
});
