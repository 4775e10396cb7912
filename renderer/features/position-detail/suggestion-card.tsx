import { useState } from 'react';
import type { SuggestedOrder } from '../../../shared/domain/order';
import type { PositionRisk, Suggestion } from '../../../shared/domain/risk-report';
import { VENUE_LABELS } from '../../../shared/domain/venue';
import { fmt, fmtPct, stepDecimals } from '../../../shared/risk/format';
import { positionLadderOrders } from '../../../shared/risk/ladder-orders';
import { ladderProblemText } from '../../../shared/risk/ladder-problem-text';
import { ladderRungList } from '../../../shared/risk/stops';
import { suggestionText } from '../../../shared/risk/suggestion-text';
import { Button } from '../../components/button';
import { priceFormatter } from '../market/market-model';
import { formatDistance, isBeyondLiquidation } from './chart-lines';
import { orderText } from './order-text';

type Ladder = NonNullable<PositionRisk['ladder']>;
type Problem = Ladder['problems'][number];

const CONSTRAINT_LABELS: Readonly<Record<Problem['constraint'], string>> = {
  liquidation_buffer: 'Liquidation comes before the deepest stop fills',
  risk_budget: 'The loss if every stop fills is above the risk budget',
  lot_size: 'A rung is below the lot size',
  stop_side: 'A stop is on the wrong side of the price',
};

export interface MarketInfo {
  readonly base: string;
  readonly settle: string;
  readonly tickSize: number | null;
  readonly amountStep: number | null;
  /** Inverse contracts: USD face value of one contract (sizes in contracts, losses and margin in the coin); else null. */
  readonly faceValue?: number | null;
}

/**
 * The suggestion card: reduce (or add margin) and why, the leverage cap, and the staggered stop ladder with the
 * reasons in words and each order as copyable text. Nothing here sends an order.
 */
export function SuggestionCard({
  risk,
  suggestions,
  market,
}: {
  readonly risk: PositionRisk;
  readonly suggestions: readonly Suggestion[];
  readonly market: MarketInfo;
}) {
  const price = priceFormatter(market.tickSize);
  const amountDigits = market.amountStep === null ? 4 : stepDecimals(market.amountStep);
  // Inverse: amounts to reduce are contracts (the amount step's decimals), margin and losses are coin (6 decimals).
  const coinDigits = risk.kind === 'inverse' ? 6 : 2;
  const actions = suggestions.filter((s) => s.kind !== 'stop_ladder');
  const ladderSuggestion = suggestions.find((s) => s.kind === 'stop_ladder') ?? null;
  const orders = new Map(positionLadderOrders(risk).map((o) => [o.tranche, o]));
  return (
    <section className="pd-card" data-testid="position-detail-suggestions" aria-labelledby="pd-suggestions-title">
      <h3 className="pd-card__title" id="pd-suggestions-title">
        Suggestions
      </h3>
      {actions.length === 0 ? (
        <p className="muted" data-testid="position-detail-no-action">
          No reduction, margin or leverage change suggested: the position is within the severity thresholds and the
          regime's caps.
        </p>
      ) : (
        <ul className="pd-actions">
          {actions.map((s) => (
            <li key={s.kind} className="pd-action" data-testid={`position-detail-suggestion-${s.kind}`}>
              <strong className="pd-action__head">{actionHead(s, amountDigits, coinDigits)}</strong>
              <span className="pd-action__why">{stripLabel(suggestionText(s), risk)}</span>
            </li>
          ))}
        </ul>
      )}
      <h4 className="pd-card__subtitle">Staggered stops</h4>
      {risk.ladder === null ? (
        <p className="muted" data-testid="position-detail-ladder-missing">
          No stop ladder: {risk.missing.find((m) => m.field === 'ladder')?.reason ?? ladderMissingReason(risk)}.
        </p>
      ) : (
        <LadderTable
          ladder={risk.ladder}
          orders={orders}
          summary={ladderSuggestion === null ? null : suggestionText(ladderSuggestion)}
          mark={risk.markPrice.value}
          side={risk.side}
          liquidation={risk.liquidation.used.value}
          price={price}
          amountDigits={amountDigits}
          coinDigits={coinDigits}
          market={market}
          venue={VENUE_LABELS[risk.venue]}
        />
      )}
    </section>
  );
}

function actionHead(s: Suggestion, amountDigits: number, coinDigits: number): string {
  const amount = s.amount;
  switch (s.kind) {
    case 'reduce_position':
      return amount === null ? 'Reduce the position' : `Reduce by ${fmt(amount, amountDigits)} ${s.unit ?? ''}`.trim();
    case 'add_margin':
      return amount === null
        ? 'Add margin'
        : `Add ${fmt(amount, coinDigits)} ${s.unit ?? ''} of margin`.replace(/\s+/g, ' ');
    case 'leverage_cap':
      return amount === null ? 'Cap the leverage' : `Cap leverage at ${fmt(amount, 0)}×`;
    case 'reduce_gross_exposure':
      return amount === null ? 'Reduce gross exposure' : `Trim ${fmt(amount, 0)} ${s.unit ?? ''} of gross exposure`;
    case 'isolate_high_beta':
      return 'Isolate high-beta positions';
    case 'stop_ladder':
      return 'Staggered stops';
  }
}

/** The report's reasons start with "SOL/USDT:USDT long: "; the card already says which position it is. */
function stripLabel(reason: string, risk: PositionRisk): string {
  const prefix = `${risk.symbol} ${risk.side}: `;
  const text = reason.startsWith(prefix) ? reason.slice(prefix.length) : reason;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function ladderMissingReason(risk: PositionRisk): string {
  if (risk.liquidation.used.value === null) return 'no liquidation price to keep the stops ahead of';
  return 'the volatility, equity or regime it needs is not available';
}

function LadderTable({
  ladder,
  orders,
  summary,
  mark,
  side,
  liquidation,
  price,
  amountDigits,
  coinDigits,
  market,
  venue,
}: {
  readonly ladder: Ladder;
  readonly orders: ReadonlyMap<number, SuggestedOrder>;
  readonly summary: string | null;
  readonly mark: number | null;
  readonly side: 'long' | 'short';
  readonly liquidation: number | null;
  readonly price: (p: number) => string;
  readonly amountDigits: number;
  readonly coinDigits: number;
  readonly market: MarketInfo;
  readonly venue: string;
}) {
  const face = market.faceValue ?? null;
  let contracts = 0;
  for (const c of ladder.rungs.contracts) contracts += c;
  const [copy, setCopy] = useState<{ tranche: number; ok: boolean; text: string } | null>(null);
  const copyOrder = (order: SuggestedOrder) => {
    const text = orderText(order, market);
    const fail = () => setCopy({ tranche: order.tranche, ok: false, text });
    // Absent outside a secure context (and in some embedded browsers): then the text is shown to copy by hand.
    const clipboard = (navigator as { clipboard?: Clipboard }).clipboard;
    if (clipboard === undefined) {
      fail();
      return;
    }
    clipboard.writeText(text).then(() => setCopy({ tranche: order.tranche, ok: true, text }), fail);
  };
  return (
    <>
      {!ladder.feasible && (
        <div className="callout callout--danger" data-testid="position-detail-ladder-problems">
          <p>
            <strong>This ladder cannot work as it stands.</strong>
          </p>
          <ul>
            {ladder.problems.map((problem) => {
              const { detail, fix } = ladderProblemText(problem);
              return (
                <li key={problem.constraint} data-testid={`position-detail-problem-${problem.constraint}`}>
                  <strong>{CONSTRAINT_LABELS[problem.constraint]}</strong>: {detail}. <em>Change:</em> {fix}.
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {summary !== null && <p className="pd-ladder__summary">{summary.charAt(0).toUpperCase() + summary.slice(1)}.</p>}
      <div className="table-wrap pd-ladder__wrap">
        <table className="data-table pd-ladder" data-testid="position-detail-ladder">
          <thead>
            <tr>
              <th>Rung</th>
              <th title="Stop-market, reduce-only, triggered on the mark price">Trigger</th>
              <th>From mark</th>
              <th>Size</th>
              <th>Expected fill</th>
              <th>Slippage</th>
              <th>Loss if filled</th>
              <th className="text">Why here</th>
              <th className="text">
                <span className="visually-hidden">Copy</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {ladderRungList(ladder.rungs).map((rung) => {
              const order = orders.get(rung.tranche);
              const beyond = isBeyondLiquidation(side, rung.trigger, liquidation);
              return (
                <tr
                  key={rung.tranche}
                  className={beyond ? 'is-beyond-liq' : undefined}
                  data-testid="position-detail-ladder-row"
                  data-trigger={rung.trigger}
                  data-beyond-liquidation={beyond || undefined}
                >
                  <td>
                    {rung.tranche} <span className="dim">({fmtPct(rung.weight, 0)})</span>
                  </td>
                  <td data-testid="position-detail-ladder-trigger">{price(rung.trigger)}</td>
                  <td>{mark === null ? '—' : formatDistance(rung.trigger / mark - 1)}</td>
                  <td data-testid="position-detail-ladder-size">
                    {face === null ? (
                      `${fmt(rung.quantity, amountDigits)} ${market.base}`
                    ) : (
                      <>
                        {fmt(rung.contracts, amountDigits)} × ${fmt(face, 0)}{' '}
                        <span className="dim">
                          ({fmt(rung.quantity, 6)} {market.base})
                        </span>
                      </>
                    )}
                  </td>
                  <td>{price(rung.fill)}</td>
                  <td
                    title={
                      rung.bookSlippage === null
                        ? 'The regime’s stop slippage (no order book to walk)'
                        : `The larger of the regime’s ${fmtPct(rung.regimeSlippage, 2)} and the book’s stressed ${fmtPct(rung.bookSlippage, 3)}`
                    }
                  >
                    {fmtPct(rung.slippage, 2)}
                  </td>
                  <td>
                    {fmt(rung.loss, coinDigits)} {market.settle}
                  </td>
                  <td className="text pd-ladder__why">
                    {beyond && liquidation !== null && (
                      <strong className="pd-ladder__beyond">
                        Beyond the liquidation price {price(liquidation)}: it would never trigger.{' '}
                      </strong>
                    )}
                    {order?.reason ?? `${fmt(rung.atrMultiple, 2)} ATR from the mark`}
                    {rung.touchProbability !== null && (
                      <span className="dim"> · {fmtPct(rung.touchProbability, 1)} chance of a touch within 7 days</span>
                    )}
                  </td>
                  <td className="text">
                    {order !== undefined && (
                      <Button
                        variant="ghost"
                        onClick={() => copyOrder(order)}
                        testId={`position-detail-copy-${rung.tranche}-button`}
                        {...(beyond
                          ? {
                              unavailableReason:
                                'Liquidation comes before this stop: add margin or reduce the position first (see above).',
                            }
                          : {})}
                      >
                        Copy as text
                      </Button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={3}>All stops</td>
              <td>
                {face === null ? (
                  `${fmt(ladder.quantity, amountDigits)} ${market.base}`
                ) : (
                  <>
                    {fmt(contracts, amountDigits)} × ${fmt(face, 0)}{' '}
                    <span className="dim">
                      ({fmt(ladder.quantity, 6)} {market.base})
                    </span>
                  </>
                )}
              </td>
              <td colSpan={2} />
              <td data-testid="position-detail-ladder-worst">
                {fmt(ladder.worstCaseLoss, coinDigits)} {market.settle}
              </td>
              <td className="text" colSpan={2}>
                budget {fmt(ladder.riskBudget, coinDigits)} {market.settle}
                {ladder.expectedLoss7d !== null &&
                  ` · expected over 7 days ${fmt(ladder.expectedLoss7d, coinDigits)} ${market.settle}`}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="pd-ladder__never" data-testid="position-detail-never-places">
        Liquidation Guard never places orders: copy a stop and enter it on {venue} yourself.
      </p>
      {copy !== null && (
        <div role="status" className={copy.ok ? 'ok-text' : 'field__error'} data-testid="position-detail-copy-status">
          {copy.ok ? (
            `Stop ${copy.tranche} copied to the clipboard.`
          ) : (
            <>
              The clipboard is not available here; select the text of stop {copy.tranche} and copy it yourself:
              <pre className="pd-copy-fallback">{copy.text}</pre>
            </>
          )}
        </div>
      )}
    </>
  );
}
