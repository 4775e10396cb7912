import type { Tier } from '../../domain/market';
import { solveAccountCross } from './account-cross';
import {
  DETAIL,
  isFiniteNumber,
  isPositive,
  MAX_TIER_ITERATIONS,
  nulled,
  priced,
  settled,
  tierIndexAt,
  tiersValid,
} from './tiers';
import type {
  BybitCrossInput,
  BybitInverseCrossLegacyInput,
  BybitInverseIsolatedInput,
  BybitLinearIsolatedInput,
  LiquidationResult,
} from './types';

/**
 * Bybit USDT perpetual, isolated, help-center "Liquidation Price (USDT Contract)" (liquidation.md §3a):
 *   LP = EP ∓ (IM − MM)/Size ∓ ExtraMarginAdded/Size,  IM = PV/leverage,  MM = PV × MMR − MM deduction,  PV = Size × EP.
 * The risk-limit tier is the one holding the position value (Bybit assigns risk limits by position value).
 */
export function bybitLinearIsolatedLiquidation(input: BybitLinearIsolatedInput): LiquidationResult {
  const M = 'bybit-linear-isolated';
  const { size, entryPrice, leverage, extraMarginAdded, riskLimits } = input;
  if (!tiersValid(riskLimits)) return nulled(M, 'invalid_input', DETAIL.tiers);
  if (!isPositive(size) || !isPositive(entryPrice) || !isPositive(leverage))
    return nulled(M, 'invalid_input', DETAIL.invalid);
  if (!(extraMarginAdded >= 0 && extraMarginAdded < Infinity)) return nulled(M, 'invalid_input', DETAIL.invalid);
  const s = input.side === 'long' ? 1 : -1;
  const pv = size * entryPrice;
  const t = riskLimits[tierIndexAt(riskLimits, pv)] as Tier;
  const im = pv / leverage;
  const mm = pv * t.maintenanceMarginRate - t.maintenanceAmount;
  const lp = entryPrice - (s * (im + extraMarginAdded - mm)) / size;
  if (!(lp > 0 && lp < Infinity)) {
    return s > 0 ? nulled(M, 'no_liquidation', DETAIL.noLiquidation) : nulled(M, 'insolvent', DETAIL.insolvent);
  }
  return settled(M, lp, t.tier, t.maintenanceMarginRate);
}

/**
 * Bybit inverse, UTA isolated, the current article (liquidation.md §3b, "Last updated 2026-05-27"):
 *   LP_long  = Size·(MMR + 1) / [Size/EP + Size/EP/Lev + Extra/(1 + TakerFee) + MMDeduction]
 *   LP_short = Size·(1 − MMR) / [Size/EP − Size/EP/Lev − Extra/(1 − TakerFee) − MMDeduction]
 * MM is valued at the liquidation price, so the tier is re-checked at `Size/LP`.
 */
export function bybitInverseIsolatedLiquidation(input: BybitInverseIsolatedInput): LiquidationResult {
  const M = 'bybit-inverse-isolated';
  const { size, entryPrice, leverage, extraMarginAdded, takerFeeRate, riskLimits } = input;
  if (!tiersValid(riskLimits)) return nulled(M, 'invalid_input', DETAIL.tiers);
  if (!isPositive(size) || !isPositive(entryPrice) || !isPositive(leverage))
    return nulled(M, 'invalid_input', DETAIL.invalid);
  if (!(extraMarginAdded >= 0 && extraMarginAdded < Infinity) || !(takerFeeRate >= 0 && takerFeeRate < 1)) {
    return nulled(M, 'invalid_input', DETAIL.invalid);
  }
  const long = input.side === 'long';
  const pv = size / entryPrice;
  const im = pv / leverage;
  let idx = tierIndexAt(riskLimits, pv);
  let t = riskLimits[idx] as Tier;
  let lp = 0;
  for (let iter = 0; iter < MAX_TIER_ITERATIONS; iter++) {
    t = riskLimits[idx] as Tier;
    lp = long
      ? (size * (t.maintenanceMarginRate + 1)) / (pv + im + extraMarginAdded / (1 + takerFeeRate) + t.maintenanceAmount)
      : (size * (1 - t.maintenanceMarginRate)) /
        (pv - im - extraMarginAdded / (1 - takerFeeRate) - t.maintenanceAmount);
    if (!(lp > 0 && lp < Infinity)) {
      if (idx !== 0) {
        idx = 0;
        continue;
      }
      return long ? nulled(M, 'insolvent', DETAIL.insolvent) : nulled(M, 'no_liquidation', DETAIL.noLiquidation);
    }
    const j = tierIndexAt(riskLimits, size / lp);
    if (j === idx) break;
    idx = j;
  }
  return settled(M, lp, t.tier, t.maintenanceMarginRate);
}

/**
 * Bybit legacy inverse cross (help article 360039261334, liquidation.md §3c), long:
 *   Qty·(1/EP − 1/LP) = −(AB − OM − Qty/EP·MMR − Qty·fee/BP),  BP = (1 + fee)·Qty / (Qty/EP + (AB − OM))
 * and the mirror image for a short (BP = (1 − fee)·Qty / (Qty/EP − (AB − OM))).
 */
export function bybitInverseCrossLegacyLiquidation(input: BybitInverseCrossLegacyInput): LiquidationResult {
  const M = 'bybit-inverse-cross-legacy';
  const { qty, entryPrice, accountBalance, orderMargin, maintenanceMarginRate: mmr, takerFeeRate: fee } = input;
  if (!isPositive(qty) || !isPositive(entryPrice) || !isFiniteNumber(accountBalance) || !isFiniteNumber(orderMargin)) {
    return nulled(M, 'invalid_input', DETAIL.invalid);
  }
  if (!(mmr >= 0 && mmr < 1) || !(fee >= 0 && fee < 1)) return nulled(M, 'invalid_input', DETAIL.invalid);
  const s = input.side === 'long' ? 1 : -1;
  const free = accountBalance - orderMargin;
  const bpDen = qty / entryPrice + s * free;
  const bp = bpDen > 0 ? ((1 + s * fee) * qty) / bpDen : Infinity;
  const feeToClose = bp < Infinity ? (qty * fee) / bp : 0;
  const cushion = free - (qty / entryPrice) * mmr - feeToClose;
  const inv = 1 / entryPrice + (s * cushion) / qty;
  const lp = 1 / inv;
  if (!(lp > 0 && lp < Infinity)) {
    return s > 0 ? nulled(M, 'insolvent', DETAIL.insolvent) : nulled(M, 'no_liquidation', DETAIL.noLiquidation);
  }
  return priced(M, lp, null, mmr);
}

/** Bybit UTA cross: account level (liquidation.md §3c); see `solveAccountCross`. */
export function bybitCrossLiquidation(input: BybitCrossInput): LiquidationResult {
  return solveAccountCross(
    'bybit-cross',
    input.side,
    input.kind,
    input.size,
    input.markPrice,
    input.totalEquity,
    input.totalMaintenanceMargin,
    input.tiers,
    0,
    null,
    0,
  );
}
