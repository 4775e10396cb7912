import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toOrderBook } from './normalise';

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
    expect(toOrderBook(book, 5.9, same, depth)).toEqual(expected);
  });

  it('converts amounts with toBase (inverse: 100 USD contracts ÷ price)', () => {
    // 3 contracts × 100 USD ÷ 50,000 USD = 0.006 BTC.
    const book = toOrderBook(
      { bids: [['50000', '3']], asks: [], timestamp: 1 },
      0,
      (amount, price) => (amount * 100) / price,
    );
    expect(book.bids).toEqual([[50_000, 0.006]]);
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
        expect(book.bids.map(([p]) => p)).toEqual(bids.map(([p]) => p));
        expect(book.asks.map(([p]) => p)).toEqual(asks.map(([p]) => p));
      }),
    );
  });
});
