import { useDeferredValue, useMemo, useState } from 'react';
import type { RiskReport } from '../../../shared/domain/risk-report';
import type { Settings } from '../../../shared/domain/settings';
import type { Snapshot } from '../../../shared/domain/snapshot';
import { VENUE_LABELS } from '../../../shared/domain/venue';
import { fmt, fmtPct, fmtPrice } from '../../../shared/risk/format';
import { Button } from '../../components/button';
import { Field } from '../../components/field';
import { LineChart, type ChartMarker, type ChartSeries } from '../../components/line-chart';
import { Panel } from '../../components/panel';
import { useAppStore } from '../../store';
import { AccountsEmpty } from '../accounts/accounts-empty';
import { staleSources } from '../planner/stale-sources';
import {
  betaAssets,
  buildStressView,
  gridIndex,
  parseBeta,
  TABLE_SHOCKS,
  valueAt,
  type BetaAsset,
  type StressAccount,
  type StressPosition,
  type StressView,
} from './stress-model';

/**
 * The stress test (risk-method.md §5): instantaneous BTC shocks from −20 % to +10 % carried to every asset by its
 * beta; which positions liquidate at which shock, PnL per account, and for each cross account the BTC move that
 * liquidates it. Betas are editable here and stay on this screen.
 */
export function StressScreen() {
  const snapshot = useAppStore((state) => state.snapshot);
  const report = useAppStore((state) => state.report);
  const settings = useAppStore((state) => state.settings);
  if (snapshot === null || snapshot.accounts.length === 0 || report === null || settings === null) {
    return (
      <Panel title="Stress test" testId="stress-panel">
        <p className="muted" data-testid="stress-empty-message">
          The stress test shocks your open positions: connect an account or try the demo first.
        </p>
        <AccountsEmpty />
      </Panel>
    );
  }
  if (report.positions.length === 0) {
    return (
      <Panel title="Stress test" testId="stress-panel">
        <p className="muted" data-testid="stress-empty-message">
          No open positions to stress.
        </p>
      </Panel>
    );
  }
  return <Stress snapshot={snapshot} report={report} settings={settings} />;
}

const shockLabel = (shock: number) => `${shock > 0 ? '+' : ''}${fmtPct(shock, 0)}`;
const signed = (value: number, digits = 0) => `${value > 0 ? '+' : ''}${fmt(value, digits)}`;
const pnlClass = (value: number) => (value > 0 ? 'pnl pnl--up' : value < 0 ? 'pnl pnl--down' : 'pnl');

function Stress({
  snapshot,
  report,
  settings,
}: {
  readonly snapshot: Snapshot;
  readonly report: RiskReport;
  readonly settings: Settings;
}) {
  const assets = useMemo(() => betaAssets(report), [report]);
  const [betaText, setBetaText] = useState<Readonly<Record<string, string>>>({});
  const parsed = useMemo(
    () => new Map(assets.map((a) => [a.asset, parseBeta(betaText[a.asset] ?? '', a.asset)])),
    [assets, betaText],
  );
  const edits = useMemo(() => {
    const valid: Record<string, number> = {};
    for (const [asset, p] of parsed) if (p.kind === 'value') valid[asset] = p.value;
    return valid;
  }, [parsed]);
  // The grid rebuilds the report; let typing stay responsive on large books.
  const deferredEdits = useDeferredValue(edits);
  const view = useMemo(
    () => buildStressView({ snapshot, settings, regimeMemory: report.regimeMemory, betas: deferredEdits }),
    [snapshot, settings, report.regimeMemory, deferredEdits],
  );
  const stale = staleSources(snapshot.statuses, null);
  const setAll = (pick: (a: BetaAsset) => string) =>
    setBetaText(Object.fromEntries(assets.map((a) => [a.asset, pick(a)])));

  return (
    <div className="stress" data-testid="stress-screen">
      {stale.length > 0 && (
        <div className="callout callout--watch" role="status" data-testid="stress-stale-callout">
          {stale.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      <Panel
        title="Betas to BTC"
        testId="stress-betas-panel"
        actions={
          assets.length === 0 ? undefined : (
            <>
              <Button onClick={() => setAll((a) => String(a.stressDefault))} testId="stress-beta-defaults-button">
                Use the §5.1 defaults
              </Button>
              <Button variant="ghost" onClick={() => setBetaText({})} testId="stress-beta-reset-button">
                Use the engine’s
              </Button>
            </>
          )
        }
      >
        {assets.length === 0 ? (
          <p className="muted">Only BTC is held: its beta is 1 by definition.</p>
        ) : (
          <>
            <p className="muted stress__explain">
              A BTC shock of x moves each asset by β·x (never below −95 %). Leave a field empty to use the engine’s
              beta; what you type stays on this screen.
            </p>
            <div className="stress__betas">
              {assets.map((a) => {
                const p = parsed.get(a.asset);
                return (
                  <Field
                    key={a.asset}
                    label={`${a.asset} β`}
                    value={betaText[a.asset] ?? ''}
                    placeholder={engineSummary(a, true)}
                    onChange={(text) => setBetaText((current) => ({ ...current, [a.asset]: text }))}
                    error={p?.kind === 'invalid' ? `${p.error} The engine’s beta is used until then.` : null}
                    hint={`engine: ${engineSummary(a, false)} · §5.1 default ${fmt(a.stressDefault, 1)}`}
                    testId={`stress-beta-${a.asset}-input`}
                  />
                );
              })}
            </div>
          </>
        )}
      </Panel>
      <Panel title="Shock grid: PnL per position (USD)" testId="stress-grid-panel">
        <ShockGrid view={view} />
      </Panel>
      <div className="stress__pair">
        <Panel title="PnL per account vs BTC shock" testId="stress-chart-panel">
          <StressChart view={view} />
        </Panel>
        <Panel title="Cross-margin accounts" testId="stress-cross-panel">
          <CrossAccounts view={view} />
        </Panel>
      </div>
    </div>
  );
}

const SOURCE_WORDS: Readonly<Record<string, string>> = {
  computed: 'estimated from daily candles',
  default: '§5.1 default',
  input: 'given',
  exchange: 'reported',
};

function engineSummary(a: BetaAsset, short: boolean): string {
  const distinct = [...new Set(a.engine.map((e) => fmt(e.value, 2)))];
  if (short) return distinct.join(' / ');
  // "1.30 (§5.1 default) on Binance, Bybit; 0.15 (estimated from daily candles) on OKX"
  const groups = new Map<string, string[]>();
  for (const e of a.engine) {
    const key = `${fmt(e.value, 2)} (${SOURCE_WORDS[e.source] ?? e.source})`;
    groups.set(key, [...(groups.get(key) ?? []), VENUE_LABELS[e.venue]]);
  }
  return [...groups.entries()].map(([key, venues]) => `${key} on ${venues.join(', ')}`).join('; ');
}

// ---- the grid ----

function ShockGrid({ view }: { readonly view: StressView }) {
  const columns = TABLE_SHOCKS.map((shock) => ({ shock, index: gridIndex(shock) }));
  const span = 6 + columns.length;
  return (
    <div className="table-wrap">
      <table className="data-table stress__grid" data-testid="stress-grid-table">
        <caption className="visually-hidden">
          PnL of each position at each BTC shock; cells marked LIQ cross the position’s liquidation price
        </caption>
        <thead>
          <tr>
            <th scope="col">Position</th>
            <th scope="col">Margin</th>
            <th scope="col">Mark</th>
            <th scope="col">Liq. price</th>
            <th scope="col" title="Beta to BTC used in this stress">
              β
            </th>
            <th
              scope="col"
              title="The BTC move that takes this asset to the position's own liquidation price, others held"
            >
              Liquidated at BTC
            </th>
            {columns.map((c) => (
              <th key={c.shock} scope="col" data-testid="stress-grid-shock">
                BTC {shockLabel(c.shock)}
              </th>
            ))}
          </tr>
        </thead>
        {view.accounts.map((account) => (
          <tbody key={account.key} data-testid="stress-grid-account">
            <tr className="stress__account-row">
              <th scope="rowgroup" colSpan={span} className="text">
                {VENUE_LABELS[account.venue]} · {account.label} · {account.currency} margin
              </th>
            </tr>
            {account.positions.map((p) => (
              <PositionRow key={p.positionId} position={p} columns={columns} />
            ))}
            <tr className="stress__total" data-testid="stress-grid-account-total" data-account={account.key}>
              <td colSpan={6}>Account PnL</td>
              {columns.map((c) => {
                const v = account.pnl[c.index];
                return (
                  <td key={c.shock} className={v === undefined ? undefined : pnlClass(v)}>
                    {v === undefined ? '—' : signed(v)}
                  </td>
                );
              })}
            </tr>
          </tbody>
        ))}
      </table>
    </div>
  );
}

function PositionRow({
  position: p,
  columns,
}: {
  readonly position: StressPosition;
  readonly columns: readonly { shock: number; index: number }[];
}) {
  return (
    <tr
      data-testid="stress-grid-row"
      data-position-id={p.positionId}
      data-mark={p.mark ?? ''}
      data-liquidation={p.liquidation ?? ''}
      data-beta={p.beta ?? ''}
      data-side={p.side}
    >
      <td>
        {p.symbol} <span className={`side side--${p.side}`}>{p.side === 'long' ? 'Long' : 'Short'}</span>
      </td>
      <td>{p.marginMode === 'cross' ? 'Cross' : 'Isolated'}</td>
      <td>{p.mark === null ? '—' : fmtPrice(p.mark)}</td>
      <td title={p.liquidation === null ? (p.liquidationReason ?? 'no liquidation price') : undefined}>
        {p.liquidation === null ? '—' : fmtPrice(p.liquidation)}
      </td>
      <td>{p.beta === null ? '—' : fmt(p.beta, 2)}</td>
      <td title={p.btcMoveReason ?? undefined} data-testid="stress-grid-liq-move">
        {p.btcMoveToLiquidation === null ? '—' : shockLabel2(p.btcMoveToLiquidation)}
      </td>
      {columns.map((c) => {
        const cell = p.cells[c.index];
        if (cell === undefined)
          return (
            <td key={c.shock} title="not computed">
              —
            </td>
          );
        const title = `BTC ${shockLabel(c.shock)} → ${p.base} ${shockLabel2(cell.assetMove)} to ${fmtPrice(cell.price)}${
          cell.liquidated && p.liquidation !== null ? `: beyond the liquidation price ${fmtPrice(p.liquidation)}` : ''
        }${cell.liquidated && p.maxLoss !== null ? ` (isolated: liquidated, it loses its margin of ${signed(-p.maxLoss)}, no more)` : ''}`;
        return (
          <td
            key={c.shock}
            className={`${pnlClass(cell.pnl)} ${cell.liquidated ? 'stress__cell--liquidated' : ''}`}
            title={title}
            data-testid="stress-grid-cell"
            data-shock={c.shock}
            data-liquidated={cell.liquidated}
          >
            {cell.liquidated && <span className="stress__liq">LIQ</span>} {signed(cell.pnl)}
          </td>
        );
      })}
    </tr>
  );
}

/** 2,500 → "2.5k", −5,000 → "−5k", 750 → "750". */
function compactNumber(y: number): string {
  if (Math.abs(y) < 1000) return fmt(y, 0);
  const k = fmt(y / 1000, 1);
  return `${k.endsWith('.0') ? k.slice(0, -2) : k}k`;
}

const shockLabel2 = (x: number) => `${x > 0 ? '+' : ''}${fmtPct(x, 1)}`;

// ---- the chart ----

function StressChart({ view }: { readonly view: StressView }) {
  const series: ChartSeries[] = view.accounts.map((a) => ({
    id: a.key,
    label: `${VENUE_LABELS[a.venue]} · ${a.label} · ${a.currency}`,
    points: view.shocks.map((x, i) => ({ x, y: a.pnl[i] ?? 0 })),
  }));
  const lo = view.shocks[0] ?? -0.2;
  const hi = view.shocks[view.shocks.length - 1] ?? 0.1;
  const markers: ChartMarker[] = [];
  view.accounts.forEach((a, i) => {
    for (const p of a.positions) {
      const x = p.btcMoveToLiquidation;
      if (x === null || x < lo || x > hi) continue;
      const y = valueAt(view.shocks, a.pnl, x);
      if (y === null) continue;
      markers.push({
        id: p.positionId,
        x,
        y,
        series: i,
        shape: 'circle',
        label: `${p.symbol} ${p.side} liquidated at BTC ${shockLabel2(x)}`,
      });
    }
    const x = a.cross?.btcMoveToLiquidation.value ?? null;
    if (x !== null && x >= lo && x <= hi) {
      const y = valueAt(view.shocks, a.pnl, x);
      if (y !== null)
        markers.push({
          id: `${a.key}-cross`,
          x,
          y,
          series: i,
          shape: 'diamond',
          label: `${a.label} (${a.currency}) cross account liquidated at BTC ${shockLabel2(x)}`,
        });
    }
  });
  return (
    <>
      <LineChart
        series={series}
        markers={markers}
        xTicks={[-0.2, -0.15, -0.1, -0.05, 0, 0.05, 0.1]}
        formatX={(x) => shockLabel(x)}
        formatY={compactNumber}
        xLabel="BTC shock"
        yLabel="PnL (USD)"
        description="PnL of each account against the BTC shock, with the shocks that liquidate a position (circles) or a cross account (diamonds); the same figures are in the shock grid table."
        testId="stress-chart"
      />
      <p className="field__hint">
        ● a position reaches its own liquidation price · ◆ a cross account is liquidated. PnL is the move times the
        size, except that an isolated position past its circle is liquidated and loses its margin, no more: its loss
        stops there.
      </p>
    </>
  );
}

// ---- cross accounts ----

function CrossAccounts({ view }: { readonly view: StressView }) {
  const cross = view.accounts.filter(
    (a): a is StressAccount & { cross: NonNullable<StressAccount['cross']> } => a.cross !== null,
  );
  if (cross.length === 0)
    return (
      <p className="muted" data-testid="stress-cross-empty">
        No cross-margin account holds linear positions.
      </p>
    );
  const columns = TABLE_SHOCKS.map((shock) => ({ shock, index: gridIndex(shock) }));
  return (
    <div className="stress__cross">
      {cross.map((a) => {
        const x = a.cross.btcMoveToLiquidation;
        return (
          <section
            key={a.key}
            className="stress__cross-account"
            data-testid="stress-cross-account"
            data-account={a.key}
          >
            <h3>
              {VENUE_LABELS[a.venue]} · {a.label} · {a.currency}
            </h3>
            <p>
              BTC move that liquidates it:{' '}
              <strong data-testid="stress-cross-move" title={x.reason ?? undefined}>
                {x.value === null ? '—' : shockLabel2(x.value)}
              </strong>
              {x.value === null && x.reason !== null && <span className="dim"> ({x.reason})</span>}
            </p>
            {a.cross.highBeta.length > 0 && (
              <p data-testid="stress-cross-high-beta">
                Without the high-beta positions ({a.cross.highBeta.join(', ')}):{' '}
                <strong title={a.cross.withoutHighBeta.reason ?? undefined}>
                  {a.cross.withoutHighBeta.value === null ? '—' : shockLabel2(a.cross.withoutHighBeta.value)}
                </strong>
                {a.cross.withoutHighBeta.value === null && a.cross.withoutHighBeta.reason !== null && (
                  <span className="dim"> ({a.cross.withoutHighBeta.reason})</span>
                )}
              </p>
            )}
            {a.cross.explanation !== x.reason && <p className="muted">{capitalise(a.cross.explanation)}.</p>}
            <table className="data-table stress__cross-table">
              <thead>
                <tr>
                  <th scope="col">BTC</th>
                  <th scope="col" title="PnL of the cross positions (isolated ones have their own margin)">
                    PnL
                  </th>
                  <th scope="col">Equity</th>
                  <th scope="col">Maint.</th>
                  <th scope="col" title="Maintenance ÷ equity: liquidation at 100 %">
                    MM / equity
                  </th>
                </tr>
              </thead>
              <tbody>
                {columns.map((c) => {
                  const rows = a.cross.rows;
                  if (c.index >= rows.shock.length) return null;
                  const row = {
                    pnl: rows.pnl[c.index] as number,
                    equity: rows.equity[c.index] as number,
                    maintenance: rows.maintenance[c.index] as number,
                    marginRatio: rows.marginRatio[c.index] ?? null,
                    liquidated: rows.liquidated[c.index] === true,
                  };
                  return (
                    <tr key={c.shock} className={row.liquidated ? 'stress__cell--liquidated' : undefined}>
                      <td>{shockLabel(c.shock)}</td>
                      <td className={pnlClass(row.pnl)}>{signed(row.pnl)}</td>
                      <td>{fmt(row.equity, 0)}</td>
                      <td>{fmt(row.maintenance, 0)}</td>
                      <td>
                        {row.liquidated ? (
                          <span className="stress__liq">LIQ</span>
                        ) : row.marginRatio === null ? (
                          '—'
                        ) : (
                          fmtPct(row.marginRatio, 1)
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}

const capitalise = (s: string) => (s === '' ? s : (s[0]?.toUpperCase() ?? '') + s.slice(1));
