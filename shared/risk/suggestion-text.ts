import type { MarginMode } from '../domain/venue';
import type { Suggestion } from '../domain/risk-report';
import { fmt } from './format';
import { reductionText } from './reduction';

/**
 * A report suggestion in words: what to do and why. The report holds each suggestion as its kind, the sentence's
 * label, numbers and words (shared/domain/risk-report.ts `SuggestionSchema`); the screens, the checklist and the
 * report CLI make the sentence here, where it is shown.
 */
export function suggestionText(s: Suggestion): string {
  const { label, values: v, words } = s;
  const n = (i: number): number => v[i] ?? Infinity;
  const word = (i: number): string => words[i] ?? '';
  switch (s.kind) {
    case 'stop_ladder': {
      // Inverse (values[4], the USD face value of a contract): the orders are contracts, the losses coin (6 decimals).
      const face = v[4] ?? null;
      const cd = face === null ? 2 : 6;
      return `${fmt(n(0), 0)} staggered reduce-only stop-market orders${face === null ? '' : ` in contracts of $${fmt(face, 0)}`} on the mark price at ${word(1)} ATR: loss if all fill ${fmt(n(1), cd)} ${word(0)} (budget ${fmt(n(2), cd)}), expected over 7 days ${fmt(n(3), cd)}`;
    }
    case 'reduce_position':
    case 'add_margin': {
      const settle = word(2);
      const addMargin = n(0);
      const targetSigma = n(1);
      // Inverse (values 9–11: face value, mark, lot step in contracts): contracts to reduce, coin margin (6 decimals).
      const face = v[9] ?? null;
      const inverse = face === null ? null : { faceValue: face, mark: n(10), lotStep: n(11) };
      const cd = inverse === null ? 2 : 6;
      const reduction = reductionText(
        {
          addMargin,
          targetSigma,
          targetLiquidation: n(2),
          reduceBy: v[4] ?? null,
          newQuantity: v[5] ?? null,
          liquidationAfter: v[6] ?? null,
          achievedSigma: v[7] ?? null,
        },
        { marginMode: word(0) as MarginMode, asset: word(1), settle, quantity: n(3), inverse },
      );
      // The stop ladder may ask for margin too, for another goal: both figures, each with its goal, and which one
      // meets both.
      const ladderMargin = v[8] ?? null;
      const both =
        ladderMargin === null
          ? ''
          : `; the stop ladder needs ${fmt(ladderMargin, cd)} ${settle} of margin for a different goal (its deepest stop filling before liquidation with the buffer): ${ladderMargin >= addMargin ? `that ${fmt(ladderMargin, cd)} also meets the ${fmt(targetSigma, 1)} daily σ target` : `this ${fmt(addMargin, cd)} meets both`}`;
      return `${label}: ${reduction}${both}`;
    }
    case 'leverage_cap':
      return `${label}: ${fmt(n(0), 1)}× is above the ${word(0)} regime's isolated cap of ${fmt(n(1), 0)}×; lower the leverage by adding margin or reducing size`;
    case 'reduce_gross_exposure':
      return `trim ${fmt(n(0), 0)} USD of gross exposure to bring ${label} to the regime's ${fmt(n(1), 1)}× equity, starting with the crowded side`;
    case 'isolate_high_beta':
      return word(0);
  }
}
