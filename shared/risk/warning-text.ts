import type { RiskWarning } from '../domain/risk-report';
import { fmt, fmtPct, fmtPrice } from './format';

/**
 * A report warning in words. The report holds each warning as its code, the sentence's label, numbers and quoted
 * words (shared/domain/risk-report.ts `RiskWarningSchema`); the screens, the checklist and the report CLI make the
 * sentence here, where it is shown, so building a report formats no sentence it may never show.
 */
export function warningText(w: RiskWarning): string {
  const { label, values: v, words } = w;
  const n = (i: number): number => v[i] ?? Infinity;
  const word = (i: number): string => words[i] ?? '';
  switch (w.code) {
    case 'regime_crowded':
    case 'regime_extreme':
      return `${label}: ${word(0)} side ${w.code === 'regime_extreme' ? 'EXTREME' : 'CROWDED'} (score ${fmt(n(0), 2)}): size × ${fmt(n(1))}, isolated leverage ≤ ${fmt(n(2), 0)}×, stop slippage ${fmtPct(n(3))}${w.code === 'regime_extreme' ? '; trim existing exposure and trigger stops on the mark price' : '; avoid adding on this side'}`;
    case 'regime_low_confidence':
      return `${label}: regime rests on ${fmtPct(n(0), 0)} of its signals (missing: ${words.join(', ')})`;
    case 'stale_data':
      return `${label}: ${w.subject.kind === 'market' ? 'market' : 'position'} data is ${fmt(n(0), 0)} min old`;
    case 'missing_market_data':
      return `${label}: ${word(0)}`;
    case 'missing_balance':
      return `${label}: no ${word(0)} balance for account ${word(1)}; the cross liquidation price cannot be computed`;
    case 'liquidation_discrepancy':
      return `${label}: our liquidation price ${fmtPrice(n(0))} differs from the exchange's ${fmtPrice(n(1))} by ${fmtPct(n(2))}; ${word(0)}`;
    case 'liquidation_unavailable':
      return `${label}: no liquidation price (${word(0)}) and none reported by the exchange`;
    case 'liquidation_crossed':
      return `${label}: mark ${fmtPrice(n(0))} is beyond the liquidation price ${fmtPrice(n(1))}: the position is being or is about to be liquidated`;
    case 'liquidation_near':
      return `${label}: liquidation at ${fmtPrice(n(0))} is ${fmtPct(n(1))} away (${fmt(n(2), 2)} daily σ); touch probability ${fmtPct(n(3))} in 24 h, ${fmtPct(n(4), 1)} in 7 days`;
    case 'stress_liquidation':
      return `${label}: liquidated by a BTC move of ${fmtPct(n(0), 0)} (${word(0)} ${fmtPct(n(1), 1)} at β ${fmt(n(2), 2)})`;
    case 'stop_ladder_infeasible':
      return `${label}: ${LADDER_FAILURE[word(0)] ?? word(0)}; ${word(1)}`;
    case 'gross_leverage_above_cap':
      return `${label}: gross leverage ${fmt(n(0), 2)}× is above the regime cap of ${fmt(n(1), 1)}×`;
    case 'cross_account_fragile':
      return `${label}: ${word(0)} (the exchange's per-position prices hold the other positions still)`;
    case 'high_beta_in_cross':
      return `${label}: ${word(0)}`;
  }
}

/** What a stop ladder's failed constraint (shared/risk/stops.ts) means, for `stop_ladder_infeasible`. */
const LADDER_FAILURE: Readonly<Record<string, string>> = {
  liquidation_buffer: 'the deepest stop would fill inside the liquidation buffer',
  risk_budget: 'the stop ladder loses more than the risk budget if every rung fills',
  lot_size: 'the position is too small to split into whole-lot rungs',
  stop_side: 'the stop ladder cannot be placed on the losing side',
};
