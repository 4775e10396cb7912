import { describe, expect, it } from 'vitest';
import { ladderOrders } from './ladder-orders';
import { ladderProblemText } from './ladder-problem-text';
import { SuggestedOrderSchema } from '../domain/order';
import { sideFromLevels } from '../domain/test-book';
import { liquidationPrice, singleTier } from './liquidation';
import {
  impliedAvailableMargin,
  liquidationAfterReduction,
  marginToReach,
  quantityForLiquidation,
  reductionText,
  suggestReduction,
} from './reduction';
import { REGIME_PARAMS } from './regime';
import {
  avoidRoundNumbers,
  ladderRungColumns,
  ladderRungList,
  roundGridStep,
  stopLadder,
  type StopLadderInput,
} from './stops';

const close = (actual: number, expected: number, relTol: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * relTol);

describe('round numbers (risk-method.md §4.1)', () => {
  it.each([
    [100_000, 1_000],
    [65_000, 500],
    [3_500, 20],
    [0.5, 0.005],
  ])('grid step near %f is %f', (p, u) => expect(roundGridStep(p)).toBeCloseTo(u, 12));
  it.each([
    // E19: a long stop at 92,800 is inside the 93,000 zone (92,750, 93,050] → 93,000 − 250 − 240 = 92,510.
    ['long', 92_800, 92_510, 93_000],
    ['long', 96_400, 96_400, null],
    ['long', 94_600, 94_600, null],
    // Mirror for a short: zone [R − z_in, R + z) = [106,950, 107,250) → 107,000 + 250 + 240.
    ['short', 107_200, 107_490, 107_000],
    ['short', 107_300, 107_300, null],
  ] as const)('%s stop %f → %f', (side, stop, moved, round) =>
    expect(avoidRoundNumbers(side, stop, 100_000, 2_400)).toEqual({ price: moved, round }),
  );
});

describe('three-tranche ladder, risk-method.md E19', () => {
  // BTC long, P0 100,000, ATR 2,400, E 50,000, ELEVATED (R 375; s 0.25/0.50/0.75 %), fees 0.05 %, w (0.4, 0.3, 0.3),
  // k (1.5, 2.25, 3.0); b_liq 1 % as the example uses (the §4.2 rule max(1 %, 0.5·ATR/P0) would give 1.2 %).
  const withoutBuffer: StopLadderInput = {
    venue: 'binance',
    symbol: 'BTC/USDT:USDT',
    positionId: null,
    asset: 'BTC',
    settle: 'USDT',
    side: 'long',
    kind: 'linear',
    marginMode: 'isolated',
    hedged: false,
    reference: 100_000,
    entry: 100_000,
    atr: 2_400,
    atrMultiples: [1.5, 2.25, 3],
    weights: [0.4, 0.3, 0.3],
    regime: REGIME_PARAMS.ELEVATED,
    feeIn: 0.0005,
    feeOut: 0.0005,
    riskBudget: 375,
    quantity: null,
    liquidationPrice: null,
    maintenanceMarginRate: 0.004,
    tickSize: 0.1,
    amountStep: 0.0000001,
    contractSize: 1,
    book: null,
    sigmaAnnual: 0.6,
  };
  const input: StopLadderInput = { ...withoutBuffer, liquidationBuffer: 0.01 };
  const ladder = stopLadder(input);

  it('stops 96,400 / 94,600 / 92,510; fills 96,159 / 94,127 / 91,816.175', () => {
    expect(ladder.rungs.trigger).toEqual([96_400, 94_600, 92_510]);
    ladderRungList(ladder.rungs).forEach((r, i) => close(r.fill, [96_159, 94_127, 91_816.175][i]!, 1e-12));
  });
  it('ℓ_i 3,939.0795 / 5,970.0635 / 8,279.7331; Q 0.0640963; rung losses 100.99 / 114.80 / 159.21 = 375.00', () => {
    ladderRungList(ladder.rungs).forEach((r, i) =>
      close(r.lossPerUnit, [3_939.0795, 5_970.0635, 8_279.7331][i]!, 1e-6),
    );
    close(ladder.quantity, 0.0640963, 5e-6);
    ladderRungList(ladder.rungs).forEach((r, i) => close(r.quantity, [0.0256385, 0.0192289, 0.0192289][i]!, 1e-5));
    ladderRungList(ladder.rungs).forEach((r, i) => close(r.loss, [100.99, 114.8, 159.21][i]!, 5e-4));
    close(ladder.worstCaseLoss, 375, 5e-6);
    expect(ladder.worstCaseLoss).toBeLessThanOrEqual(375);
  });
  it('a single stop at 92,510 allows 0.0452913 (29 % smaller)', () =>
    close(ladder.singleStopQuantity!, 0.0452913, 5e-6));
  it('7-day touch probabilities 0.65903 / 0.50407 / 0.34878 → E[loss₇d] 179.95', () => {
    ladderRungList(ladder.rungs).forEach((r, i) => close(r.touchProbability!, [0.65903, 0.50407, 0.34878][i]!, 5e-5));
    close(ladder.expectedLoss!, 179.95, 5e-4);
  });
  it('liquidation: LP must be ≤ 90,907.10 → L_max 10.5747; regime cap 5 binds → 5×', () => {
    close(ladder.liquidation.liquidationBound, 90_907.1, 1e-7);
    close(ladder.liquidation.maxLeverage!, 10.5747, 5e-6);
    expect(ladder.liquidation.suggestedLeverage).toBe(5);
    expect(ladder.feasible).toBe(true);
  });
  it('each rung is a reduce-only stop-market sell on the mark price, valid against the order schema', () => {
    expect(ladder.orders).toHaveLength(3);
    for (const o of ladder.orders) {
      expect(SuggestedOrderSchema.parse(o)).toEqual(o);
      expect(o).toMatchObject({ type: 'stop-market', side: 'sell', reduceOnly: true, triggerType: 'mark' });
    }
    expect(ladder.orders[2]!.reason).toBe(
      '3.00 ATR from the entry, moved beyond the round number 93,000.00 where stops cluster',
    );
  });
  it('the default buffer is max(1 %, 0.5·ATR/P0) = 1.2 % here', () => {
    expect(stopLadder(withoutBuffer).liquidation.buffer).toBeCloseTo(0.012, 12);
  });
});

describe('ladder constraints that fail say what to change', () => {
  const base: StopLadderInput = {
    venue: 'binance',
    symbol: 'BTC/USDT:USDT',
    positionId: 'a|BTC/USDT:USDT|long',
    asset: 'BTC',
    settle: 'USDT',
    side: 'long',
    kind: 'linear',
    marginMode: 'cross',
    hedged: false,
    reference: 100_000,
    entry: 100_000,
    atr: 2_400,
    atrMultiples: [1.5, 2.25, 3],
    weights: [0.4, 0.3, 0.3],
    regime: REGIME_PARAMS.ELEVATED,
    feeIn: 0.0005,
    feeOut: 0.0005,
    riskBudget: 375,
    quantity: 0.5,
    liquidationPrice: 93_000,
    maintenanceMarginRate: 0.004,
    tickSize: 0.1,
    amountStep: 0.001,
    contractSize: 1,
    book: null,
    sigmaAnnual: 0.6,
  };
  const ladder = stopLadder(base);
  const problem = (c: string) => ladder.problems.find((p) => p.constraint === c)!;

  it('too large for the budget: reduce by Q − R/Σwℓ', () => {
    const p = problem('risk_budget');
    close(p.reduceBy!, 0.5 - 0.064, 1e-9);
    expect(ladderProblemText(p).fix).toMatch(/^reduce the position by 0\.436000 BTC/u);
    expect(ladder.feasible).toBe(false);
  });

  it('liquidation inside the buffer: the margin or reduction that moves LP to the bound, both verified', () => {
    const p = problem('liquidation_buffer');
    const bound = ladder.liquidation.liquidationBound;
    // Adding the margin moves the implied liquidation price exactly to the bound.
    const a = impliedAvailableMargin('long', 0.5, 100_000, 93_000, 0.004) + p.addMargin!;
    close(100_000 - a / (0.5 * (1 - 0.004)), bound, 1e-9);
    // Reducing by the suggested amount (floored to the lot) leaves LP at or below the bound.
    expect(liquidationAfterReduction('long', 0.5, 100_000, 93_000, 0.5 - p.reduceBy!, 0.004)!).toBeLessThanOrEqual(
      bound,
    );
    expect(ladderProblemText(p).fix).toMatch(
      /add [\d,.]+ USDT of margin so the deepest stop fills before liquidation with the [\d.]+ % buffer, or reduce the position by [\d.]+ BTC, or keep the deepest stop above/u,
    );
  });

  it('without orders (a report) the rungs are the same, and ladderOrders makes the same orders from them', () => {
    const bare = stopLadder({ ...base, withOrders: false });
    expect(bare.orders).toEqual([]);
    expect(bare.rungs).toEqual(ladder.rungs);
    const ctx = { venue: base.venue, symbol: base.symbol, positionId: base.positionId, side: base.side, hedged: false };
    expect(ladderOrders({ ...ctx, from: 'mark' }, bare.rungs)).toEqual(ladder.orders);
    expect(ladder.orders.map((o) => o.amount)).toEqual(ladder.rungs.contracts.filter((c) => c > 0));
  });

  it('without rungs (a report keeping only the totals) the totals, problems and order count are the same', () => {
    const bare = stopLadder({ ...base, withRungs: false });
    expect(bare.rungs.tranche).toEqual([]);
    expect(bare.orderCount).toBe(ladder.orders.length);
    expect(ladder.problems.length).toBeGreaterThan(0);
    // The same problems: their figures, from which ladder-problem-text.ts makes the same sentences.
    expect({ ...bare, rungs: ladder.rungs }).toEqual(ladder);
    // One object per rung and back: the same columns.
    expect(ladderRungColumns(ladderRungList(ladder.rungs))).toEqual(ladder.rungs);
  });

  it('too small to split into whole lots', () => {
    const tiny = stopLadder({ ...base, quantity: 0.002, liquidationPrice: 50_000 });
    expect(tiny.problems.map((p) => p.constraint)).toContain('lot_size');
  });

  it('a thin book raises a rung’s slippage and a planned ladder shrinks to stay within budget', () => {
    const planned = { ...base, quantity: null, liquidationPrice: null, amountStep: 0.0000001 };
    const plain = stopLadder(planned);
    const thin = stopLadder({
      ...planned,
      book: {
        levels: sideFromLevels([
          [99_000, 0.01],
          [95_000, 10],
        ]),
        mid: 100_000,
      },
    });
    expect(thin.rungs.bookSlippage[0]).toBeGreaterThan(thin.rungs.regimeSlippage[0]!);
    expect(thin.quantity).toBeLessThan(plain.quantity);
    expect(thin.worstCaseLoss).toBeLessThanOrEqual(375 * (1 + 1e-9));
  });
});

describe('reduction for an open position', () => {
  // A cross long 2 BTC @ 100,000 marked at 100,000 with LP 92,000 (MMR 0.4 %), σ 60 % → d_sigma ≈ 2.65 < 4.
  const sigmaD = 0.6 / Math.sqrt(365);
  const input = {
    side: 'long',
    marginMode: 'cross',
    asset: 'BTC',
    settle: 'USDT',
    quantity: 2,
    mark: 100_000,
    liquidation: 92_000,
    mmr: 0.004,
    sigmaDaily: sigmaD,
    targetSigma: 4,
    lotStep: 0.001,
  } as const;

  it('cross: the lot-floored new size reaches at least the target; the sentence names amount and σ', () => {
    const r = suggestReduction(input)!;
    expect(r.achievedSigma!).toBeGreaterThanOrEqual(4);
    expect(r.reduceBy! + r.newQuantity!).toBeCloseTo(2, 9);
    expect(reductionText(r, input)).toMatch(/^reduce [\d.]+ BTC \(to [\d.]+\) to bring liquidation to 4\.\d daily σ/u);
  });

  it('the reduction formula agrees with the Binance cross formula recomputed at the new size', () => {
    // WB chosen so that Binance's LP is 92,000 at 2 BTC; after closing to Q' at mark, WB gains no PnL (mark = entry).
    const lpAt = (q: number, wb: number) =>
      liquidationPrice({
        model: 'binance-usdm',
        marginMode: 'cross',
        walletBalance: wb,
        otherMaintenanceMargin: 0,
        otherUnrealizedPnl: 0,
        legs: [{ side: 'long', positionAmt: q, entryPrice: 100_000 }],
        brackets: [singleTier(0.004)],
      }).price!;
    const wb = 2 * 100_000 - 92_000 * 2 * (1 - 0.004);
    close(lpAt(2, wb), 92_000, 1e-12);
    const target = 100_000 * Math.exp(-4 * sigmaD);
    const q = quantityForLiquidation('long', 2, 100_000, 92_000, target, 0.004);
    close(lpAt(q, wb), target, 1e-9);
    close(liquidationAfterReduction('long', 2, 100_000, 92_000, q, 0.004)!, target, 1e-9);
  });

  it('isolated: only added margin helps, and the sentence says why', () => {
    const r = suggestReduction({ ...input, marginMode: 'isolated' })!;
    expect(r.reduceBy).toBeNull();
    close(r.addMargin, marginToReach('long', 2, 100_000, 92_000, r.targetLiquidation, 0.004), 1e-12);
    expect(reductionText(r, { ...input, marginMode: 'isolated' })).toMatch(
      /reducing an isolated position shrinks its margin/u,
    );
  });

  it('nothing to suggest when the position is already beyond the target', () =>
    expect(suggestReduction({ ...input, liquidation: 70_000 })).toBeNull());
});

describe('three-tranche ladder on an inverse contract: E19 on Binance COIN-M BTCUSD_PERP ($100 contracts)', () => {
  // E19's triggers and fills (the rung plan does not depend on the contract), with the loss in BTC: a rung's coin
  // loss per contract is ℓ_c = F·(1.0005/X − 0.9995/P0) (sizing inverseLossPerContract; fees 0.05 %, P0 100,000).
  // Budget R = 0.75 % of 0.5 BTC = 0.00375 BTC; the ladder sizes it (quantity null); b_liq 1 %.
  const input: StopLadderInput = {
    venue: 'binance',
    symbol: 'BTC/USD:BTC',
    positionId: null,
    asset: 'BTC',
    settle: 'BTC',
    side: 'long',
    kind: 'inverse',
    marginMode: 'isolated',
    hedged: false,
    reference: 100_000,
    entry: 100_000,
    atr: 2_400,
    atrMultiples: [1.5, 2.25, 3],
    weights: [0.4, 0.3, 0.3],
    regime: REGIME_PARAMS.ELEVATED,
    feeIn: 0.0005,
    feeOut: 0.0005,
    riskBudget: 0.00375,
    quantity: null,
    liquidationPrice: null,
    maintenanceMarginRate: 0.004,
    liquidationBuffer: 0.01,
    tickSize: 0.1,
    amountStep: 1,
    contractSize: 100,
    book: null,
    sigmaAnnual: 0.6,
  };
  const ladder = stopLadder(input);
  // ℓ_c: 100·(1.0005/96,159 − 0.000009995) = 0.0000409642; 100·(1.0005/94,127 − 0.000009995) = 0.0000634256;
  // 100·(1.0005/91,816.175 − 0.000009995) = 0.0000901773.
  const perContract = [0.0000409642311, 0.0000634256218, 0.0000901772818];

  it('same triggers and fills as E19: 96,400 / 94,600 / 92,510 → 96,159 / 94,127 / 91,816.175', () => {
    expect(ladder.rungs.trigger).toEqual([96_400, 94_600, 92_510]);
    ladderRungList(ladder.rungs).forEach((r, i) => close(r.fill, [96_159, 94_127, 91_816.175][i]!, 1e-12));
  });
  it('N = R/Σw·ℓ_c = 0.00375/0.0000624666 = 60.03 → 60 contracts, split 24 / 18 / 18 (orders in contracts)', () => {
    // Σw·ℓ_c = 0.4 × 0.0000409642 + 0.3 × 0.0000634256 + 0.3 × 0.0000901773 = 0.0000624666.
    expect(ladder.orders.map((o) => o.amount)).toEqual([24, 18, 18]);
    // Base units at the reference: contracts × 100/100,000.
    ladderRungList(ladder.rungs).forEach((r, i) => close(r.quantity, [0.024, 0.018, 0.018][i]!, 1e-12));
    close(ladder.quantity, 0.06, 1e-12);
  });
  it('each rung loses contracts × ℓ_c in BTC; the total 0.0037480 stays within the 0.00375 BTC budget', () => {
    // 24 × 0.0000409642 = 0.00098314; 18 × 0.0000634256 = 0.00114166; 18 × 0.0000901773 = 0.00162319.
    ladderRungList(ladder.rungs).forEach((r, i) => close(r.loss, [24, 18, 18][i]! * perContract[i]!, 1e-8));
    ladder.orders.forEach((o, i) => close(o.lossIfFilled, [24, 18, 18][i]! * perContract[i]!, 1e-8));
    close(ladder.worstCaseLoss, 0.0037479938, 1e-8);
    expect(ladder.worstCaseLoss).toBeLessThanOrEqual(0.00375);
    expect(ladder.feasible).toBe(true);
  });
  it('liquidation bound 91,816.175/1.01 = 90,907.10 → inverse L_max (1 − d)/(d + MMR) = 9.5763 (linear E19: 10.5747)', () => {
    // d_req = 1 − 90,907.104/100,000 = 0.09092896; (1 − 0.09092896)/(0.09092896 + 0.004) = 0.90907104/0.09492896.
    close(ladder.liquidation.liquidationBound, 90_907.10396, 1e-9);
    close(ladder.liquidation.maxLeverage!, 9.57633, 1e-6);
    expect(ladder.liquidation.suggestedLeverage).toBe(5); // ELEVATED cap
  });
  it.each([
    // An open 60-contract position whose liquidation at 92,000 sits inside the bound 90,907.10 (§4.2). Inverse margin
    // (reduction.ts, liquidation.md §2): N·F·(1 + MMR)·(1/bound − 1/LP) = 6,024 × (1/90,907.104 − 1/92,000) = 0.00078719
    // BTC. Cross only: A = 6,000 × (1.004/92,000 − 10⁻⁵) = 0.00547826 BTC, N' = A/(100 × (1.004/90,907.104 − 10⁻⁵))
    // = 52.46 → keep 52 contracts, reduce 8 (0.008 BTC at the reference).
    ['isolated', null, /^add 0\.000787 BTC of margin so .*, or keep the deepest stop above /u],
    ['cross', 0.008, /, or reduce the position by 8 contracts of \$100 \(0\.008000 BTC\), or keep /u],
  ] as const)(
    '%s, liquidation inside the buffer: margin in BTC, reduction in contracts (cross)',
    (mode, reduceBy, fix) => {
      const held = stopLadder({ ...input, quantity: 0.06, liquidationPrice: 92_000, marginMode: mode });
      const prob = held.problems.find((x) => x.constraint === 'liquidation_buffer')!;
      close(prob.addMargin!, 0.00078718746, 1e-8);
      if (reduceBy === null) expect(prob.reduceBy).toBeNull();
      else close(prob.reduceBy!, reduceBy, 1e-12);
      expect(ladderProblemText(prob).fix).toMatch(fix);
    },
  );
  it('a given size (60 contracts as 0.06 BTC at the reference) gives the same ladder', () => {
    const held = stopLadder({ ...input, quantity: 0.06 });
    expect(held.orders.map((o) => o.amount)).toEqual([24, 18, 18]);
    close(held.worstCaseLoss, ladder.worstCaseLoss, 1e-12);
  });
});
