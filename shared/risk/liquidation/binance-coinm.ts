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
import type { BinanceCoinmInput, LiquidationResult } from './types';

const MODEL = 'binance-coinm';

/**
 * Binance COIN-M (inverse), liquidation.md §2 (Binance FAQ ceccfcfb…, solved for price with inverse PnL):
 *
 *        CS·(B·MMR_B + L·MMR_L + S·MMR_S) + CS·(Side_B·B + L − S)
 *  LP = ─────────────────────────────────────────────────────────────────────
 *        (WB − TMM1 + UPNL1 + cumB + cumL + cumS) + CS·(Side_B·B/EP_B + L/EP_L − S/EP_S)
 *
 * Amounts in coin, sizes in contracts; brackets by coin notional `Q·CS/LP`, re-checked at the resulting price.
 */
export function binanceCoinmLiquidation(input: BinanceCoinmInput): LiquidationResult {
  const { legs, brackets, contractSize: cs } = input;
  if (!tiersValid(brackets)) return nulled(MODEL, 'invalid_input', DETAIL.tiers);
  const a = legs[0];
  const b = legs.length === 2 ? legs[1] : undefined;
  if (a === undefined || legs.length > 2 || !isPositive(cs)) return nulled(MODEL, 'invalid_input', DETAIL.invalid);
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
  const va = a.positionAmt * cs; // USD value of the leg
  const ka = (sa * va) / a.entryPrice;
  let ia = tierIndexAt(brackets, va / a.entryPrice);
  let sb = 0;
  let vb = 0;
  let kb = 0;
  let ib = -1;
  if (b !== undefined) {
    sb = b.side === 'long' ? 1 : -1;
    vb = b.positionAmt * cs;
    kb = (sb * vb) / b.entryPrice;
    ib = tierIndexAt(brackets, vb / b.entryPrice);
  }

  let lp = 0;
  let ta = brackets[ia] as Tier;
  for (let iter = 0; iter < MAX_TIER_ITERATIONS; iter++) {
    ta = brackets[ia] as Tier;
    let num = va * (ta.maintenanceMarginRate + sa);
    let den = base + ta.maintenanceAmount + ka;
    if (ib >= 0) {
      const tb = brackets[ib] as Tier;
      num += vb * (tb.maintenanceMarginRate + sb);
      den += tb.maintenanceAmount + kb;
    }
    lp = num / den;
    if (!(lp > 0 && lp < Infinity)) {
      if (ia !== 0 || ib > 0) {
        ia = 0;
        if (ib > 0) ib = 0;
        continue;
      }
      if (den === 0 && num === 0) return nulled(MODEL, 'invalid_input', DETAIL.invalid);
      return num > 0
        ? nulled(MODEL, 'insolvent', DETAIL.insolvent)
        : nulled(MODEL, 'no_liquidation', DETAIL.noLiquidation);
    }
    const ja = tierIndexAt(brackets, va / lp);
    const jb = ib >= 0 ? tierIndexAt(brackets, vb / lp) : -1;
    if (ja === ia && jb === ib) break;
    ia = ja;
    ib = jb;
  }
  return settled(MODEL, lp, ta.tier, ta.maintenanceMarginRate);
}
