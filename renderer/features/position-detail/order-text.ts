import type { SuggestedOrder } from '../../../shared/domain/order';
import { VENUE_LABELS } from '../../../shared/domain/venue';
import { fmt, fmtPct, stepDecimals } from '../../../shared/risk/format';
import { priceFormatter } from '../market/market-model';

/**
 * A suggested order as plain text the trader can paste into a note or the exchange's order form. Liquidation Guard
 * never sends it: the text says so.
 */
export function orderText(
  order: SuggestedOrder,
  market: {
    readonly base: string;
    readonly settle: string;
    readonly tickSize: number | null;
    readonly amountStep: number | null;
    /** Inverse contracts: USD face value of one contract (amounts are contracts, losses are coin); else null. */
    readonly faceValue?: number | null;
  },
): string {
  const price = priceFormatter(market.tickSize);
  const amountDigits = market.amountStep === null ? 4 : stepDecimals(market.amountStep);
  const face = market.faceValue ?? null;
  const size =
    order.amount === order.amountBase
      ? `${fmt(order.amount, amountDigits)} ${market.base}`
      : `${fmt(order.amount, amountDigits)} contracts${face === null ? '' : ` of $${fmt(face, 0)}`} (${fmt(order.amountBase, 6)} ${market.base})`;
  const leg =
    order.positionSide === null ? 'reduce-only' : `position side ${order.positionSide.toUpperCase()} (hedge mode)`;
  return [
    `${VENUE_LABELS[order.venue]} ${order.symbol}: ${order.side.toUpperCase()} ${size}, stop-market, ${leg},`,
    `trigger ${price(order.triggerPrice)} on the ${order.triggerType} price (stop ${order.tranche}, ${fmtPct(order.weight, 0)} of the position).`,
    `Expected fill ≈ ${price(order.expectedFillPrice)} (${fmtPct(order.expectedSlippage, 2)} slippage); loss if filled ${fmt(order.lossIfFilled, face === null ? 2 : 6)} ${market.settle}.`,
    'Suggested by Liquidation Guard, not placed: enter it on the exchange yourself.',
  ].join('\n');
}
