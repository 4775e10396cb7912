import type { Suggestion } from '../domain/risk-report';
import { fmt } from './format';
import { reductionText } from './reduction';

/**
 * A report suggestion in words: what to do and why. The report holds each suggestion as its kind, the sentence's
 * label and the kind's named fields (shared/domain/risk-report.ts `SuggestionSchema`); the screens, the checklist
 * and the report CLI make the sentence here, where it is shown.
 */
export function suggestionText(s: Suggestion): string {
  const { label } = s;
  switch (s.kind) {
    case 'stop_ladder': {
      // Inverse (a contract's USD face value): the orders are contracts, the losses coin (6 decimals).
      const face = s.faceValue;
      const cd = face === undefined ? 2 : 6;
      return `${fmt(s.orders, 0)} staggered reduce-only stop-market orders${face === undefined ? '' : ` in contracts of $${fmt(face, 0)}`} on the mark price at ${s.atrMultiples} ATR: loss if all fill ${fmt(s.worstCaseLoss, cd)} ${s.settle} (budget ${fmt(s.riskBudget, cd)}), expected over 7 days ${fmt(s.expectedLoss7d, cd)}`;
    }
    case 'reduce_position':
    case 'add_margin': {
      const { reduction: r, settle, ladderMargin } = s;
      // Inverse: contracts to reduce, coin margin (6 decimals).
      const cd = s.inverse === undefined ? 2 : 6;
      const reduction = reductionText(r, s);
      // The stop ladder may ask for margin too, for another goal: both figures, each with its goal, and which one
      // meets both.
      const both =
        ladderMargin === null
          ? ''
          : `; the stop ladder needs ${fmt(ladderMargin, cd)} ${settle} of margin for a different goal (its deepest stop filling before liquidation with the buffer): ${ladderMargin >= r.addMargin ? `that ${fmt(ladderMargin, cd)} also meets the ${fmt(r.targetSigma, 1)} daily σ target` : `this ${fmt(r.addMargin, cd)} meets both`}`;
      return `${label}: ${reduction}${both}`;
    }
    case 'leverage_cap':
      return `${label}: ${fmt(s.leverage, 1)}× is above the ${s.regime} regime's isolated cap of ${fmt(s.leverageCap, 0)}×; lower the leverage by adding margin or reducing size`;
    case 'reduce_gross_exposure':
      return `trim ${fmt(s.trim, 0)} USD of gross exposure to bring ${label} to the regime's ${fmt(s.grossCap, 1)}× equity, starting with the crowded side`;
    case 'isolate_high_beta':
      return s.explanation;
  }
}
