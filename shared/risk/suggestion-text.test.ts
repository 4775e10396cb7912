import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../domain/risk-report';
import { suggestionText } from './suggestion-text';

const position = { kind: 'position', id: 'p1' } as const;
const account = { kind: 'account', id: 'a1|USDT' } as const;
const s = (
  kind: Suggestion['kind'],
  subject: Suggestion['subject'],
  label: string,
  values: (number | null)[],
  words: string[] = [],
): Suggestion => ({ kind, subject, label, values, words, amount: null, unit: null });

// Reduction values: [add margin, target σ, target LP, quantity, reduce by, new quantity, LP after, σ after, ladder margin].
describe('suggestionText: the sentence of each suggestion kind (the templates report.ts and reduction.ts built before suggestions became data)', () => {
  it.each([
    [
      s('stop_ladder', position, 'X long', [3, 1_234.5, 1_500, 321.987], ['USDT', '1.50 / 2.25 / 3.00']),
      '3 staggered reduce-only stop-market orders on the mark price at 1.50 / 2.25 / 3.00 ATR: loss if all fill 1,234.50 USDT (budget 1,500.00), expected over 7 days 321.99',
    ],
    [
      s(
        'add_margin',
        position,
        'X long',
        [812.345, 4, 81_234.5, 0.5, null, null, null, null, null],
        ['isolated', 'BTC', 'USDT'],
      ),
      'X long: add 812.35 USDT of margin to bring liquidation to 4.0 daily σ (81,234.50); reducing an isolated position shrinks its margin with it and leaves the liquidation price where it is',
    ],
    [
      s(
        'add_margin',
        position,
        'X long',
        [800, 4, 81_234.5, 0.5, null, null, null, null, 1_000],
        ['isolated', 'BTC', 'USDT'],
      ),
      'X long: add 800.00 USDT of margin to bring liquidation to 4.0 daily σ (81,234.50); reducing an isolated position shrinks its margin with it and leaves the liquidation price where it is; the stop ladder needs 1,000.00 USDT of margin for a different goal (its deepest stop filling before liquidation with the buffer): that 1,000.00 also meets the 4.0 daily σ target',
    ],
    [
      s(
        'add_margin',
        position,
        'X long',
        [800, 4, 81_234.5, 0.5, null, null, null, null, 500],
        ['isolated', 'BTC', 'USDT'],
      ),
      'X long: add 800.00 USDT of margin to bring liquidation to 4.0 daily σ (81,234.50); reducing an isolated position shrinks its margin with it and leaves the liquidation price where it is; the stop ladder needs 500.00 USDT of margin for a different goal (its deepest stop filling before liquidation with the buffer): this 800.00 meets both',
    ],
    [
      s(
        'reduce_position',
        position,
        'X long',
        [900, 4, 81_234.5, 2, 0.8, 1.2, 81_100, 4.04, null],
        ['cross', 'BTC', 'USDT'],
      ),
      'X long: reduce 0.800000 BTC (to 1.200000) to bring liquidation to 4.0 daily σ (81,100.00), or add 900.00 USDT of margin',
    ],
    [
      s('reduce_position', position, 'X long', [900, 4, 81_234.5, 2, 2, 0, null, null, null], ['cross', 'BTC', 'USDT']),
      'X long: close the position (2.000000 BTC) to remove the liquidation price, or add 900.00 USDT of margin',
    ],
    [
      s('leverage_cap', position, 'X long', [20, 10], ['CROWDED']),
      "X long: 20.0× is above the CROWDED regime's isolated cap of 10×; lower the leverage by adding margin or reducing size",
    ],
    [
      s('reduce_gross_exposure', account, 'a1 (USDT)', [25_000.4, 3]),
      "trim 25,000 USD of gross exposure to bring a1 (USDT) to the regime's 3.0× equity, starting with the crowded side",
    ],
    [s('isolate_high_beta', account, 'a1 (USDT)', [], ['SOL shares this margin']), 'SOL shares this margin'],
  ])('%#: %j', (suggestion, text) => {
    expect(suggestionText(suggestion)).toBe(text);
  });
});
