import type { Tier } from '../../domain/market';
import type { Discrepancy, DiscrepancyCause } from '../../domain/risk-report';
import type { MarginMode } from '../../domain/venue';
import { fmtPct } from '../format';
import { liquidationPrice } from './index';
import type { LiquidationInput } from './types';

/** The tiers of an input, whatever its venue's field name (OKX: its one tier as a table). */
function tiersOf(input: LiquidationInput): readonly Tier[] {
  switch (input.model) {
    case 'binance-usdm':
    case 'binance-coinm':
      return input.brackets;
    case 'bybit-linear-isolated':
    case 'bybit-inverse-isolated':
      return input.riskLimits;
    case 'bybit-cross':
      return input.tiers;
    case 'hyperliquid-isolated':
    case 'hyperliquid-cross':
      return input.marginTiers;
    case 'okx-isolated':
    case 'okx-cross':
    case 'bybit-inverse-cross-legacy':
      return [];
  }
}

function withTiers(input: LiquidationInput, tiers: readonly Tier[]): LiquidationInput {
  switch (input.model) {
    case 'binance-usdm':
    case 'binance-coinm':
      return { ...input, brackets: tiers };
    case 'bybit-linear-isolated':
    case 'bybit-inverse-isolated':
      return { ...input, riskLimits: tiers };
    case 'bybit-cross':
      return { ...input, tiers };
    case 'hyperliquid-isolated':
    case 'hyperliquid-cross':
      return { ...input, marginTiers: tiers };
    case 'okx-isolated':
    case 'okx-cross':
    case 'bybit-inverse-cross-legacy':
      return input;
  }
}

/** The same input with a closing-fee term toggled: added to the MMR where the model has none, removed where it has. */
function withFeeToggled(input: LiquidationInput, fee: number): LiquidationInput {
  switch (input.model) {
    case 'okx-isolated':
    case 'okx-cross':
      return { ...input, takerFeeRate: input.takerFeeRate > 0 ? 0 : fee };
    case 'bybit-inverse-isolated':
    case 'bybit-inverse-cross-legacy':
      return { ...input, takerFeeRate: input.takerFeeRate > 0 ? 0 : fee };
    default:
      return withTiers(
        input,
        tiersOf(input).map((t) => ({ ...t, maintenanceMarginRate: t.maintenanceMarginRate + fee })),
      );
  }
}

const OPEN = 1e15;

/**
 * Compares our liquidation price with the exchange's. Beyond the tolerance it names the likely cause: a different
 * tier (some other tier of the table reproduces the exchange's figure), fees (toggling a closing-fee term of the taker
 * rate does), the cross account's value (cross margin: other positions, collateral valuation) or the isolated margin
 * we were given. A candidate counts only if it halves the gap.
 */
export function checkDiscrepancy(
  input: LiquidationInput | null,
  ours: number | null,
  exchange: number | null,
  tolerance: number,
  takerFee: number | null,
  marginMode: MarginMode,
): Discrepancy | null {
  if (ours === null || exchange === null || !(exchange > 0)) return null;
  const gap = Math.abs(ours - exchange) / exchange;
  if (gap <= tolerance) return { gap, tolerance, exceeds: false, likelyCause: null, explanation: null };
  let best: { cause: DiscrepancyCause; residual: number; explanation: string } | null = null;
  const consider = (cause: DiscrepancyCause, alt: LiquidationInput, explanation: (residual: number) => string) => {
    const r = liquidationPrice(alt);
    if (r.price === null) return;
    const residual = Math.abs(r.price - exchange) / exchange;
    if (residual <= gap / 2 && (best === null || residual < best.residual))
      best = { cause, residual, explanation: explanation(residual) };
  };
  if (input !== null) {
    for (const t of tiersOf(input)) {
      consider(
        'tier',
        withTiers(input, [{ ...t, minNotional: 0, maxNotional: OPEN }]),
        (res) =>
          `the exchange's figure matches tier ${t.tier} (MMR ${fmtPct(t.maintenanceMarginRate, 3)}) within ${fmtPct(res, 3)}: the tier table we hold may be out of date`,
      );
    }
    const fee = takerFee ?? 0.0005;
    consider(
      'fees',
      withFeeToggled(input, fee),
      (res) =>
        `adding or removing a closing-fee term of ${fmtPct(fee, 3)} reproduces the exchange's figure within ${fmtPct(res, 3)}`,
    );
  }
  const chosen = best as { cause: DiscrepancyCause; explanation: string } | null;
  if (chosen !== null)
    return { gap, tolerance, exceeds: true, likelyCause: chosen.cause, explanation: chosen.explanation };
  return marginMode === 'cross'
    ? {
        gap,
        tolerance,
        exceeds: true,
        likelyCause: 'cross_account_value',
        explanation: `cross margin: the exchange values the account differently (other positions' marks, collateral in other currencies or its haircuts); ours differs by ${fmtPct(gap, 2)}`,
      }
    : {
        gap,
        tolerance,
        exceeds: true,
        likelyCause: 'margin_input',
        explanation: `the isolated margin differs from the exchange's (added margin, or margin reported with unrealised PnL); ours differs by ${fmtPct(gap, 2)}`,
      };
}
