import type { LadderProblem, LadderTerms } from '../domain/risk-report';
import { fmt, fmtPct, fmtPrice, stepDecimals } from './format';

/**
 * A stop ladder's problem in words: what fails (`detail`) and what to change (`fix`). A ladder holds each problem
 * as its constraint and the figures its sentences name (shared/domain/risk-report.ts `LadderProblemSchema`); the
 * screens, the checklist and the warnings (`stop_ladder_infeasible`, warning-text.ts) make the sentences here, where
 * they are shown, so building a report formats no sentence it may never show.
 */
export function ladderProblemText(p: LadderProblem): { readonly detail: string; readonly fix: string } {
  const t = p.terms;
  const linear = t.kind === 'linear';
  switch (p.constraint) {
    case 'stop_side':
      return p.cause === 'below_zero'
        ? { detail: 'a rung would sit at or below zero', fix: 'use smaller ATR multiples' }
        : {
            detail: 'the stops are all on the winning side of the entry',
            fix: 'measure the ladder from the entry price',
          };
    case 'lot_size':
      return {
        detail: `${fmt(p.quantity, 8)} ${t.asset} cannot be split into ${p.rungs} rungs of whole lots (${fmt(p.lot, 8)} ${t.asset})`,
        fix: 'use fewer rungs, or one stop for the whole position',
      };
    case 'risk_budget':
      return {
        detail: `if every rung fills the loss is ${fmt(p.worstCaseLoss, linear ? 2 : 6)} ${t.settle}, above the ${linear ? fmt(p.riskBudget, 2) : `${fmt(p.riskBudget, 6)} ${t.settle}`} budget`,
        fix: `reduce the position by ${reduceText(t, p.reduceBy)} ${linear ? `(to ${fmt(p.quantity - p.reduceBy, 6)})` : `to ${fmt(contracts(t, p.quantity - p.reduceBy), stepDecimals(t.amountStep))} contracts`}, or move the stops closer`,
      };
    case 'liquidation_buffer': {
      const lp = p.liquidationPrice;
      if (lp === null || p.tightest === null || p.addMargin === null)
        return {
          detail: `the deepest stop at ${fmtPrice(p.deepestTrigger)} is too far for any leverage to keep liquidation beyond it`,
          fix: 'use smaller ATR multiples',
        };
      const long = t.side === 'long';
      const keep = `keep the deepest stop ${long ? 'above' : 'below'} ${fmtPrice(p.tightest)}`;
      const reduce = p.reduceBy === null ? keep : `reduce the position by ${reduceText(t, p.reduceBy)}, or ${keep}`;
      // The margin figure names its goal: a report may also suggest margin for a distance target (reduction.ts).
      return {
        detail: `the deepest stop fills near ${fmtPrice(p.deepestFill)}, but liquidation at ${fmtPrice(lp)} comes within the ${fmtPct(p.buffer)} buffer (it must be ${long ? 'at or below' : 'at or above'} ${fmtPrice(p.bound)})`,
        fix: `add ${fmt(p.addMargin, linear ? 2 : 6)} ${t.settle} of margin so the deepest stop fills before liquidation with the ${fmtPct(p.buffer)} buffer, or ${reduce}`,
      };
    }
  }
}

/** Base units to reduce, in words: the coin amount, and for inverse the contracts first. */
function reduceText(t: LadderTerms, base: number): string {
  const coin = `${fmt(base, 6)} ${t.asset}`;
  if (t.kind === 'linear') return coin;
  return `${fmt(contracts(t, base), stepDecimals(t.amountStep))} contracts of $${fmt(t.contractSize, 0)} (${coin})`;
}

/** Inverse contracts for a base quantity at the reference (contracts × USD size ÷ price = base). */
const contracts = (t: LadderTerms, base: number): number => (base * t.reference) / t.contractSize;
