import type { Tier } from '../../domain/market';
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
import type { BinanceUsdmInput, LiquidationResult } from './types';

const MODEL = 'binance-usdm';

/**
 * Binance USDⓈ-M, cross or isolated, one-way or hedge (liquidation.md §1, Binance FAQ b3c689c1…):
 *
 *        WB − TMM1 + UPNL1 + cumB + cumL + cumS − Side1BOTH·Position1BOTH·EP1BOTH − Position1LONG·EP1LONG + Position1SHORT·EP1SHORT
 *  LP = ─────────────────────────────────────────────────────────────────────────────────────────────
 *        Position1BOTH·MMR_B + Position1LONG·MMR_L + Position1SHORT·MMR_S − Side1BOTH·Position1BOTH − Position1LONG + Position1SHORT
 *
 * A leg with `side` stands for BOTH (with Side1BOTH), LONG (+1) or SHORT (−1): the terms are identical. Each leg's
 * bracket is looked up at its notional at the resulting price, and the price recomputed until the brackets settle.
 */
export function binanceUsdmLiquidation(input: BinanceUsdmInput): LiquidationResult {
  const { legs, brackets } = input;
  if (!tiersValid(brackets)) return nulled(MODEL, 'invalid_input', DETAIL.tiers);
  const a = legs[0];
  const b = legs.length === 2 ? legs[1] : undefined;
  if (a === undefined || legs.length > 2) return nulled(MODEL, 'invalid_input', DETAIL.invalid);
  if (!isPositive(a.positionAmt) || !isPositive(a.entryPrice)) return nulled(MODEL, 'invalid_input', DETAIL.invalid);
  if (b !== undefined && (!isPositive(b.positionAmt) || !isPositive(b.entryPrice))) {
    return nulled(MODEL, 'invalid_input', DETAIL.invalid);
  }
  const cross = input.marginMode === 'cross';
  const base = cross
    ? input.walletBalance - input.otherMaintenanceMargin + input.otherUnrealizedPnl
    : input.walletBalance;
  if (!isFiniteNumber(base)) return nulled(MODEL, 'invalid_input', DETAIL.invalid);

  const sa = a.side === 'long' ? 1 : -1;
  const qa = a.positionAmt;
  const ka = sa * qa * a.entryPrice;
  let ia = tierIndexAt(brackets, qa * a.entryPrice);
  let sb = 0;
  let qb = 0;
  let kb = 0;
  let ib = -1;
  if (b !== undefined) {
    sb = b.side === 'long' ? 1 : -1;
    qb = b.positionAmt;
    kb = sb * qb * b.entryPrice;
    ib = tierIndexAt(brackets, qb * b.entryPrice);
  }

  let lp = 0;
  let ta = brackets[ia] as Tier;
  for (let iter = 0; iter < MAX_TIER_ITERATIONS; iter++) {
    ta = brackets[ia] as Tier;
    let num = base + ta.maintenanceAmount - ka;
    let den = qa * ta.maintenanceMarginRate - sa * qa;
    if (ib >= 0) {
      const tb = brackets[ib] as Tier;
      num += tb.maintenanceAmount - kb;
      den += qb * tb.maintenanceMarginRate - sb * qb;
    }
    if (den === 0) return nulled(MODEL, 'invalid_input', DETAIL.invalid);
    lp = num / den;
    if (!(lp > 0 && lp < Infinity)) {
      // A higher bracket's maintenance amount can push the solution below zero; the true one lies in a lower bracket.
      if (ia !== 0 || ib > 0) {
        ia = 0;
        if (ib > 0) ib = 0;
        continue;
      }
      return den < 0
        ? nulled(MODEL, 'no_liquidation', DETAIL.noLiquidation)
        : nulled(MODEL, 'insolvent', DETAIL.insolvent);
    }
    const ja = tierIndexAt(brackets, qa * lp);
    const jb = ib >= 0 ? tierIndexAt(brackets, qb * lp) : -1;
    if (ja === ia && jb === ib) break;
    ia = ja;
    ib = jb;
  }
  return settled(MODEL, lp, ta.tier, ta.maintenanceMarginRate);
}
