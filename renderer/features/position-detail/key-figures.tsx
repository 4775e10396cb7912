import type { DiscrepancyCause, Figure, PositionRisk } from '../../../shared/domain/risk-report';
import { fmt, fmtPct } from '../../../shared/risk/format';
import { distanceFigure, exchangeFigure, touchFigure } from '../../../shared/risk/report-figures';
import { FigureText } from '../market/figure-text';
import { provenance } from '../market/market-model';
import { formatUsd } from '../positions/position-rows';
import { SeverityPill } from '../positions/severity-pill';

const CAUSES: Readonly<Record<DiscrepancyCause, string>> = {
  tier: 'a different maintenance-margin tier',
  fees: 'closing fees counted differently',
  cross_account_value: 'the cross account’s value (other positions, collateral valuation)',
  margin_input: 'the isolated margin we were given',
  unknown: 'not identified',
};

const MODEL_LABELS: Readonly<Record<string, string>> = {
  'binance-usdm': 'Binance USD-M',
  'binance-coinm': 'Binance COIN-M',
  'bybit-linear-isolated': 'Bybit linear isolated',
  'bybit-inverse-isolated': 'Bybit inverse isolated',
  'bybit-inverse-cross-legacy': 'Bybit inverse cross',
  'bybit-cross': 'Bybit cross (UTA)',
  'okx-isolated': 'OKX isolated',
  'okx-cross': 'OKX cross',
  'hyperliquid-isolated': 'Hyperliquid isolated',
  'hyperliquid-cross': 'Hyperliquid cross',
};

/** Liquidation (ours vs the exchange's), distance and touch probabilities, each with where it came from. */
export function KeyFigures({
  risk,
  price,
  amountDigits,
}: {
  readonly risk: PositionRisk;
  readonly price: (p: number) => string;
  /** Decimals of the market's amount step in base units. */
  readonly amountDigits: number;
}) {
  const liq = risk.liquidation;
  const d = liq.discrepancy;
  const fmtP = (v: number) => price(v);
  return (
    <section className="pd-card pd-figures" data-testid="position-detail-figures" aria-labelledby="pd-figures-title">
      <h3 className="pd-card__title" id="pd-figures-title">
        Key figures
      </h3>
      <div className="pd-severity">
        <SeverityPill severity={risk.severity} />
        <span data-testid="position-detail-severity-reasons">
          {risk.severityReasons.length === 0 ? 'Within every threshold.' : risk.severityReasons.join('; ')}
        </span>
      </div>
      <dl className="pd-figures__list">
        <dt>Size</dt>
        <dd>
          <FigureText
            figure={exchangeFigure(risk.quantityBase)}
            format={(v) => `${fmt(v, amountDigits)} ${risk.base}`}
          />{' '}
          <span className="dim">
            <FigureText figure={exchangeFigure(risk.notionalUsd)} format={formatUsd} />
          </span>{' '}
          · <FigureText figure={risk.leverage} format={(v) => `${fmt(v, 1)}×`} />{' '}
          {risk.marginMode === 'cross' ? 'cross' : 'isolated'}
        </dd>
        <dt>Entry / mark</dt>
        <dd>
          <FigureText figure={exchangeFigure(risk.entryPrice)} format={fmtP} testId="position-detail-entry" /> /{' '}
          <FigureText figure={risk.markPrice} format={fmtP} testId="position-detail-mark" />
        </dd>
        <dt title="Computed by Liquidation Guard from the venue's formula">Liquidation, ours</dt>
        <dd>
          <FigureText figure={liq.computed} format={fmtP} testId="position-detail-liq-ours" className="pd-liq" />
          {liq.computed.value !== null && (
            <span className="dim">
              {' '}
              {liq.model === null ? '' : (MODEL_LABELS[liq.model] ?? liq.model)}
              {liq.tier !== null && `, tier ${liq.tier}`}
              {liq.maintenanceMarginRate.value !== null && `, MMR ${fmtPct(liq.maintenanceMarginRate.value, 3)}`}
            </span>
          )}
        </dd>
        <dt title="As the exchange reports it">Liquidation, exchange</dt>
        <dd>
          <FigureText figure={liq.exchange} format={fmtP} testId="position-detail-liq-exchange" className="pd-liq" />
        </dd>
        <dt>Discrepancy</dt>
        <dd data-testid="position-detail-discrepancy" className={d?.exceeds === true ? 'discrepancy' : undefined}>
          {d === null ? (
            <span title={liq.exchange.value === null ? provenance(liq.exchange) : provenance(liq.computed)}>
              — (needs both figures)
            </span>
          ) : d.exceeds ? (
            <>
              {fmtPct(d.gap, 2)}, above the {fmtPct(d.tolerance, 2)} tolerance. Likely cause:{' '}
              {CAUSES[d.likelyCause ?? 'unknown']}.{d.explanation !== null && ` ${d.explanation}`}
            </>
          ) : (
            `${fmtPct(d.gap, 3)}, within the ${fmtPct(d.tolerance, 2)} tolerance`
          )}
        </dd>
        <dt>Distance to liquidation</dt>
        <dd data-testid="position-detail-distance">
          <FigureText figure={distanceFigure(risk.distance, 'fraction')} format={(v) => fmtPct(v, 2)} />
          {' · '}
          <FigureText figure={distanceFigure(risk.distance, 'atr')} format={(v) => `${fmt(v, 2)} ATR`} />
          {' · '}
          <FigureText figure={distanceFigure(risk.distance, 'sigma')} format={(v) => `${fmt(v, 2)} daily σ`} />
          {liq.used.value !== null && (
            <span className="dim"> (from {liq.used.source === 'exchange' ? 'the exchange’s' : 'our'} price)</span>
          )}
        </dd>
      </dl>
      {liq.assumptions.length > 0 && (
        <ul className="pd-assumptions" aria-label="Assumptions">
          {liq.assumptions.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      )}
      <table className="data-table pd-touch" data-testid="position-detail-touch">
        <caption className="pd-touch__caption">Probability the mark touches the liquidation price</caption>
        <thead>
          <tr>
            <th>Within</th>
            <th title="Driftless diffusion at the EWMA volatility">Gaussian</th>
            <th title="The largest of EWMA, Garman–Klass and implied volatility, times the regime's σ multiplier">
              Stressed σ
            </th>
            <th title="Gaussian with a jump overlay">Jumps</th>
            <th title="The fat-tailed figure severities use">Fat-tailed</th>
          </tr>
        </thead>
        <tbody>
          {[risk.touch24h, risk.touch7d].map((t) => (
            <tr key={t.horizonHours} data-testid={`position-detail-touch-${t.horizonHours === 24 ? '24h' : '7d'}`}>
              <td>{t.horizonHours === 24 ? '24 h' : '7 days'}</td>
              <td>
                <Prob figure={touchFigure(t, 'gaussian')} />
              </td>
              <td>
                <Prob figure={touchFigure(t, 'stressedSigma')} />
              </td>
              <td>
                <Prob figure={touchFigure(t, 'jumpOverlay')} />
              </td>
              <td className="pd-touch__fat">
                <Prob figure={touchFigure(t, 'fat')} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Prob({ figure }: { readonly figure: Figure }) {
  return <FigureText figure={figure} format={(v) => fmtPct(v, 1)} />;
}
