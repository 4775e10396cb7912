import type { Market } from '../domain/market';
import type { Position } from '../domain/position';
import type { PositionRisk, RiskReport, Subject, Suggestion } from '../domain/risk-report';
import type { Settings } from '../domain/settings';
import type { Snapshot } from '../domain/snapshot';
import { fmt } from './format';
import { positionSize } from './liquidation/from-position';
import { REGIME_PARAMS, type RegimeParams } from './regime';
import type { OrderBookSide } from './sizing';
import { planRungs, type RungPlan, stopLadder, type StopLadder } from './stops';

/**
 * The stop ladder of an open position (risk-method.md §4), the one way it is made: by the report, which keeps the
 * rungs of positions at watch or worse or on a side whose regime is not NORMAL, and again on demand
 * (`ladderOnDemand`) for the other positions where a screen or an export shows them, from the same report figures,
 * so the two agree.
 */
export interface PositionLadderInput {
  readonly position: Position;
  readonly market: Market;
  readonly settings: Settings;
  /** The position side's regime parameters. */
  readonly regime: RegimeParams;
  readonly atr: number;
  readonly sigmaAnnual: number | null;
  readonly equity: number;
  /** The liquidation price the report uses, and the maintenance-margin rate with it. */
  readonly liquidation: number;
  readonly maintenanceMarginRate: number | null;
  /** The exit side of the book (bids for a long), or null. */
  readonly book: OrderBookSide | null;
  /** The rung plan for this market, side and mark, when already made (`ladderPlan`). */
  readonly plan: RungPlan;
  /** Keep the rungs (default true); the report keeps them for some positions only (stops.ts `withRungs`). */
  readonly withRungs?: boolean;
}

/** The rung plan (ATR distances, round-number moves, touch probabilities) shared by a market's positions on a side. */
export function ladderPlan(
  position: Position,
  market: Market,
  settings: Settings,
  regime: RegimeParams,
  atr: number,
  sigmaAnnual: number | null,
): RungPlan {
  return planRungs({
    side: position.side,
    reference: position.markPrice,
    atr,
    atrMultiples: settings.stopLadder.atrMultiples,
    weights: settings.stopLadder.weights,
    regime,
    tickSize: market.tickSize,
    avoidRoundNumbers: true,
    sigmaAnnual,
    horizonDays: 7,
    from: 'mark',
  });
}

export function positionStopLadder(input: PositionLadderInput): StopLadder {
  const { position: p, market, settings, regime } = input;
  const rEff = Math.min(settings.riskPercent / 100, regime.riskFraction);
  const fee = market.takerFee ?? 0.0005;
  return stopLadder({
    plan: input.plan,
    venue: p.venue,
    symbol: p.symbol,
    positionId: p.id,
    asset: p.base,
    settle: p.settle,
    side: p.side,
    kind: p.kind,
    marginMode: p.marginMode,
    hedged: p.positionMode === 'hedge',
    reference: p.markPrice,
    entry: p.entryPrice,
    atr: input.atr,
    atrMultiples: settings.stopLadder.atrMultiples,
    weights: settings.stopLadder.weights,
    regime,
    feeIn: fee,
    feeOut: fee,
    riskBudget: rEff * input.equity,
    quantity: p.kind === 'linear' ? positionSize(p) : p.sizeBase,
    liquidationPrice: input.liquidation,
    maintenanceMarginRate: input.maintenanceMarginRate ?? 0,
    tickSize: market.tickSize,
    amountStep: market.amountStep,
    contractSize: p.contractSize,
    book: input.book,
    sigmaAnnual: input.sigmaAnnual,
    withOrders: false,
    withRungs: input.withRungs ?? true,
  });
}

/** The report's form of a ladder. */
export function ladderOut(ladder: StopLadder): NonNullable<PositionRisk['ladder']> {
  return {
    rungs: ladder.rungs,
    quantity: ladder.quantity,
    worstCaseLoss: ladder.worstCaseLoss,
    riskBudget: ladder.riskBudget,
    expectedLoss7d: ladder.expectedLoss,
    feasible: ladder.feasible,
    problems: ladder.problems as NonNullable<PositionRisk['ladder']>['problems'],
  };
}

/** "1.50 / 2.25 / 3.00": the ATR multiples as the stop-ladder suggestion says them. */
export const ladderAtrText = (settings: Settings): string =>
  settings.stopLadder.atrMultiples.map((k) => fmt(k, 2)).join(' / ');

/**
 * The stop-ladder suggestion for a ladder with at least one order, else null. `faceValue`: an inverse position's USD
 * face value of one contract (the sentence names the contracts and gives coin amounts), null for a linear one.
 */
export function stopLadderSuggestion(
  subject: Subject,
  label: string,
  settle: string,
  ladder: StopLadder,
  atrText: string,
  faceValue: number | null,
): Suggestion | null {
  const orderCount = ladder.orderCount;
  if (orderCount === 0) return null;
  const expected = ladder.expectedLoss;
  const suggestion: Suggestion = {
    kind: 'stop_ladder',
    subject,
    label,
    amount: null,
    unit: null,
    orders: orderCount,
    worstCaseLoss: ladder.worstCaseLoss,
    riskBudget: ladder.riskBudget,
    expectedLoss7d: expected ?? 0,
    settle,
    atrMultiples: atrText,
  };
  return faceValue === null ? suggestion : { ...suggestion, faceValue };
}

/** The exit side of a market's book for a side (bids for a long), around the mid of the best quotes (else the mark). */
export function exitBook(market: Market, side: Position['side']): OrderBookSide | null {
  const book = market.orderBook;
  if (book === null) return null;
  const levels = side === 'long' ? book.bids : book.asks;
  return levels.price.length > 0 ? { levels, mid: bookMid(market) } : null;
}

/** The mid of the best bid and ask, or the mark price when either is missing. */
export function bookMid(market: Market): number {
  const bestBid = market.orderBook?.bids.price[0];
  const bestAsk = market.orderBook?.asks.price[0];
  return bestBid !== undefined && bestAsk !== undefined ? (bestBid + bestAsk) / 2 : market.markPrice;
}

/**
 * The ladder of a report position whose ladder the report does not keep (a safe position in a NORMAL regime: the
 * report keeps its stop-ladder suggestion and warnings, not its rungs), made again from the report's own figures:
 * null when the position is not one of those, or cannot have one (no ATR, no equity, no liquidation price;
 * then the report says why in `missing`).
 */
export function ladderOnDemand(input: {
  readonly risk: PositionRisk;
  readonly position: Position;
  readonly market: Market;
  readonly atr: number | null;
  readonly sigmaAnnual: number | null;
  readonly equity: number | null;
  readonly settings: Settings;
}): NonNullable<PositionRisk['ladder']> | null {
  const { risk, position: p, market, atr, equity, settings } = input;
  const lp = risk.liquidation.used.value;
  if (risk.ladder !== null || risk.severity !== 'safe' || risk.regime.state !== 'NORMAL') return null;
  if (atr === null || equity === null || !(equity > 0) || lp === null) return null;
  const state = risk.regime.state;
  const regime: RegimeParams = { ...REGIME_PARAMS[state], sizeMultiplier: settings.regimeMultipliers[state] };
  return ladderOut(
    positionStopLadder({
      position: p,
      market,
      settings,
      regime,
      atr,
      sigmaAnnual: input.sigmaAnnual,
      equity,
      liquidation: lp,
      maintenanceMarginRate: risk.liquidation.maintenanceMarginRate.value,
      book: exitBook(market, p.side),
      plan: ladderPlan(p, market, settings, regime, atr, input.sigmaAnnual),
    }),
  );
}

/**
 * `ladderOnDemand` for a position of `report`, with its inputs looked up in the snapshot the report was built from
 * (the position, its market and balance) and in the report (the market's ATR and volatility).
 */
export function reportLadderOnDemand(
  report: Pick<RiskReport, 'markets'>,
  snapshot: Pick<Snapshot, 'positions' | 'markets' | 'balances'>,
  settings: Settings,
  risk: PositionRisk,
): NonNullable<PositionRisk['ladder']> | null {
  if (risk.ladder !== null || risk.severity !== 'safe' || risk.regime.state !== 'NORMAL') return null;
  const position = snapshot.positions.find((p) => p.id === risk.positionId);
  const market = snapshot.markets.find((m) => m.venue === risk.venue && m.symbol === risk.symbol);
  if (position === undefined || market === undefined) return null;
  const volatility = report.markets.find((m) => m.marketKey === risk.marketKey)?.volatility ?? null;
  const balance = snapshot.balances.find((b) => b.accountId === position.accountId && b.currency === position.settle);
  return ladderOnDemand({
    risk,
    position,
    market,
    atr: volatility?.atr14.value ?? null,
    sigmaAnnual: volatility?.sigmaAnnual.value ?? null,
    equity: balance?.equity ?? null,
    settings,
  });
}
