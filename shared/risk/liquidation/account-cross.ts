import type { Tier } from '../../domain/market';
import type { LiquidationModel } from '../../domain/risk-report';
import type { MarketKind, Side } from '../../domain/venue';
import {
  DETAIL,
  isFiniteNumber,
  isPositive,
  MAX_TIER_ITERATIONS,
  nulled,
  settled,
  tierIndexAt,
  tiersValid,
} from './tiers';
import type { LiquidationResult } from './types';

/**
 * Account-level cross margin (Bybit UTA, OKX, Hyperliquid): the mark price of this position at which the account's
 * equity falls to its maintenance margin, every other position held at its current mark (liquidation.md §3c, §4, §5).
 *
 *   linear:  Eq + side·Q·(P − MP) = OMM + Q·P·(MMR + fee) − deduction
 *   inverse: Eq + side·Q·(1/MP − 1/P) = OMM + Q/P·(MMR + fee) − deduction      (Q in USD, amounts in coin)
 *
 * `OMM` = the account's maintenance margin minus this position's own at mark. With one tier and no fee the linear
 * case is Hyperliquid's `MP − side·margin_available/Q/(1 − MMR·side)`. The tier is re-checked at the price found.
 * `tiers` null → `fixedRate`/`fixedTier` (OKX, whose tiers go by contract count, not by price).
 */
export function solveAccountCross(
  model: LiquidationModel,
  side: Side,
  kind: MarketKind,
  size: number,
  mark: number,
  equity: number,
  totalMaintenance: number,
  tiers: readonly Tier[] | null,
  fixedRate: number,
  fixedTier: number | null,
  feeRate: number,
): LiquidationResult {
  if (!isPositive(size) || !isPositive(mark) || !isFiniteNumber(equity)) {
    return nulled(model, 'invalid_input', DETAIL.invalid);
  }
  if (!(totalMaintenance >= 0 && totalMaintenance < Infinity) || !(feeRate >= 0 && feeRate < 1)) {
    return nulled(model, 'invalid_input', DETAIL.invalid);
  }
  if (tiers !== null && !tiersValid(tiers)) return nulled(model, 'invalid_input', DETAIL.tiers);
  if (tiers === null && !(fixedRate >= 0 && fixedRate < 1)) return nulled(model, 'invalid_input', DETAIL.tiers);
  const s = side === 'long' ? 1 : -1;
  const linear = kind === 'linear';
  const markNotional = linear ? size * mark : size / mark;

  let idx = -1;
  let rate = fixedRate;
  let ded = 0;
  let tierNo = fixedTier;
  if (tiers !== null) {
    idx = tierIndexAt(tiers, markNotional);
    const t = tiers[idx] as Tier;
    rate = t.maintenanceMarginRate;
    ded = t.maintenanceAmount;
    tierNo = t.tier;
  }
  const ownAtMark = Math.max(0, markNotional * rate - ded);
  const otherMaintenance = Math.max(0, totalMaintenance - ownAtMark);
  const available = equity - otherMaintenance;

  let lp = 0;
  for (let iter = 0; iter < MAX_TIER_ITERATIONS; iter++) {
    const rho = rate + feeRate;
    lp = linear
      ? (s * size * mark - (available + ded)) / (size * (s - rho))
      : (size * (s + rho)) / (available + ded + (s * size) / mark);
    if (!(lp > 0 && lp < Infinity)) {
      if (idx > 0 && tiers !== null) {
        idx = 0;
        const t0 = tiers[0] as Tier;
        rate = t0.maintenanceMarginRate;
        ded = t0.maintenanceAmount;
        tierNo = t0.tier;
        continue;
      }
      return linear === s > 0
        ? nulled(model, 'no_liquidation', DETAIL.noLiquidation)
        : nulled(model, 'insolvent', DETAIL.insolvent);
    }
    if (tiers === null) break;
    const j = tierIndexAt(tiers, linear ? size * lp : size / lp);
    if (j === idx) break;
    idx = j;
    const t = tiers[j] as Tier;
    rate = t.maintenanceMarginRate;
    ded = t.maintenanceAmount;
    tierNo = t.tier;
  }
  return settled(model, lp, tierNo, rate + feeRate);
}
