import type { SuggestedOrder } from '../domain/order';
import type { PositionRisk } from '../domain/risk-report';
import type { Side, Venue } from '../domain/venue';
import { fmt, fmtPrice } from './format';
import type { LadderRung } from './stops';

/** The numbers of a ladder rung an order needs (shared/risk/stops.ts `LadderRung`, or a report's ladder rung). */
export type OrderRung = Pick<
  LadderRung,
  | 'tranche'
  | 'weight'
  | 'atrMultiple'
  | 'trigger'
  | 'movedFrom'
  | 'regimeSlippage'
  | 'bookSlippage'
  | 'slippage'
  | 'fill'
  | 'quantity'
  | 'contracts'
  | 'loss'
>;

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

/** A rung has an order when it holds a whole lot and its trigger and fill are above zero. */
const hasOrder = (r: OrderRung): boolean => r.contracts > 0 && r.trigger > 0 && r.fill > 0;

/** How many orders `ladderOrders` makes for these rungs. */
export function ladderOrderCount(rungs: readonly OrderRung[]): number {
  let n = 0;
  for (let i = 0; i < rungs.length; i++) if (hasOrder(rungs[i] as OrderRung)) n++;
  return n;
}

/**
 * One suggested reduce-only stop-market order per rung, triggered on the mark price (risk-method.md §4.4); a rung
 * without a whole lot, or with a trigger or fill at or below zero, has none. The only place orders are made from a
 * ladder: `stopLadder` uses it, and screens and exports call it on a report's ladder (the report itself carries the
 * rungs only, not a second copy of them as orders).
 */
export function ladderOrders(ctx: LadderOrderContext, rungs: readonly OrderRung[]): SuggestedOrder[] {
  const orders: SuggestedOrder[] = [];
  for (let i = 0; i < rungs.length; i++) {
    const r = rungs[i] as OrderRung;
    if (!hasOrder(r)) continue;
    orders.push({
      venue: ctx.venue,
      symbol: ctx.symbol,
      positionId: ctx.positionId,
      type: 'stop-market',
      side: ctx.side === 'long' ? 'sell' : 'buy',
      reduceOnly: true,
      positionSide: ctx.hedged ? ctx.side : null,
      triggerPrice: r.trigger,
      triggerType: 'mark',
      amount: r.contracts,
      amountBase: r.quantity,
      tranche: r.tranche,
      weight: r.weight,
      expectedFillPrice: r.fill,
      expectedSlippage: r.slippage,
      lossIfFilled: r.loss,
      reason: rungReason(
        r.atrMultiple,
        r.movedFrom,
        ctx.from,
        r.bookSlippage !== null && r.bookSlippage > r.regimeSlippage,
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
