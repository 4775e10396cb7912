import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../domain/risk-report';
import { suggestionText } from './suggestion-text';

const position = { kind: 'position', id: 'p1' } as const;
const account = { kind: 'account', id: 'a1|USDT' } as const;
const at = (subject: Suggestion['subject'], label: string) => ({ subject, label, amount: null, unit: null }) as const;
/** An isolated BTC position held against USDT: the margin to add, 4 daily σ target, no reduction. */
const isolated = (addMargin: number, ladderMargin: number | null) =>
  ({
    reduction: {
      addMargin,
      targetSigma: 4,
      targetLiquidation: 81_234.5,
      reduceBy: null,
      newQuantity: null,
      liquidationAfter: null,
      achievedSigma: null,
    },
    marginMode: 'isolated',
    asset: 'BTC',
    settle: 'USDT',
    quantity: 0.5,
    ladderMargin,
  }) as const;

describe('suggestionText: the sentence of each suggestion kind (the templates report.ts and reduction.ts built before suggestions became data)', () => {
  it.each<[Suggestion, string]>([
    [
      {
        kind: 'stop_ladder',
        ...at(position, 'X long'),
        orders: 3,
        worstCaseLoss: 1_234.5,
        riskBudget: 1_500,
        expectedLoss7d: 321.987,
        settle: 'USDT',
        atrMultiples: '1.50 / 2.25 / 3.00',
      },
      '3 staggered reduce-only stop-market orders on the mark price at 1.50 / 2.25 / 3.00 ATR: loss if all fill 1,234.50 USDT (budget 1,500.00), expected over 7 days 321.99',
    ],
    [
      { kind: 'add_margin', ...at(position, 'X long'), ...isolated(812.345, null) },
      'X long: add 812.35 USDT of margin to bring liquidation to 4.0 daily σ (81,234.50); reducing an isolated position shrinks its margin with it and leaves the liquidation price where it is',
    ],
    [
      { kind: 'add_margin', ...at(position, 'X long'), ...isolated(800, 1_000) },
      'X long: add 800.00 USDT of margin to bring liquidation to 4.0 daily σ (81,234.50); reducing an isolated position shrinks its margin with it and leaves the liquidation price where it is; the stop ladder needs 1,000.00 USDT of margin for a different goal (its deepest stop filling before liquidation with the buffer): that 1,000.00 also meets the 4.0 daily σ target',
    ],
    [
      { kind: 'add_margin', ...at(position, 'X long'), ...isolated(800, 500) },
      'X long: add 800.00 USDT of margin to bring liquidation to 4.0 daily σ (81,234.50); reducing an isolated position shrinks its margin with it and leaves the liquidation price where it is; the stop ladder needs 500.00 USDT of margin for a different goal (its deepest stop filling before liquidation with the buffer): this 800.00 meets both',
    ],
    [
      {
        kind: 'reduce_position',
        ...at(position, 'X long'),
        reduction: {
          addMargin: 900,
          targetSigma: 4,
          targetLiquidation: 81_234.5,
          reduceBy: 0.8,
          newQuantity: 1.2,
          liquidationAfter: 81_100,
          achievedSigma: 4.04,
        },
        marginMode: 'cross',
        asset: 'BTC',
        settle: 'USDT',
        quantity: 2,
        ladderMargin: null,
      },
      'X long: reduce 0.800000 BTC (to 1.200000) to bring liquidation to 4.0 daily σ (81,100.00), or add 900.00 USDT of margin',
    ],
    [
      {
        kind: 'reduce_position',
        ...at(position, 'X long'),
        reduction: {
          addMargin: 900,
          targetSigma: 4,
          targetLiquidation: 81_234.5,
          reduceBy: 2,
          newQuantity: 0,
          liquidationAfter: null,
          achievedSigma: null,
        },
        marginMode: 'cross',
        asset: 'BTC',
        settle: 'USDT',
        quantity: 2,
        ladderMargin: null,
      },
      'X long: close the position (2.000000 BTC) to remove the liquidation price, or add 900.00 USDT of margin',
    ],
    [
      { kind: 'leverage_cap', ...at(position, 'X long'), leverage: 20, leverageCap: 10, regime: 'CROWDED' },
      "X long: 20.0× is above the CROWDED regime's isolated cap of 10×; lower the leverage by adding margin or reducing size",
    ],
    [
      { kind: 'reduce_gross_exposure', ...at(account, 'a1 (USDT)'), trim: 25_000.4, grossCap: 3 },
      "trim 25,000 USD of gross exposure to bring a1 (USDT) to the regime's 3.0× equity, starting with the crowded side",
    ],
    [
      { kind: 'isolate_high_beta', ...at(account, 'a1 (USDT)'), explanation: 'SOL shares this margin' },
      'SOL shares this margin',
    ],
  ])('%#: %j', (suggestion, text) => {
    expect(suggestionText(suggestion)).toBe(text);
  });
});
