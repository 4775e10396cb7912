import { useMemo, type ReactNode } from 'react';
import type { Market } from '../../../shared/domain/market';
import type { Figure, MarketRisk } from '../../../shared/domain/risk-report';
import { VENUE_LABELS } from '../../../shared/domain/venue';
import { fmt, fmtPct, stepDecimals } from '../../../shared/risk/format';
import { warningText } from '../../../shared/risk/warning-text';
import { Badge } from '../../components/badge';
import { Sparkline } from '../../components/sparkline';
import { useAppStore } from '../../store';
import { formatUsd } from '../positions/position-rows';
import { FigureText } from './figure-text';
import {
  findMarket,
  formatCountdown,
  formatSignalValue,
  formatUtc,
  marketConditions,
  priceFormatter,
  REGIME_LABEL,
  REGIME_TONE,
  SIGNAL_LABELS,
  staleSources,
  type RegimeSignal,
} from './market-model';

const signed = (fraction: number, digits = 1) => `${fraction > 0 ? '+' : ''}${fmtPct(fraction, digits)}`;

/**
 * Market conditions for one market (issue 6 "Market conditions"): funding, open interest, long/short ratio, basis,
 * depth, realised volatility, and the leverage regime with the signals behind it (risk-method.md §3).
 */
export function MarketConditions({ marketKey }: { readonly marketKey: string }) {
  const snapshot = useAppStore((state) => state.snapshot);
  const report = useAppStore((state) => state.report);
  const market = snapshot === null ? null : findMarket(snapshot, marketKey);
  const risk = report?.markets.find((m) => m.marketKey === marketKey) ?? null;
  if (snapshot === null || market === null) {
    return (
      <p className="muted" data-testid="market-conditions-empty">
        {snapshot === null
          ? 'No market data yet: connect an account or try the demo.'
          : `No market data for ${marketKey.split('|')[1] ?? marketKey} in the last refresh.`}
      </p>
    );
  }
  const stale = staleSources(snapshot, market);
  const staleWarnings =
    report?.warnings.filter((w) => w.code === 'stale_data' && w.subject.id === marketKey).map(warningText) ?? [];
  return (
    <div className="market-conditions" data-testid="market-conditions" data-market-key={marketKey}>
      {(stale.length > 0 || staleWarnings.length > 0) && (
        <div className="callout callout--watch" role="status" data-testid="market-conditions-stale">
          {stale.map((s) => (
            <p key={s.accountId}>
              {VENUE_LABELS[s.venue]} data is {s.state === 'stale' ? 'stale' : 'unavailable'}
              {s.lastOkAt !== null ? ` since ${formatUtc(s.lastOkAt)}` : ''}
              {s.error !== null ? `: ${s.error.message}` : ''}. The figures below are from the last good refresh.
            </p>
          ))}
          {staleWarnings.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}
      <MarketFigures market={market} risk={risk} now={snapshot.takenAt} />
      {risk === null ? (
        <p className="muted" data-testid="market-regime-missing">
          No regime: the risk report has no figures for this market.
        </p>
      ) : (
        <RegimePanel risk={risk} />
      )}
      {market.missing.length > 0 && (
        <ul className="market-conditions__missing" data-testid="market-conditions-missing">
          {market.missing.map((m) => (
            <li key={m.field}>
              <strong>{m.field}</strong>: {m.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Card({
  title,
  children,
  testId,
}: {
  readonly title: string;
  readonly children: ReactNode;
  readonly testId: string;
}) {
  return (
    <section className="mc-card" data-testid={testId} aria-label={title}>
      <h3 className="mc-card__title">{title}</h3>
      <dl className="mc-card__figures">{children}</dl>
    </section>
  );
}

function Row({
  label,
  children,
  title,
}: {
  readonly label: string;
  readonly children: ReactNode;
  readonly title?: string | undefined;
}) {
  return (
    <>
      <dt title={title}>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function MarketFigures({
  market,
  risk,
  now,
}: {
  readonly market: Market;
  readonly risk: MarketRisk | null;
  readonly now: number;
}) {
  const m = useMemo(() => marketConditions(market, risk, now), [market, risk, now]);
  const interval = m.funding.intervalHours;
  const base = market.base;
  const price = priceFormatter(market.tickSize);
  return (
    <div className="mc-grid">
      <Card title="Funding" testId="market-funding">
        <Row label={interval === null ? 'Rate' : `Rate per ${fmt(interval, 0)} h`} title="Positive: longs pay shorts.">
          <FigureText figure={m.funding.rate} format={(v) => fmtPct(v, 4)} testId="market-funding-rate" />
          {m.funding.rate.value !== null && <span className="dim"> {fmt(m.funding.rate.value * 10_000, 2)} bp</span>}
        </Row>
        {interval !== null && interval !== 8 && (
          <Row label="Per 8 h">
            <FigureText figure={m.funding.per8h} format={(v) => fmtPct(v, 4)} />
          </Row>
        )}
        <Row label="Annualised" title="Per-8 h rate × 3 × 365 (simple).">
          <FigureText figure={m.funding.apr} format={(v) => `${fmtPct(v, 1)} APR`} testId="market-funding-apr" />
        </Row>
        <Row label="Next funding">
          <FigureText
            figure={m.funding.nextTime}
            format={(v) => `${formatUtc(v).slice(11)} · ${formatCountdown(v, now)}`}
            testId="market-funding-next"
          />
        </Row>
        <Row label="Last 7 days">
          <Sparkline
            values={m.funding.history7d}
            label={`Settled funding per ${interval === null ? 'interval' : `${fmt(interval, 0)} h`}, last 7 days (${m.funding.history7d.length} readings)`}
            emptyReason={
              m.funding.rate.value === null
                ? (m.funding.rate.reason ?? 'no funding')
                : 'fewer than two settled rates in the last 7 days'
            }
            baseline={0}
            testId="market-funding-sparkline"
          />
        </Row>
      </Card>
      <Card title="Open interest" testId="market-oi">
        <Row label="In coin">
          <FigureText
            figure={m.openInterest.amountBase}
            format={(v) => `${fmt(v, 0)} ${base}`}
            testId="market-oi-coin"
          />
        </Row>
        <Row label="In USD">
          <FigureText figure={m.openInterest.valueUsd} format={formatUsd} testId="market-oi-usd" />
        </Row>
        <Row label="24 h change" title="Coin-denominated, so price moves do not look like new positions.">
          <FigureText figure={m.openInterest.change24h} format={(v) => signed(v)} testId="market-oi-change" />
        </Row>
        <Row label="History">
          <Sparkline
            values={m.openInterest.history}
            label={`Open interest in ${base}, hourly (${m.openInterest.history.length} readings)`}
            testId="market-oi-sparkline"
          />
        </Row>
      </Card>
      <Card title="Long/short ratio" testId="market-ls">
        <Row label="Accounts long ÷ short" title={m.longShort.source ?? undefined}>
          <FigureText figure={m.longShort.ratio} format={(v) => fmt(v, 2)} testId="market-ls-ratio" />
        </Row>
        <Row label="History">
          <Sparkline
            values={m.longShort.history}
            label={`Long/short account ratio, hourly (${m.longShort.history.length} readings)`}
            baseline={1}
            testId="market-ls-sparkline"
          />
        </Row>
      </Card>
      <Card title="Basis" testId="market-basis">
        <Row label="Mark">
          <FigureText figure={m.basis.mark} format={price} />
        </Row>
        <Row label="Index">
          <FigureText figure={m.basis.index} format={price} />
        </Row>
        <Row label="Premium" title="Mark ÷ index − 1.">
          <FigureText figure={m.basis.premium} format={(v) => signed(v, 3)} testId="market-basis-premium" />
        </Row>
        <Row
          label="Annualised"
          title="The premium read as a per-8 h rate × 3 × 365, as the regime's basis signal reads it."
        >
          <FigureText figure={m.basis.annualised} format={(v) => signed(v, 1)} testId="market-basis-annualised" />
        </Row>
      </Card>
      <Card title="Order-book depth" testId="market-depth">
        <Row label="Within ±1 %" title="Bids + asks within 1 % of mid, in quote units.">
          <DepthBand figure={m.depth.within1} band={0.01} reach={m.depth.bookReach} testId="market-depth-1" />
        </Row>
        <Row label="Bids / asks">
          <DepthSides bids={m.depth.bids1} asks={m.depth.asks1} />
        </Row>
        <Row label="Within ±2 %">
          <DepthBand figure={m.depth.within2} band={0.02} reach={m.depth.bookReach} testId="market-depth-2" />
        </Row>
        <Row label="Bids / asks">
          <DepthSides bids={m.depth.bids2} asks={m.depth.asks2} />
        </Row>
        <Row label="±1 % vs 30-day median" title="Below 70 % is thin, below 50 % extreme (risk-method.md §3.1).">
          <FigureText figure={m.depth.vsMedian} format={(v) => fmtPct(v, 0)} testId="market-depth-change" />
        </Row>
      </Card>
      <Card title="Realised volatility" testId="market-vol">
        <Row label="Annualised σ" title={`EWMA of ${m.volatility.timeframe === '1h' ? 'hourly' : 'daily'} returns.`}>
          <FigureText figure={m.volatility.sigmaAnnual} format={(v) => fmtPct(v, 1)} testId="market-vol-sigma" />
        </Row>
        <Row label="Daily σ">
          <FigureText figure={m.volatility.sigmaDaily} format={(v) => fmtPct(v, 2)} />
        </Row>
        <Row label="Garman–Klass">
          <FigureText figure={m.volatility.garmanKlassAnnual} format={(v) => fmtPct(v, 1)} />
        </Row>
        <Row label="ATR(14)">
          <FigureText
            figure={m.volatility.atr14}
            format={(v) => fmt(v, Math.min(8, stepDecimals(market.tickSize) + 1))}
          />
        </Row>
        <Row label="RV7 / RV30">
          <FigureText figure={m.volatility.rvRatio} format={(v) => fmt(v, 2)} testId="market-vol-rv-ratio" />
        </Row>
      </Card>
    </div>
  );
}

/** Depth within a band; "≥" when the fetched book stops short of the band (deeper levels were not read). */
function DepthBand({
  figure,
  band,
  reach,
  testId,
}: {
  readonly figure: Figure;
  readonly band: number;
  readonly reach: number | null;
  readonly testId: string;
}) {
  const partial = figure.value !== null && reach !== null && reach < band;
  return (
    <span
      title={
        partial
          ? `At least: the order book read reaches only ±${fmtPct(reach, 2)} from mid, so levels further out are not counted.`
          : undefined
      }
      data-partial={partial || undefined}
    >
      {partial && '≥ '}
      <FigureText figure={figure} format={formatUsd} testId={testId} />
    </span>
  );
}

function DepthSides({ bids, asks }: { readonly bids: Figure; readonly asks: Figure }) {
  return (
    <span className="dim">
      <FigureText figure={bids} format={formatUsd} /> / <FigureText figure={asks} format={formatUsd} />
    </span>
  );
}

/** Badges for a market's two sides; reused by the market list. */
export function RegimeBadges({ risk, testId }: { readonly risk: MarketRisk; readonly testId: string }) {
  return (
    <span className="regime-badges" data-testid={testId}>
      {(['long', 'short'] as const).map((side) => {
        const r = risk.regime[side];
        return (
          <Badge
            key={side}
            tone={REGIME_TONE[r.state]}
            title={`${side === 'long' ? 'Longs' : 'Shorts'}: ${REGIME_LABEL[r.state]}, score ${r.score === null ? '—' : fmt(r.score, 2)}`}
            testId={`${testId}-${side}`}
          >
            {side === 'long' ? 'L' : 'S'} {REGIME_LABEL[r.state]}
          </Badge>
        );
      })}
    </span>
  );
}

function RegimePanel({ risk }: { readonly risk: MarketRisk }) {
  const r = risk.regime;
  const signals: readonly RegimeSignal[] = [...r.crowding.signals, ...r.fragility.signals];
  return (
    <section className="regime" data-testid="market-regime" aria-label="Leverage regime">
      <h3 className="regime__title">Leverage regime</h3>
      <div className="regime__sides">
        {(['long', 'short'] as const).map((side) => {
          const s = r[side];
          const crowd = side === 'long' ? 'max(X, 0)' : 'max(−X, 0)';
          return (
            <div
              key={side}
              className={`regime-side severity-edge--${REGIME_TONE[s.state]}`}
              data-testid={`market-regime-${side}`}
              data-state={s.state}
            >
              <div className="regime-side__head">
                <span className="regime-side__name">{side === 'long' ? 'Long side' : 'Short side'}</span>
                <Badge tone={REGIME_TONE[s.state]} testId={`market-regime-${side}-badge`}>
                  {REGIME_LABEL[s.state]}
                </Badge>
                <span
                  className="regime-side__score"
                  title={`Score = ½·${crowd} + ½·Φ`}
                  data-testid={`market-regime-${side}-score`}
                >
                  {s.score === null ? '—' : fmt(s.score, 2)}
                </span>
              </div>
              {s.level !== s.state && (
                <p className="regime-side__hold">
                  Held at {REGIME_LABEL[s.state]} (the score alone reads {REGIME_LABEL[s.level]}) until it stays below
                  the threshold for 8 hourly readings.
                </p>
              )}
              <p className="regime-side__effects">
                Size × {fmt(s.sizeMultiplier, 2)} · isolated leverage ≤ {fmt(s.leverageCap, 0)}× · account gross ≤{' '}
                {fmt(s.grossCap, 1)}× · stop slippage {fmtPct(s.slippage, 2)}
              </p>
            </div>
          );
        })}
      </div>
      <p className="regime__axes" data-testid="market-regime-axes">
        Crowding X = <strong>{r.crowding.value === null ? '—' : fmt(r.crowding.value, 2)}</strong> (−1 short-crowded …
        +1 long-crowded; {fmtPct(r.crowding.coverage, 0)} of its signals present) · Fragility Φ ={' '}
        <strong>{r.fragility.value === null ? '—' : fmt(r.fragility.value, 2)}</strong> (0 … 1;{' '}
        {fmtPct(r.fragility.coverage, 0)} present) · confidence {fmtPct(r.confidence, 0)}. States: Normal &lt; 0.25 ≤
        Elevated &lt; 0.45 ≤ Crowded &lt; 0.65 ≤ Extreme.
      </p>
      <div className="table-wrap">
        <table className="data-table regime__signals" data-testid="market-regime-signals">
          <thead>
            <tr>
              <th>Signal</th>
              <th>Value</th>
              <th title="Reading at which the sub-score is 0, and where it saturates">Neutral → extreme</th>
              <th>Sub-score</th>
              <th>Weight</th>
              <th title="Weight × sub-score over the weight of the signals present on its axis">Contribution</th>
              <th className="text">Why</th>
            </tr>
          </thead>
          {(['crowding', 'fragility'] as const).map((axis) => (
            <tbody key={axis} data-testid={`market-regime-${axis}`}>
              <tr className="regime__axis-row">
                <th colSpan={7} scope="rowgroup">
                  {axis === 'crowding'
                    ? `Crowding X = ${r.crowding.value === null ? '—' : fmt(r.crowding.value, 2)}: which side is paying to stay in`
                    : `Fragility Φ = ${r.fragility.value === null ? '—' : fmt(r.fragility.value, 2)}: how easily a move cascades`}
                </th>
              </tr>
              {signals
                .filter((s) => s.axis === axis)
                .map((s) => {
                  const missing = s.value === null || s.subScore === null;
                  return (
                    <tr
                      key={s.id}
                      className={missing ? 'is-missing' : undefined}
                      data-testid={`market-signal-${s.id}`}
                      data-missing={missing || undefined}
                    >
                      <td>{SIGNAL_LABELS[s.id]}</td>
                      <td title={missing ? s.explanation : undefined} data-testid={`market-signal-${s.id}-value`}>
                        {formatSignalValue(s.id, s.value)}
                      </td>
                      <td>
                        {formatSignalValue(s.id, s.neutral)} → {formatSignalValue(s.id, s.threshold)}
                      </td>
                      <td>{s.subScore === null ? '—' : fmt(s.subScore, 2)}</td>
                      <td>{fmt(s.weight, 2)}</td>
                      <td
                        title={
                          missing ? 'Not counted: the signal is missing, so its weight goes to the others.' : undefined
                        }
                        data-testid={`market-signal-${s.id}-contribution`}
                      >
                        {missing ? '—' : fmt(s.contribution, 3)}
                      </td>
                      <td className="text regime__why">
                        {missing && <span className="missing-tag">missing</span>} {s.explanation}
                      </td>
                    </tr>
                  );
                })}
            </tbody>
          ))}
        </table>
      </div>
    </section>
  );
}
