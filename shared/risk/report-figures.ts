import type { Figure, PositionRisk, Touch } from '../domain/risk-report';

/** The reason a report's touch probability is null (report.ts computes all four, or none). */
export const NO_TOUCH_REASON = 'no liquidation price or volatility estimate';

/**
 * A report position's touch probability as a figure with its provenance, for a screen: computed, or null with the
 * reason (no liquidation price or volatility at all; or, for the stressed-σ and jump figures, switched off).
 */
export function touchFigure(t: Touch, method: 'gaussian' | 'stressedSigma' | 'jumpOverlay' | 'fat'): Figure {
  const value = t[method];
  if (value !== null) return { value, source: 'computed', reason: null };
  return { value: null, source: 'computed', reason: t.gaussian === null ? NO_TOUCH_REASON : 'disabled' };
}

/**
 * A report position's distance to liquidation as a figure with its provenance, for a screen: computed, or null with
 * the reason (no liquidation price at all; or no ATR(14), or no volatility estimate, for those units).
 */
export function distanceFigure(d: PositionRisk['distance'], unit: 'fraction' | 'atr' | 'sigma'): Figure {
  const value = d[unit];
  if (value !== null) return { value, source: 'computed', reason: null };
  const reason =
    d.fraction === null
      ? 'no liquidation price'
      : unit === 'atr'
        ? 'no ATR(14): too few candles'
        : 'no volatility estimate';
  return { value: null, source: 'computed', reason };
}

/** A figure the exchange reports (a report position's size, notional or entry price), for a screen. */
export const exchangeFigure = (value: number): Figure => ({ value, source: 'exchange', reason: null });
