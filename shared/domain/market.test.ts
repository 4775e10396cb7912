import { describe, expect, it } from 'vitest';
import { CandleSeriesSchema, emptyCandleSeries } from './market';

/** The candle series schema: columns of equal length, each value under the rules a bar had (market.ts). */
const two = { time: [0, 3_600_000], open: [10, 11], high: [12, 12], low: [9, 10], close: [11, 10], volume: [0, 5] };

describe('CandleSeriesSchema', () => {
  it('accepts equal columns and the empty series', () => {
    expect(CandleSeriesSchema.safeParse(two).success).toBe(true);
    expect(CandleSeriesSchema.safeParse(emptyCandleSeries()).success).toBe(true);
  });

  it.each([
    ['a column one value short', { ...two, volume: [0] }],
    ['a column one value long', { ...two, close: [11, 10, 9] }],
    ['a fractional time', { ...two, time: [0, 1.5] }],
    ['a negative time', { ...two, time: [-1, 0] }],
    ['a zero price', { ...two, low: [9, 0] }],
    ['a negative price', { ...two, open: [-10, 11] }],
    ['a negative volume', { ...two, volume: [0, -1] }],
    ['a NaN price', { ...two, high: [12, Number.NaN] }],
    ['a missing column', { time: two.time, open: two.open, high: two.high, low: two.low, close: two.close }],
  ])('rejects %s', (_name, series) => {
    expect(CandleSeriesSchema.safeParse(series).success).toBe(false);
  });
});
