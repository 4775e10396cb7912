import { useMemo, useState } from 'react';
import { emptyCandleSeries } from '../../../shared/domain/market';
import { VENUE_LABELS } from '../../../shared/domain/venue';
import { stepDecimals } from '../../../shared/risk/format';
import { reportLadderOnDemand } from '../../../shared/risk/position-ladder';
import { warningText } from '../../../shared/risk/warning-text';
import { Segmented } from '../../components/segmented';
import { useAppStore } from '../../store';
import { MarketConditions } from '../market/market-conditions';
import { findMarket, formatUtc, priceFormatter } from '../market/market-model';
import { chartLines } from './chart-lines';
import { KeyFigures } from './key-figures';
import { PriceChart } from './price-chart';
import { SuggestionCard } from './suggestion-card';

type Timeframe = '1h' | '1d';
const TIMEFRAMES = [
  { value: '1h', label: '1 h' },
  { value: '1d', label: '1 d' },
] as const;
/** The chart's series for a market missing from the last refresh (one object, so the chart's data effect is stable). */
const NO_CANDLES = emptyCandleSeries();

/**
 * One position in depth (issue 6 "Position detail"): the price chart with entry, mark, both liquidation prices and
 * the suggested stops; key figures; the suggestion card; and the market conditions of its market.
 */
export function PositionDetail({ positionId }: { readonly positionId: string }) {
  const snapshot = useAppStore((state) => state.snapshot);
  const report = useAppStore((state) => state.report);
  const [timeframe, setTimeframe] = useState<Timeframe>('1h');
  const settings = useAppStore((state) => state.settings);
  const reported = report?.positions.find((p) => p.positionId === positionId) ?? null;
  const market = useMemo(
    () => (reported === null || snapshot === null ? null : findMarket(snapshot, reported.marketKey)),
    [reported, snapshot],
  );
  // The report keeps the ladder rungs of at-risk positions only; any other position's ladder is made here, on
  // demand, by the same function (shared/risk/position-ladder.ts).
  const onDemand = useMemo(
    () =>
      reported === null || report === null || snapshot === null || settings === null
        ? null
        : reportLadderOnDemand(report, snapshot, settings, reported),
    [reported, report, snapshot, settings],
  );
  const risk = useMemo(
    () => (reported === null || onDemand === null ? reported : { ...reported, ladder: onDemand }),
    [reported, onDemand],
  );
  const tickSize = market?.tickSize ?? null;
  const chart = useMemo(() => (risk === null ? null : chartLines(risk, tickSize)), [risk, tickSize]);
  const suggestions = useMemo(
    () => report?.suggestions.filter((s) => s.subject.kind === 'position' && s.subject.id === positionId) ?? [],
    [report, positionId],
  );

  if (snapshot === null || report === null || risk === null || chart === null) {
    return (
      <p className="muted pd-empty" data-testid="position-detail-empty">
        {snapshot === null || report === null
          ? 'No data yet: the detail appears once the accounts have been read.'
          : 'This position is not in the last refresh: it may have been closed.'}
      </p>
    );
  }

  const price = priceFormatter(tickSize);
  const amountStep = market === null ? null : market.amountStep * (risk.kind === 'linear' ? market.contractSize : 1);
  // Inverse: the amount step is in contracts; base-coin quantities get 6 decimals.
  const amountDigits = risk.kind === 'inverse' ? 6 : amountStep === null ? 4 : stepDecimals(amountStep);
  const status = snapshot.statuses.find((s) => s.accountId === risk.accountId) ?? null;
  const staleWarnings = report.warnings
    .filter((w) => w.code === 'stale_data' && w.subject.id === positionId)
    .map(warningText);
  const candles = market?.candles[timeframe] ?? NO_CANDLES;
  const dataLines = JSON.stringify(chart.lines.map((line) => ({ kind: line.kind, price: line.price })));

  return (
    <div className="position-detail" data-testid="position-detail" data-position-id={positionId}>
      {((status !== null && status.state !== 'ok' && status.state !== 'loading') || staleWarnings.length > 0) && (
        <div className="callout callout--watch" role="status" data-testid="position-detail-stale">
          {status !== null && status.state !== 'ok' && status.state !== 'loading' && (
            <p>
              {VENUE_LABELS[status.venue]} data is {status.state === 'stale' ? 'stale' : 'unavailable'}
              {status.lastOkAt !== null ? ` since ${formatUtc(status.lastOkAt)}` : ''}
              {status.error !== null ? `: ${status.error.message}` : ''}. These figures are from the last good refresh.
            </p>
          )}
          {staleWarnings.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}
      <div className="position-detail__top">
        <section className="pd-card pd-chart" aria-labelledby="pd-chart-title">
          <div className="pd-chart__head">
            <h3 className="pd-card__title" id="pd-chart-title">
              {risk.symbol} · {VENUE_LABELS[risk.venue]}
            </h3>
            <Segmented
              label="Candles"
              value={timeframe}
              options={TIMEFRAMES}
              onChange={setTimeframe}
              testId="position-detail-timeframe"
            />
          </div>
          <div
            className="pd-chart__frame"
            data-testid="position-detail-chart"
            data-lines={dataLines}
            data-timeframe={timeframe}
            data-candles={candles.time.length}
          >
            {candles.time.length === 0 && (
              <p className="pd-chart__none muted" data-testid="position-detail-chart-no-candles">
                No {timeframe === '1h' ? '1 h' : '1 d'} candles for this market
                {market === null ? ': it is not in the last refresh' : ''}.
              </p>
            )}
            <PriceChart candles={candles} lines={chart.lines} tickSize={tickSize} />
          </div>
          <ul className="pd-legend" data-testid="position-detail-chart-legend" aria-label="Lines on the chart">
            {chart.lines.map((line) => (
              <li
                key={`${line.kind}-${line.rung ?? 0}`}
                className={`pd-legend__item pd-legend__item--${line.kind}`}
                data-kind={line.kind}
                data-price={line.price}
              >
                <span className="pd-legend__swatch" aria-hidden="true" />
                {line.title}
                {Math.abs(line.distance) > 0.3 && <span className="dim"> (beyond the chart’s range)</span>}
              </li>
            ))}
            {chart.missing.map((line) => (
              <li
                key={`missing-${line.kind}`}
                className="pd-legend__item pd-legend__item--missing"
                title={line.reason}
                data-testid={`position-detail-line-missing-${line.kind}`}
              >
                {line.label} — <span className="dim">{line.reason}</span>
              </li>
            ))}
          </ul>
          <p className="pd-attribution">
            Chart:{' '}
            <a href="https://www.tradingview.com/" target="_blank" rel="noreferrer">
              TradingView Lightweight Charts™
            </a>
            , Copyright © 2025 TradingView, Inc.
          </p>
        </section>
        <KeyFigures risk={risk} price={price} amountDigits={amountDigits} />
      </div>
      <SuggestionCard
        risk={risk}
        suggestions={suggestions}
        market={{
          base: risk.base,
          settle: risk.settle,
          tickSize,
          amountStep,
          faceValue: risk.kind === 'inverse' ? (market?.contractSize ?? null) : null,
        }}
      />
      <section className="pd-card" data-testid="position-detail-market" aria-labelledby="pd-market-title">
        <h3 className="pd-card__title" id="pd-market-title">
          Market conditions · {risk.symbol}
        </h3>
        <MarketConditions marketKey={risk.marketKey} />
      </section>
    </div>
  );
}
