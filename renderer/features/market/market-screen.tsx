import { useMemo, useState } from 'react';
import { marketKey } from '../../../shared/domain/market';
import type { MarketRisk } from '../../../shared/domain/risk-report';
import { REGIME_STATES } from '../../../shared/domain/settings';
import { VENUE_LABELS } from '../../../shared/domain/venue';
import { fmtPct } from '../../../shared/risk/format';
import { Panel } from '../../components/panel';
import { useAppStore } from '../../store';
import { MarketConditions, RegimeBadges } from './market-conditions';
import { priceFormatter } from './market-model';

const rank = (risk: MarketRisk) =>
  Math.max(REGIME_STATES.indexOf(risk.regime.long.state), REGIME_STATES.indexOf(risk.regime.short.state));

/** Most crowded first (either side), then by venue and symbol. */
export function sortMarkets(markets: readonly MarketRisk[]): MarketRisk[] {
  return [...markets].sort(
    (a, b) => rank(b) - rank(a) || (a.marketKey < b.marketKey ? -1 : a.marketKey > b.marketKey ? 1 : 0),
  );
}

/** The Market tab: every market in the snapshot with its regime badges; the selected one's conditions beside. */
export function MarketScreen() {
  const report = useAppStore((state) => state.report);
  const snapshot = useAppStore((state) => state.snapshot);
  const markets = useMemo(() => (report === null ? [] : sortMarkets(report.markets)), [report]);
  const ticks = useMemo(
    () => new Map((snapshot?.markets ?? []).map((m) => [marketKey(m.venue, m.symbol), m.tickSize])),
    [snapshot],
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const selected = markets.find((m) => m.marketKey === chosen)?.marketKey ?? markets[0]?.marketKey ?? null;

  if (selected === null) {
    return (
      <Panel title="Markets" testId="market-panel">
        <p className="muted" data-testid="market-empty">
          No markets yet: the markets of your open positions appear here once an account or the demo is connected.
        </p>
      </Panel>
    );
  }
  const current = markets.find((m) => m.marketKey === selected);
  return (
    <div className="market-screen">
      <Panel title={`Markets (${markets.length})`} testId="market-list-panel" className="market-screen__list">
        <ul className="market-list" aria-label="Markets" data-testid="market-list">
          {markets.map((m) => (
            <li key={m.marketKey}>
              <button
                type="button"
                className={`market-list__item ${m.marketKey === selected ? 'is-selected' : ''}`}
                aria-pressed={m.marketKey === selected}
                onClick={() => setChosen(m.marketKey)}
                data-testid="market-list-item"
                data-market-key={m.marketKey}
              >
                <span className="market-list__name">
                  <strong>{m.symbol}</strong>
                  <span className="dim">{VENUE_LABELS[m.venue]}</span>
                </span>
                <span className="market-list__figures">
                  <span title="Mark price">
                    {m.markPrice.value === null
                      ? '—'
                      : priceFormatter(ticks.get(m.marketKey) ?? null)(m.markPrice.value)}
                  </span>
                  <span title={m.fundingApr.reason ?? 'Funding, annualised'}>
                    {m.fundingApr.value === null ? '—' : `${fmtPct(m.fundingApr.value, 1)} APR`}
                  </span>
                </span>
                <RegimeBadges risk={m} testId="market-list-regime" />
              </button>
            </li>
          ))}
        </ul>
      </Panel>
      <Panel
        title={current === undefined ? selected : `${current.symbol} · ${VENUE_LABELS[current.venue]}`}
        testId="market-panel"
        className="market-screen__detail"
      >
        <MarketConditions marketKey={selected} />
      </Panel>
    </div>
  );
}
