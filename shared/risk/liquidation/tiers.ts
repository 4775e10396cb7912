import type { Tier } from '../../domain/market';
import type { LiquidationModel, LiquidationNullReason } from '../../domain/risk-report';
import type { LiquidationNull, LiquidationPrice } from './types';

/** Largest bracket cap we accept; the last tier of a table is open-ended. */
export const OPEN_CAP = Number.MAX_SAFE_INTEGER;

/**
 * Index of the tier containing `notional` (tiers sorted ascending, bounds [min, max)). Below the first tier → 0,
 * above the last → the last. Returns -1 for an empty table.
 */
export function tierIndexAt(tiers: readonly Tier[], notional: number): number {
  const n = tiers.length;
  for (let i = 0; i < n; i++) {
    const t = tiers[i];
    if (t !== undefined && notional < t.maxNotional) return i;
  }
  return n - 1;
}

/** Maintenance margin of a notional in its tier: `notional × MMR − maintenance amount` (never below zero). */
export function maintenanceMargin(tiers: readonly Tier[], notional: number): number {
  const t = tiers[tierIndexAt(tiers, notional)];
  if (t === undefined) return 0;
  return Math.max(0, notional * t.maintenanceMarginRate - t.maintenanceAmount);
}

/** A one-tier table: for worked examples that state one MMR and one maintenance amount. */
export function singleTier(maintenanceMarginRate: number, maintenanceAmount = 0, maxLeverage = 1): Tier {
  return { tier: 1, minNotional: 0, maxNotional: OPEN_CAP, maintenanceMarginRate, maintenanceAmount, maxLeverage };
}

/**
 * Builds a tier table from floors and rates, deriving the maintenance amount by the venues' recursion
 * `cum_n = floor_n × (MMR_n − MMR_{n−1}) + cum_{n−1}`, `cum_1 = 0` (Binance FAQ; Bybit "Margin Parameters";
 * Hyperliquid margin tiers). For tables that come without `cum` (e.g. ccxt's `options.leverageBrackets`).
 */
export function tiersFromFloors(
  rows: readonly { readonly floor: number; readonly rate: number; readonly maxLeverage: number }[],
): Tier[] {
  const out: Tier[] = [];
  let cum = 0;
  let prevRate = 0;
  rows.forEach((row, i) => {
    if (i > 0) cum = row.floor * (row.rate - prevRate) + cum;
    prevRate = row.rate;
    const next = rows[i + 1];
    out.push({
      tier: i + 1,
      minNotional: row.floor,
      maxNotional: next === undefined ? OPEN_CAP : next.floor,
      maintenanceMarginRate: row.rate,
      maintenanceAmount: cum,
      maxLeverage: row.maxLeverage,
    });
  });
  return out;
}

/**
 * Hyperliquid margin table (`lowerBound`, `maxLeverage`) → tiers: "the maintenance margin is half of the initial
 * margin at max leverage", so MMR = 1/(2·maxLeverage); deductions by the recursion above (liquidation.md §5).
 */
export function hyperliquidTiers(
  table: readonly { readonly lowerBound: number; readonly maxLeverage: number }[],
): Tier[] {
  return tiersFromFloors(
    table.map((t) => ({ floor: t.lowerBound, rate: 1 / (2 * t.maxLeverage), maxLeverage: t.maxLeverage })),
  );
}

/** A usable positive finite number (NaN and ±Infinity fail). */
export const isPositive = (x: number): boolean => x > 0 && x < Infinity;
export const isFiniteNumber = (x: number): boolean => x > -Infinity && x < Infinity;

export function tiersValid(tiers: readonly Tier[]): boolean {
  if (tiers.length === 0) return false;
  for (let i = 0; i < tiers.length; i++) {
    const t = tiers[i] as Tier;
    if (!(t.maintenanceMarginRate >= 0 && t.maintenanceMarginRate < 1)) return false;
    if (!(t.maintenanceAmount >= 0 && t.maintenanceAmount < Infinity)) return false;
    if (!(t.maxNotional > t.minNotional)) return false;
  }
  return true;
}

export const priced = (
  model: LiquidationModel,
  price: number,
  tier: number | null,
  rate: number,
): LiquidationPrice => ({
  price,
  model,
  tier,
  maintenanceMarginRate: rate,
});

/** The last step of a tier loop: a price only if it is one (a loop that ran out on a broken table gives null). */
export const settled = (
  model: LiquidationModel,
  price: number,
  tier: number | null,
  rate: number,
): LiquidationPrice | LiquidationNull =>
  price > 0 && price < Infinity
    ? priced(model, price, tier, rate)
    : nulled(model, 'invalid_input', 'the maintenance tiers do not settle on a liquidation price');

export const nulled = (model: LiquidationModel, reason: LiquidationNullReason, detail: string): LiquidationNull => ({
  price: null,
  model,
  reason,
  detail,
});

export const DETAIL = {
  invalid:
    'the position inputs cannot define a liquidation price (a size, price or rate is missing, zero or not finite)',
  tiers: 'the maintenance-margin tiers are missing or invalid',
  noLiquidation: 'the margin covers any adverse move: this position cannot be liquidated at its current margin',
  insolvent: 'the margin is already below maintenance at every price: the position is liquidatable now',
} as const;

/** Maximum tier re-checks; margin is continuous across brackets, so the loop settles in a few steps. */
export const MAX_TIER_ITERATIONS = 24;
