import type { Tier } from '../../domain/market';
import { solveAccountCross } from './account-cross';
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
import type { HyperliquidCrossInput, HyperliquidIsolatedInput, LiquidationResult } from './types';

/**
 * Hyperliquid isolated (liquidation.md §5, docs "Liquidations"):
 *   liq_price = price − side·margin_available/position_size/(1 − l·side),  l = MMR of the tier at the liquidation value.
 * Taken at entry with the margin at entry (`marginUsed − unrealizedPnl`) and the tier's deduction d, this is
 *   LP = (EP − side·(M + d)/Q) / (1 − side·MMR).
 */
export function hyperliquidIsolatedLiquidation(input: HyperliquidIsolatedInput): LiquidationResult {
  const M = 'hyperliquid-isolated';
  const { szi, entryPx, marginUsed, unrealizedPnl, marginTiers } = input;
  if (!tiersValid(marginTiers)) return nulled(M, 'invalid_input', DETAIL.tiers);
  if (!(szi !== 0 && isFiniteNumber(szi)) || !isPositive(entryPx)) return nulled(M, 'invalid_input', DETAIL.invalid);
  if (!isFiniteNumber(marginUsed) || !isFiniteNumber(unrealizedPnl)) return nulled(M, 'invalid_input', DETAIL.invalid);
  const s = szi > 0 ? 1 : -1;
  const q = Math.abs(szi);
  const margin = marginUsed - unrealizedPnl;
  let idx = tierIndexAt(marginTiers, q * entryPx);
  let t = marginTiers[idx] as Tier;
  let lp = 0;
  for (let iter = 0; iter < MAX_TIER_ITERATIONS; iter++) {
    t = marginTiers[idx] as Tier;
    lp = (entryPx - (s * (margin + t.maintenanceAmount)) / q) / (1 - s * t.maintenanceMarginRate);
    if (!(lp > 0 && lp < Infinity)) {
      if (idx !== 0) {
        idx = 0;
        continue;
      }
      return s > 0 ? nulled(M, 'no_liquidation', DETAIL.noLiquidation) : nulled(M, 'insolvent', DETAIL.insolvent);
    }
    const j = tierIndexAt(marginTiers, q * lp);
    if (j === idx) break;
    idx = j;
  }
  return settled(M, lp, t.tier, t.maintenanceMarginRate);
}

/**
 * Hyperliquid cross (liquidation.md §5): `price = markPx`, `margin_available = accountValue −
 * crossMaintenanceMarginUsed`; see `solveAccountCross`.
 */
export function hyperliquidCrossLiquidation(input: HyperliquidCrossInput): LiquidationResult {
  const { szi } = input;
  if (!(szi !== 0 && isFiniteNumber(szi))) return nulled('hyperliquid-cross', 'invalid_input', DETAIL.invalid);
  return solveAccountCross(
    'hyperliquid-cross',
    szi > 0 ? 'long' : 'short',
    'linear',
    Math.abs(szi),
    input.markPx,
    input.accountValue,
    input.crossMaintenanceMarginUsed,
    input.marginTiers,
    0,
    null,
    0,
  );
}
