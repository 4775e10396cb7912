import { describe, expect, it } from 'vitest';
import { BookSideSchema, CandleSeriesSchema, OrderBookSchema, emptyBookSide, emptyCandleSeries } from './market';

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

/** The book side schema: two columns of equal length, each value under the rules a `[price, amount]` level had. */
const side = { price: [100, 99.5], amount: [2, 0.25] };

describe('BookSideSchema', () => {
  it('accepts equal columns and the empty side', () => {
    expect(BookSideSchema.safeParse(side).success).toBe(true);
    expect(BookSideSchema.safeParse(emptyBookSide()).success).toBe(true);
    expect(OrderBookSchema.safeParse({ bids: side, asks: emptyBookSide(), time: 0 }).success).toBe(true);
  });

  it.each([
    ['the amounts one short', { ...side, amount: [2] }],
    ['the prices one long', { ...side, price: [100, 99.5, 99] }],
    ['a zero price', { ...side, price: [100, 0] }],
    ['a negative price', { ...side, price: [-100, 99.5] }],
    ['a zero amount', { ...side, amount: [2, 0] }],
    ['a negative amount', { ...side, amount: [-2, 0.25] }],
    ['a NaN amount', { ...side, amount: [2, Number.NaN] }],
    ['an infinite price', { ...side, price: [Number.POSITIVE_INFINITY, 99.5] }],
    ['a missing column', { price: side.price }],
  ])('rejects %s', (_name, s) => {
    expect(BookSideSchema.safeParse(s).success).toBe(false);
    expect(OrderBookSchema.safeParse({ bids: emptyBookSide(), asks: s, time: 0 }).success).toBe(false);
  });
});
