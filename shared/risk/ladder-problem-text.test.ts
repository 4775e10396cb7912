import { describe, expect, it } from 'vitest';
import type { LadderProblem, LadderTerms } from '../domain/risk-report';
import { ladderProblemText } from './ladder-problem-text';

// The sentences are the ones stopLadder (stops.ts) built before its problems became data; a dump of every problem of
// the synthetic reports (seeds 1, 7, 13) and of planner-style ladders was byte-identical before and after.
const LINEAR: LadderTerms = {
  asset: 'BTC',
  settle: 'USDT',
  kind: 'linear',
  side: 'long',
  contractSize: 0.001,
  amountStep: 1,
  reference: 100_000,
};
/** Inverse: contracts of $100; 0.04 BTC at 100,000 is 0.04 × 100,000 / 100 = 40 contracts. */
const INVERSE: LadderTerms = { ...LINEAR, settle: 'BTC', kind: 'inverse', side: 'short', contractSize: 100 };
const NONE = { reduceBy: null, addMargin: null, maxLeverage: null };

describe('ladderProblemText: what fails and what to change, per constraint', () => {
  it.each<[string, LadderProblem, { detail: string; fix: string }]>([
    [
      'a rung at or below zero',
      { constraint: 'stop_side', terms: LINEAR, cause: 'below_zero', ...NONE },
      { detail: 'a rung would sit at or below zero', fix: 'use smaller ATR multiples' },
    ],
    [
      'a planned trade with every stop on the winning side',
      { constraint: 'stop_side', terms: LINEAR, cause: 'winning_side', ...NONE },
      { detail: 'the stops are all on the winning side of the entry', fix: 'measure the ladder from the entry price' },
    ],
    [
      '0.002 BTC in 3 rungs of 0.001 BTC lots',
      { constraint: 'lot_size', terms: LINEAR, quantity: 0.002, rungs: 3, lot: 0.001, ...NONE },
      {
        detail: '0.00200000 BTC cannot be split into 3 rungs of whole lots (0.00100000 BTC)',
        fix: 'use fewer rungs, or one stop for the whole position',
      },
    ],
    [
      'a planned trade whose deepest stop no leverage can keep before liquidation',
      {
        constraint: 'liquidation_buffer',
        terms: LINEAR,
        buffer: 0.015,
        deepestTrigger: 91_000,
        deepestFill: 90_900,
        bound: 89_556.65,
        liquidationPrice: null,
        tightest: null,
        ...NONE,
        maxLeverage: 0.8,
      },
      {
        detail: 'the deepest stop at 91,000.00 is too far for any leverage to keep liquidation beyond it',
        fix: 'use smaller ATR multiples',
      },
    ],
    [
      'an inverse short inside the buffer: margin in BTC, reduction in contracts',
      {
        constraint: 'liquidation_buffer',
        terms: INVERSE,
        buffer: 0.02,
        deepestTrigger: 109_000,
        deepestFill: 109_100,
        bound: 111_326.53,
        liquidationPrice: 110_000,
        tightest: 107_800,
        ...NONE,
        addMargin: 0.0123456,
        reduceBy: 0.04,
      },
      {
        detail:
          'the deepest stop fills near 109,100.00, but liquidation at 110,000.00 comes within the 2.00 % buffer (it must be at or above 111,326.53)',
        fix: 'add 0.012346 BTC of margin so the deepest stop fills before liquidation with the 2.00 % buffer, or reduce the position by 40 contracts of $100 (0.040000 BTC), or keep the deepest stop below 107,800.00',
      },
    ],
  ])('%s', (_, problem, words) => {
    expect(ladderProblemText(problem)).toEqual(words);
  });
});
