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
  /** Base units held. */
  readonly quantity: number;
}

/**
 * The suggestion in words: "reduce 0.8 BTC (to 1.2) to bring liquidation to 4.0 daily σ (81,234.00), or add 1,234.00
 * USDT of margin"; for isolated margin, the margin to add and why reducing does not help.
 */
export function reductionText(r: ReductionSuggestion, c: ReductionContext): string {
  const addText = `add ${fmt(r.addMargin)} ${c.settle} of margin`;
  if (c.marginMode === 'isolated' || r.newQuantity === null) {
    return `${addText} to bring liquidation to ${fmt(r.targetSigma, 1)} daily σ (${fmtPrice(r.targetLiquidation)}); reducing an isolated position shrinks its margin with it and leaves the liquidation price where it is`;
  }
  const reduceText =
    r.newQuantity <= 0
      ? `close the position (${fmt(c.quantity, 6)} ${c.asset})`
      : `reduce ${fmt(r.reduceBy ?? 0, 6)} ${c.asset} (to ${fmt(r.newQuantity, 6)})`;
  return `${reduceText} to ${r.liquidationAfter === null ? 'remove the liquidation price' : `bring liquidation to ${fmt(r.achievedSigma ?? r.targetSigma, 1)} daily σ (${fmtPrice(r.liquidationAfter)})`}, or ${addText}`;
}

/** The reduction (cross) or added margin (both) that brings liquidation back to `targetSigma` daily σ; null if already there. */
export function suggestReduction(input: ReductionInput): ReductionSuggestion | null {
  const { side, quantity, mark, liquidation, mmr, sigmaDaily, targetSigma } = input;
  if (!(quantity > 0 && mark > 0 && liquidation > 0 && sigmaDaily > 0 && targetSigma > 0)) return null;
  const s = sgn(side);
  const current = (s * Math.log(mark / liquidation)) / sigmaDaily;
  if (current >= targetSigma) return null;
  const target = mark * Math.exp(-s * targetSigma * sigmaDaily);
  const addMargin = marginToReach(side, quantity, mark, liquidation, target, mmr);
  if (input.marginMode === 'isolated') {
    return {
      reduceBy: null,
      newQuantity: null,
      addMargin,
      targetSigma,
      targetLiquidation: target,
      achievedSigma: null,
      liquidationAfter: null,
    };
  }
  const fit = floorToStep(quantityForLiquidation(side, quantity, mark, liquidation, target, mmr), input.lotStep);
  const newQuantity = Math.min(fit, quantity);
  const reduceBy = Number((quantity - newQuantity).toFixed(Math.max(stepDecimals(input.lotStep), 8)));
  const lp = liquidationAfterReduction(side, quantity, mark, liquidation, newQuantity, mmr);
  const achieved = lp === null ? null : (s * Math.log(mark / lp)) / sigmaDaily;
  return {
    reduceBy,
    newQuantity,
    addMargin,
    targetSigma,
    targetLiquidation: target,
    achievedSigma: achieved,
    liquidationAfter: lp,
  };
}
