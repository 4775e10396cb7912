import type { MarginMode, Side } from '../domain/venue';
import { floorToStep, fmt, fmtPrice, stepDecimals } from './format';

/**
 * What restores a target distance to liquidation for an open linear position, in the "available margin at mark"
 * form every venue's formula reduces to with the tier held fixed (Hyperliquid's, liquidation.md §5):
 *   LP = P − side·A / (Q·(1 − side·MMR)),   so   A = side·(P − LP)·Q·(1 − side·MMR).
 * Adding margin ΔM raises A by ΔM. Closing part of a cross position at mark keeps equity (fees aside) and releases
 * its maintenance margin, so A' = A + (Q − Q')·P·MMR; an isolated position's margin shrinks with it and its
 * liquidation price stays put, so only added margin helps there.
 */

const sgn = (s: Side): 1 | -1 => (s === 'long' ? 1 : -1);

export const impliedAvailableMargin = (
  side: Side,
  quantity: number,
  mark: number,
  liquidation: number,
  mmr: number,
): number => sgn(side) * (mark - liquidation) * quantity * (1 - sgn(side) * mmr);

/** Margin to add so that the liquidation price moves to `target` (0 when it is already there or beyond). */
export function marginToReach(
  side: Side,
  quantity: number,
  mark: number,
  liquidation: number,
  target: number,
  mmr: number,
): number {
  const s = sgn(side);
  const need = s * (mark - target) * quantity * (1 - s * mmr);
  return Math.max(0, need - impliedAvailableMargin(side, quantity, mark, liquidation, mmr));
}

/** Cross margin: the quantity at which the liquidation price sits at `target`, `Q' = (A + Q·P·MMR)/(D_t·(1 − side·MMR) + P·MMR)`. */
export function quantityForLiquidation(
  side: Side,
  quantity: number,
  mark: number,
  liquidation: number,
  target: number,
  mmr: number,
): number {
  const s = sgn(side);
  const a = impliedAvailableMargin(side, quantity, mark, liquidation, mmr);
  const dt = s * (mark - target);
  return Math.max(0, (a + quantity * mark * mmr) / (dt * (1 - s * mmr) + mark * mmr));
}

/** Liquidation price after closing down to `newQuantity` (cross). */
export function liquidationAfterReduction(
  side: Side,
  quantity: number,
  mark: number,
  liquidation: number,
  newQuantity: number,
  mmr: number,
): number | null {
  if (!(newQuantity > 0)) return null;
  const s = sgn(side);
  const a = impliedAvailableMargin(side, quantity, mark, liquidation, mmr) + (quantity - newQuantity) * mark * mmr;
  const lp = mark - (s * a) / (newQuantity * (1 - s * mmr));
  return lp > 0 ? lp : null;
}

export interface ReductionInput {
  readonly side: Side;
  readonly marginMode: MarginMode;
  /** Base units. */
  readonly quantity: number;
  readonly mark: number;
  readonly liquidation: number;
  readonly mmr: number;
  readonly sigmaDaily: number;
  /** Distance to restore, in daily σ (settings.severity.watchSigma by default). */
  readonly targetSigma: number;
  /** Lot step in base units. */
  readonly lotStep: number;
}

export interface ReductionSuggestion {
  /** Base units to close (cross only; null for isolated). */
  readonly reduceBy: number | null;
  readonly newQuantity: number | null;
  /** Margin to add instead (settle currency). */
  readonly addMargin: number;
  readonly targetSigma: number;
  readonly targetLiquidation: number;
  /** Distance reached after the (lot-floored) reduction; null for isolated. */
  readonly achievedSigma: number | null;
  /** Liquidation price after the reduction; null for isolated, or when the reduction removes it. */
  readonly liquidationAfter: number | null;
}

/** What `reductionText` says of the position besides the suggestion's numbers. */
export interface ReductionContext {
  readonly marginMode: MarginMode;
  readonly asset: string;
  readonly settle: string;
  /** Base units held (inverse: contracts held). */
  readonly quantity: number;
  /**
   * An inverse position (`suggestInverseReduction`): the USD face value of one contract, the mark the coin amounts
   * are valued at and the lot step in contracts; absent or null for a linear one.
   */
  readonly inverse?: InverseReductionContext | null | undefined;
}

export interface InverseReductionContext {
  readonly faceValue: number;
  readonly mark: number;
  readonly lotStep: number;
}

/**
 * The suggestion in words: "reduce 0.8 BTC (to 1.2) to bring liquidation to 4.0 daily σ (81,234.00), or add 1,234.00
 * USDT of margin"; for isolated margin, the margin to add and why reducing does not help. Inverse: "reduce 125
 * contracts of $100 (0.125000 BTC at mark; to 875) …, or add 0.016451 BTC of margin" (coin with 6 decimals).
 */
export function reductionText(r: ReductionSuggestion, c: ReductionContext): string {
  const inv = c.inverse ?? null;
  const addText = `add ${fmt(r.addMargin, inv === null ? 2 : 6)} ${c.settle} of margin`;
  if (c.marginMode === 'isolated' || r.newQuantity === null) {
    return `${addText} to bring liquidation to ${fmt(r.targetSigma, 1)} daily σ (${fmtPrice(r.targetLiquidation)}); reducing an isolated position shrinks its margin with it and leaves the liquidation price where it is`;
  }
  let reduceText: string;
  if (inv === null) {
    reduceText =
      r.newQuantity <= 0
        ? `close the position (${fmt(c.quantity, 6)} ${c.asset})`
        : `reduce ${fmt(r.reduceBy ?? 0, 6)} ${c.asset} (to ${fmt(r.newQuantity, 6)})`;
  } else {
    const digits = stepDecimals(inv.lotStep);
    const unit = `contracts of $${fmt(inv.faceValue, 0)}`;
    const coin = (n: number) => `${fmt((n * inv.faceValue) / inv.mark, 6)} ${c.asset} at mark`;
    reduceText =
      r.newQuantity <= 0
        ? `close the position (${fmt(c.quantity, digits)} ${unit}, ${coin(c.quantity)})`
        : `reduce ${fmt(r.reduceBy ?? 0, digits)} ${unit} (${coin(r.reduceBy ?? 0)}; to ${fmt(r.newQuantity, digits)})`;
  }
  return `${reduceText} to ${r.liquidationAfter === null ? 'remove the liquidation price' : `bring liquidation to ${fmt(r.achievedSigma ?? r.targetSigma, 1)} daily σ (${fmtPrice(r.liquidationAfter)})`}, or ${addText}`;
}

/** The reduction (cross) or added margin (both) that brings liquidation back to `targetSigma` daily σ; null if already there. */
export function suggestReduction(input: ReductionInput): ReductionSuggestion | null {
  const { quantity } = input;
  if (!(quantity > 0)) return null;
  return reduceToTarget(input, quantity, Math.max(stepDecimals(input.lotStep), 8), null);
}

/**
 * The steps linear and inverse reductions share: target price from the daily-σ distance, then margin or size.
 * `face`: null for linear (quantities in base units), else an inverse contract's USD face value (quantities in
 * contracts); it picks the formulas for the margin, the quantity and the liquidation price after the reduction.
 */
function reduceToTarget(
  input: Pick<
    ReductionInput,
    'side' | 'mark' | 'liquidation' | 'mmr' | 'sigmaDaily' | 'targetSigma' | 'marginMode' | 'lotStep'
  >,
  quantity: number,
  decimals: number,
  face: number | null,
): ReductionSuggestion | null {
  const { side, mark, liquidation, mmr, sigmaDaily, targetSigma } = input;
  if (!(mark > 0 && liquidation > 0 && sigmaDaily > 0 && targetSigma > 0)) return null;
  const s = sgn(side);
  const current = (s * Math.log(mark / liquidation)) / sigmaDaily;
  if (current >= targetSigma) return null;
  const target = mark * Math.exp(-s * targetSigma * sigmaDaily);
  const addMargin =
    face === null
      ? marginToReach(side, quantity, mark, liquidation, target, mmr)
      : inverseMarginToReach(side, quantity, face, liquidation, target, mmr);
  if (input.marginMode === 'isolated') {
    // The fields in the order of the report's `reduction` (shared/domain/risk-report.ts), which holds this object.
    return {
      addMargin,
      targetSigma,
      targetLiquidation: target,
      reduceBy: null,
      newQuantity: null,
      liquidationAfter: null,
      achievedSigma: null,
    };
  }
  const fit =
    face === null
      ? quantityForLiquidation(side, quantity, mark, liquidation, target, mmr)
      : inverseContractsForLiquidation(side, quantity, face, mark, liquidation, target, mmr);
  const newQuantity = Math.min(floorToStep(fit, input.lotStep), quantity);
  const reduceBy = Number((quantity - newQuantity).toFixed(decimals));
  const lp =
    face === null
      ? liquidationAfterReduction(side, quantity, mark, liquidation, newQuantity, mmr)
      : inverseLiquidationAfterReduction(side, quantity, face, mark, liquidation, newQuantity, mmr);
  const achieved = lp === null ? null : (s * Math.log(mark / lp)) / sigmaDaily;
  return {
    addMargin,
    targetSigma,
    targetLiquidation: target,
    reduceBy,
    newQuantity,
    liquidationAfter: lp,
    achievedSigma: achieved,
  };
}

// ---- inverse (coin-margined) contracts ----
//
// liquidation.md §2 one-way inverse formula, with the wallet balance and PnL taken at the mark P (so the entry drops
// out) and the tier held fixed: `LP = N·F·(MMR + side) / (A + side·N·F/P)`, where N is contracts of F USD and A the
// coin available to the position besides its own maintenance (WB − TMM + UPNL + cum, everything at mark). Solving for
// A from the current liquidation price gives `A = N·F·[(MMR + side)/LP − side/P]`. Closing contracts at mark keeps A
// (fees aside); an isolated position's margin shrinks with it and its liquidation price stays put.

/** Coin to add so that an inverse position's liquidation price moves to `target`: `N·F·(MMR + side)·(1/T − 1/LP)`, ≥ 0. */
export function inverseMarginToReach(
  side: Side,
  contracts: number,
  faceValue: number,
  liquidation: number,
  target: number,
  mmr: number,
): number {
  return Math.max(0, contracts * faceValue * (mmr + sgn(side)) * (1 / target - 1 / liquidation));
}

/** Cross inverse: the contracts at which the liquidation price sits at `target`, `N' = A / (F·[(MMR + side)/T − side/P])`. */
export function inverseContractsForLiquidation(
  side: Side,
  contracts: number,
  faceValue: number,
  mark: number,
  liquidation: number,
  target: number,
  mmr: number,
): number {
  const s = sgn(side);
  const available = contracts * faceValue * ((mmr + s) / liquidation - s / mark);
  return Math.max(0, available / (faceValue * ((mmr + s) / target - s / mark)));
}

/** Cross inverse: the liquidation price after closing down to `newContracts` at mark (null when none remains). */
export function inverseLiquidationAfterReduction(
  side: Side,
  contracts: number,
  faceValue: number,
  mark: number,
  liquidation: number,
  newContracts: number,
  mmr: number,
): number | null {
  if (!(newContracts > 0)) return null;
  const s = sgn(side);
  const available = contracts * faceValue * ((mmr + s) / liquidation - s / mark);
  const den = available + (s * newContracts * faceValue) / mark;
  const lp = (newContracts * faceValue * (mmr + s)) / den;
  // Numerator and denominator share the side's sign while a liquidation price exists.
  return lp > 0 && Number.isFinite(lp) ? lp : null;
}

export interface InverseReductionInput extends Omit<ReductionInput, 'quantity' | 'lotStep'> {
  /** Contracts held, of `faceValue` USD each. */
  readonly contracts: number;
  readonly faceValue: number;
  /** Lot step in contracts. */
  readonly lotStep: number;
}

/**
 * `suggestReduction` for an inverse position: `reduceBy` and `newQuantity` are CONTRACTS of `faceValue` USD,
 * `addMargin` is coin (the settle currency); `reductionText` with an `inverse` context names both units.
 */
export function suggestInverseReduction(input: InverseReductionInput): ReductionSuggestion | null {
  const { contracts, faceValue: face } = input;
  if (!(contracts > 0 && face > 0)) return null;
  return reduceToTarget(input, contracts, stepDecimals(input.lotStep), face);
}
