import { describe, expect, it } from 'vitest';
import { distanceFigure, NO_TOUCH_REASON, touchFigure } from './report-figures';

// The figures report.ts gave before touch probabilities became plain numbers: computed values, the shared reason
// when nothing could be computed, 'disabled' for a switched-off stressed-σ or jump figure.
describe('touchFigure', () => {
  const computed = { horizonHours: 24, gaussian: 0.01, stressedSigma: null, jumpOverlay: 0.02, fat: 0.02 };
  const none = { horizonHours: 24, gaussian: null, stressedSigma: null, jumpOverlay: null, fat: null };
  it.each([
    [computed, 'gaussian', { value: 0.01, source: 'computed', reason: null }],
    [computed, 'fat', { value: 0.02, source: 'computed', reason: null }],
    [computed, 'stressedSigma', { value: null, source: 'computed', reason: 'disabled' }],
    [none, 'gaussian', { value: null, source: 'computed', reason: NO_TOUCH_REASON }],
    [none, 'jumpOverlay', { value: null, source: 'computed', reason: NO_TOUCH_REASON }],
    [none, 'fat', { value: null, source: 'computed', reason: NO_TOUCH_REASON }],
  ] as const)('%#: %s', (t, method, figure) => expect(touchFigure(t, method)).toEqual(figure));
});

// The figures report.ts gave before distances became plain numbers.
describe('distanceFigure', () => {
  const noAtr = { fraction: 0.05, atr: null, sigma: 1.2 };
  const noSigma = { fraction: 0.05, atr: 2, sigma: null };
  const none = { fraction: null, atr: null, sigma: null };
  it.each([
    [noAtr, 'fraction', { value: 0.05, source: 'computed', reason: null }],
    [noAtr, 'atr', { value: null, source: 'computed', reason: 'no ATR(14): too few candles' }],
    [noSigma, 'sigma', { value: null, source: 'computed', reason: 'no volatility estimate' }],
    [none, 'fraction', { value: null, source: 'computed', reason: 'no liquidation price' }],
    [none, 'atr', { value: null, source: 'computed', reason: 'no liquidation price' }],
    [none, 'sigma', { value: null, source: 'computed', reason: 'no liquidation price' }],
  ] as const)('%#: %s', (d, unit, figure) => expect(distanceFigure(d, unit)).toEqual(figure));
});
