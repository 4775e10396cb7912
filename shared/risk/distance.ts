import type { Side } from '../domain/venue';

/**
 * Distance from the mark price to the liquidation price (risk-method.md §2.1):
 *   d_pct = side·(P − LP)/P,   d_ATR = side·(P − LP)/ATR,   d_sigma = |ln(P/LP)| / σ_d
 * All three are negative once the mark is beyond the liquidation price.
 */
export interface LiquidationDistance {
  /** Fraction of price (0.096 = 9.6 %). */
  readonly fraction: number;
  /** In ATRs; null without an ATR. */
  readonly atr: number | null;
  /** In daily σ; null without a volatility. */
  readonly sigma: number | null;
}

export function liquidationDistance(
  side: Side,
  price: number,
  liquidation: number,
  atr: number | null,
  sigmaDaily: number | null,
): LiquidationDistance {
  const gap = side === 'long' ? price - liquidation : liquidation - price;
  const sign = gap >= 0 ? 1 : -1;
  return {
    fraction: gap / price,
    atr: atr !== null && atr > 0 ? gap / atr : null,
    sigma: sigmaDaily !== null && sigmaDaily > 0 ? (sign * Math.abs(Math.log(price / liquidation))) / sigmaDaily : null,
  };
}

/** Daily σ from annualised σ (24/7 market: √365). */
export const dailySigma = (annual: number): number => annual / Math.sqrt(365);
