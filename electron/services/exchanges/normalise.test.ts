import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OrderBookSchema } from '../../../shared/domain/market';
import { levelsOf } from '../../../shared/domain/test-book';
import { toCandles, toOrderBook } from './normalise';

/**
 * toOrderBook reads ccxt's parsed book or a venue's raw answer (Binance `v1/depth`: `[["price","qty"], …]`; OKX
 * `market/books`: `[px, sz, liquidated, orders]`). Expected values are worked by hand from each input.
 */
const same = (amount: number) => amount;

describe('toOrderBook', () => {
  it.each([
    {
      name: 'raw string levels, best first, cut at the depth',
      book: {
        bids: [
          ['100.5', '2'],
          ['100.4', '1'],
          ['100.3', '3'],
        ],
        asks: [
          ['100.6', '4'],
          ['100.7', '5'],
        ],
        timestamp: '1700000000000',
      },
      depth: 2,
      // The first two bids as sent; both asks; the string timestamp read as a number.
      expected: {
        bids: [
          [100.5, 2],
          [100.4, 1],
        ],
        asks: [
          [100.6, 4],
          [100.7, 5],
        ],
        time: 1_700_000_000_000,
      },
    },
    {
      name: 'OKX four-field levels; unusable levels dropped and not counted',
      book: {
        bids: [
          ['0', '1', '0', '1'],
          ['99', 'abc', '0', '1'],
          ['98', '2', '0', '3'],
          ['97', '-1', '0', '1'],
          ['96', '1', '0', '2'],
        ],
        asks: [],
        timestamp: undefined,
      },
      depth: 2,
      // Zero price, non-numeric and negative amounts skipped: 98 and 96 remain; no timestamp → the fetch time.
      expected: {
        bids: [
          [98, 2],
          [96, 1],
        ],
        asks: [],
        time: 5,
      },
    },
    {
      name: 'a side not sent best first is sorted as ccxt sorts it, then cut',
      book: {
        bids: [
          ['100.3', '3'],
          ['100.5', '2'],
          ['100.4', '1'],
        ],
        asks: [
          ['101', '1'],
          ['100.8', '2'],
          ['100.9', '3'],
        ],
        timestamp: 7,
      },
      depth: 2,
      // Bids highest first (100.5, 100.4), asks lowest first (100.8, 100.9).
      expected: {
        bids: [
          [100.5, 2],
          [100.4, 1],
        ],
        asks: [
          [100.8, 2],
          [100.9, 3],
        ],
        time: 7,
      },
    },
  ])('$name', ({ book, depth, expected }) => {
    // Read back as [price, amount] levels to compare with the table; the columns themselves must be a valid book
    // (equal lengths, no holes left by the columns sized before the unusable levels were dropped).
    const out = toOrderBook(book, 5.9, same, depth);
    expect({ bids: levelsOf(out.bids), asks: levelsOf(out.asks), time: out.time }).toEqual(expected);
    expect(OrderBookSchema.safeParse(out).success).toBe(true);
  });

  it('converts amounts with toBase (inverse: 100 USD contracts ÷ price)', () => {
    // 3 contracts × 100 USD ÷ 50,000 USD = 0.006 BTC.
    const book = toOrderBook(
      { bids: [['50000', '3']], asks: [], timestamp: 1 },
      0,
      (amount, price) => (amount * 100) / price,
    );
    expect(book.bids).toEqual({ price: [50_000], amount: [0.006] });
  });

  it('keeps the best `depth` levels of any side, sorted best first (same as sorting every level)', () => {
    const level = fc.tuple(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 100 }));
    fc.assert(
      fc.property(fc.array(level, { maxLength: 60 }), fc.integer({ min: 1, max: 30 }), (levels, depth) => {
        const raw = levels.map(([price, amount]) => [String(price), String(amount)]);
        const book = toOrderBook({ bids: raw, asks: raw, timestamp: 0 }, 0, same, depth);
        const byPrice = levels.map(([p, a]): [number, number] => [p, a]);
        const bids = [...byPrice].sort((a, b) => b[0] - a[0]).slice(0, depth);
        const asks = [...byPrice].sort((a, b) => a[0] - b[0]).slice(0, depth);
        expect(book.bids.price).toEqual(bids.map(([p]) => p));
        expect(book.asks.price).toEqual(asks.map(([p]) => p));
        expect([book.bids.amount.length, book.asks.amount.length]).toEqual([bids.length, asks.length]);
      }),
    );
  });
});

describe('toCandles', () => {
  it.each([
    {
      name: 'rows in time order, string numbers read',
      rows: [
        [1_000, 10, 12, 9, 11, 5],
        [2_000, '11', '13', '10', '12', '6'],
      ],
      // Each row's columns as sent.
      expected: { time: [1_000, 2_000], open: [10, 11], high: [12, 13], low: [9, 10], close: [11, 12], volume: [5, 6] },
    },
    {
      name: 'rows out of order are sorted oldest first, every column moved with its time',
      rows: [
        [3_000, 30, 33, 29, 31, 3],
        [1_000, 10, 12, 9, 11, 1],
        [2_000, 20, 22, 19, 21, 2],
      ],
      expected: {
        time: [1_000, 2_000, 3_000],
        open: [10, 20, 30],
        high: [12, 22, 33],
        low: [9, 19, 29],
        close: [11, 21, 31],
        volume: [1, 2, 3],
      },
    },
    {
      name: 'a zero-padded gap, a fractional time and a missing price are dropped; a bad volume becomes 0',
      rows: [
        [1_000, 0, 0, 0, 0, 0],
        [1_500.5, 10, 12, 9, 11, 1],
        [2_000, 10, undefined, 9, 11, 1],
        [3_000, 10, 12, 9, 11, -4],
        [4_000, 10, 12, 9, 11, undefined],
      ],
      expected: { time: [3_000, 4_000], open: [10, 10], high: [12, 12], low: [9, 9], close: [11, 11], volume: [0, 0] },
    },
  ])('$name', ({ rows, expected }) => {
    expect(toCandles(rows as never)).toEqual(expected);
  });

  it('converts volume with sizeBase (inverse: 100 USD contracts ÷ close)', () => {
    // 50 contracts × 100 USD ÷ 20,000 = 0.25 coin.
    expect(toCandles([[1_000, 19_000, 21_000, 18_000, 20_000, 50]], (v, close) => (v * 100) / close).volume).toEqual([
      0.25,
    ]);
  });
});
