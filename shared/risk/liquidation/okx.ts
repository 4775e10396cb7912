import { solveAccountCross } from './account-cross';
import { DETAIL, isPositive, nulled, priced } from './tiers';
import type { LiquidationResult, OkxCrossInput, OkxIsolatedInput } from './types';

/**
 * OKX swaps, isolated (liquidation.md §4; OKX "Introduction to the isolated mode", freqtrade's OKX/Gate formula).
 * Liquidation when `(margin + UPL) / (ctVal·|pos|·markPx·(tier MMR + fee)) ≤ 100 %`, solved for price:
 *   linear:  LP_long = (EP − M/(n·ctVal)) / (1 − (MMR + f))        LP_short = (EP + M/(n·ctVal)) / (1 + (MMR + f))
 *   inverse: LP_long = n·ctVal·(1 + MMR + f) / (M + n·ctVal/EP)    LP_short = n·ctVal·(1 − MMR − f) / (n·ctVal/EP − M)
 * OKX tiers go by contract count, so the tier does not move with the price.
 */
export function okxIsolatedLiquidation(input: OkxIsolatedInput): LiquidationResult {
  const M = 'okx-isolated';
  const { pos, ctVal, avgPx, margin, tierMmr, takerFeeRate } = input;
  if (!isPositive(pos) || !isPositive(ctVal) || !isPositive(avgPx)) return nulled(M, 'invalid_input', DETAIL.invalid);
  if (!(margin >= 0 && margin < Infinity)) return nulled(M, 'invalid_input', DETAIL.invalid);
  const rate = tierMmr + takerFeeRate;
  if (!(tierMmr >= 0 && takerFeeRate >= 0 && rate < 1)) return nulled(M, 'invalid_input', DETAIL.tiers);
  const long = input.side === 'long';
  const q = pos * ctVal;
  let lp: number;
  if (input.kind === 'linear') {
    lp = long ? (avgPx - margin / q) / (1 - rate) : (avgPx + margin / q) / (1 + rate);
  } else {
    lp = long ? (q * (1 + rate)) / (margin + q / avgPx) : (q * (1 - rate)) / (q / avgPx - margin);
  }
  if (!(lp > 0 && lp < Infinity)) return nulled(M, 'no_liquidation', DETAIL.noLiquidation);
  return priced(M, lp, input.tier, rate);
}

/** OKX cross: account level (liquidation.md §4), with the taker-fee term next to the tier MMR; see `solveAccountCross`. */
export function okxCrossLiquidation(input: OkxCrossInput): LiquidationResult {
  if (!isPositive(input.pos) || !isPositive(input.ctVal)) return nulled('okx-cross', 'invalid_input', DETAIL.invalid);
  return solveAccountCross(
    'okx-cross',
    input.side,
    input.kind,
    input.pos * input.ctVal,
    input.markPx,
    input.eq,
    input.totalMmr,
    null,
    input.tierMmr,
    input.tier,
    input.takerFeeRate,
  );
}
