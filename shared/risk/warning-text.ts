import type { LadderConstraint, RiskWarning } from '../domain/risk-report';
import { fmt, fmtPct, fmtPrice } from './format';
import { ladderProblemText } from './ladder-problem-text';

/**
 * A report warning in words. The report holds each warning as its code, the sentence's label and the code's named
 * fields (shared/domain/risk-report.ts `RiskWarningSchema`); the screens, the checklist and the report CLI make the
 * sentence here, where it is shown, so building a report formats no sentence it may never show. A null number is
 * one that is not finite and is shown as "–".
 */
export function warningText(w: RiskWarning): string {
  const { label } = w;
  switch (w.code) {
    case 'regime_crowded':
      return `${label}: ${w.side} side CROWDED (score ${fmt(w.score, 2)}): size × ${fmt(w.sizeMultiplier)}, isolated leverage ≤ ${fmt(w.leverageCap, 0)}×, stop slippage ${fmtPct(w.slippage)}; avoid adding on this side`;
    case 'regime_extreme':
      return `${label}: ${w.side} side EXTREME (score ${fmt(w.score, 2)}): size × ${fmt(w.sizeMultiplier)}, isolated leverage ≤ ${fmt(w.leverageCap, 0)}×, stop slippage ${fmtPct(w.slippage)}; trim existing exposure and trigger stops on the mark price`;
    case 'regime_low_confidence':
      return `${label}: regime rests on ${fmtPct(w.confidence, 0)} of its signals (missing: ${w.missing.join(', ')})`;
    case 'stale_data':
      return `${label}: ${w.subject.kind === 'market' ? 'market' : 'position'} data is ${fmt(w.minutes, 0)} min old`;
    case 'missing_market_data':
      return `${label}: ${w.detail}`;
    case 'missing_balance':
      return `${label}: no ${w.currency} balance for account ${w.accountId}; the cross liquidation price cannot be computed`;
    case 'liquidation_discrepancy':
      return `${label}: our liquidation price ${fmtPrice(w.computed)} differs from the exchange's ${fmtPrice(w.exchange)} by ${fmtPct(w.gap)}; ${w.explanation}`;
    case 'liquidation_unavailable':
      return `${label}: no liquidation price (${w.reason}) and none reported by the exchange`;
    case 'liquidation_crossed':
      return `${label}: mark ${fmtPrice(w.mark)} is beyond the liquidation price ${fmtPrice(w.liquidationPrice)}: the position is being or is about to be liquidated`;
    case 'liquidation_near':
      return `${label}: liquidation at ${fmtPrice(w.liquidationPrice)} is ${fmtPct(w.distance)} away (${fmt(w.sigmaDistance ?? Infinity, 2)} daily σ); touch probability ${fmtPct(w.touch24h)} in 24 h, ${fmtPct(w.touch7d, 1)} in 7 days`;
    case 'stress_liquidation':
      return `${label}: liquidated by a BTC move of ${fmtPct(w.btcMove, 0)} (${w.asset} ${fmtPct(w.assetMove, 1)} at β ${fmt(w.beta, 2)})`;
    case 'stop_ladder_infeasible':
      return `${label}: ${LADDER_FAILURE[w.problem.constraint]}; ${ladderProblemText(w.problem).fix}`;
    case 'gross_leverage_above_cap':
      return `${label}: gross leverage ${fmt(w.grossLeverage, 2)}× is above the regime cap of ${fmt(w.grossCap, 1)}×`;
    case 'cross_account_fragile':
      return `${label}: ${w.reason} (the exchange's per-position prices hold the other positions still)`;
    case 'high_beta_in_cross':
      return `${label}: ${w.explanation}`;
  }
}

/** What a stop ladder's failed constraint (shared/risk/stops.ts) means, for `stop_ladder_infeasible`. */
const LADDER_FAILURE: Readonly<Record<LadderConstraint, string>> = {
  liquidation_buffer: 'the deepest stop would fill inside the liquidation buffer',
  risk_budget: 'the stop ladder loses more than the risk budget if every rung fills',
  lot_size: 'the position is too small to split into whole-lot rungs',
  stop_side: 'the stop ladder cannot be placed on the losing side',
};
