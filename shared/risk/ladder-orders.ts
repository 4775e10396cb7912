import type { SuggestedOrder } from '../domain/order';
import type { LadderRungs, PositionRisk } from '../domain/risk-report';
import type { Side, Venue } from '../domain/venue';
import { fmt, fmtPrice } from './format';

export interface LadderOrderContext {
  readonly venue: Venue;
  readonly symbol: string;
  readonly positionId: string | null;
  readonly side: Side;
  /** Hedge mode: the orders name the leg (`positionSide`). */
  readonly hedged: boolean;
  /** What the ATR distances were measured from: the mark (open position) or the entry (planned trade). */
  readonly from: 'entry' | 'mark';
}

/** The columns that say whether a rung has an order. */
type OrderColumns = Pick<LadderRungs, 'tranche' | 'trigger' | 'fill' | 'contracts'>;

/** Rung i has an order when it holds a whole lot and its trigger and fill are above zero. */
const hasOrder = (r: OrderColumns, i: number): boolean =>
  (r.contracts[i] as number) > 0 && (r.trigger[i] as number) > 0 && (r.fill[i] as number) > 0;

/** How many orders `ladderOrders` makes for these rungs. */
export function ladderOrderCount(rungs: OrderColumns): number {
  let n = 0;
  for (let i = 0; i < rungs.tranche.length; i++) if (hasOrder(rungs, i)) n++;
  return n;
}

/**
 * One suggested reduce-only stop-market order per rung, triggered on the mark price (risk-method.md §4.4); a rung
 * without a whole lot, or with a trigger or fill at or below zero, has none. The only place orders are made from a
 * ladder: `stopLadder` uses it, and screens and exports call it on a report's ladder (the report itself carries the
 * rungs only, not a second copy of them as orders).
 */
export function ladderOrders(ctx: LadderOrderContext, rungs: LadderRungs): SuggestedOrder[] {
  const orders: SuggestedOrder[] = [];
  for (let i = 0; i < rungs.tranche.length; i++) {
    if (!hasOrder(rungs, i)) continue;
    const bookSlippage = rungs.bookSlippage[i] ?? null;
    const regimeSlippage = rungs.regimeSlippage[i] as number;
    orders.push({
      venue: ctx.venue,
      symbol: ctx.symbol,
      positionId: ctx.positionId,
      type: 'stop-market',
      side: ctx.side === 'long' ? 'sell' : 'buy',
      reduceOnly: true,
      positionSide: ctx.hedged ? ctx.side : null,
      triggerPrice: rungs.trigger[i] as number,
      triggerType: 'mark',
      amount: rungs.contracts[i] as number,
      amountBase: rungs.quantity[i] as number,
      tranche: rungs.tranche[i] as number,
      weight: rungs.weight[i] as number,
      expectedFillPrice: rungs.fill[i] as number,
      expectedSlippage: rungs.slippage[i] as number,
      lossIfFilled: rungs.loss[i] as number,
      reason: rungReason(
        rungs.atrMultiple[i] as number,
        rungs.movedFrom[i] ?? null,
        ctx.from,
        bookSlippage !== null && bookSlippage > regimeSlippage,
      ),
    });
  }
  return orders;
}

/** The suggested stop orders of a report position's ladder (none without a ladder). */
export function positionLadderOrders(risk: PositionRisk): SuggestedOrder[] {
  if (risk.ladder === null) return [];
  return ladderOrders(
    {
      venue: risk.venue,
      symbol: risk.symbol,
      positionId: risk.positionId,
      side: risk.side,
      hedged: risk.positionMode === 'hedge',
      from: 'mark',
    },
    risk.ladder.rungs,
  );
}

const ATR_TEXT = new Map<number, string>();
/** "1.50"-style text of an ATR multiple, cached: the ladder formats the same few multiples for every position. */
export function atrText(k: number): string {
  let t = ATR_TEXT.get(k);
  if (t === undefined) {
    t = fmt(k, 2);
    if (ATR_TEXT.size < 64) ATR_TEXT.set(k, t);
  }
  return t;
}

/** Why a rung sits where it does, in the words of its suggested order (built from the rung's own numbers). */
export function rungReason(
  atrMultiple: number,
  movedFrom: number | null,
  from: 'entry' | 'mark',
  bookSlippage: boolean,
): string {
  return (
    `${atrText(atrMultiple)} ATR from the ${from}` +
    (movedFrom === null ? '' : `, moved beyond the round number ${fmtPrice(movedFrom)} where stops cluster`) +
    (bookSlippage ? '; slippage from the stressed order book' : '')
  );
}
