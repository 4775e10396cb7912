import { useEffect, useMemo, useState } from 'react';
import type { RiskReport } from '../../../shared/domain/risk-report';
import type { Settings } from '../../../shared/domain/settings';
import type { Snapshot } from '../../../shared/domain/snapshot';
import { VENUE_LABELS, type Side, type Venue } from '../../../shared/domain/venue';
import { fmt, fmtPct, fmtPrice, stepDecimals } from '../../../shared/risk/format';
import { ladderProblemText } from '../../../shared/risk/ladder-problem-text';
import type { SizeCap, SizeCapId } from '../../../shared/risk/sizing';
import { ladderRungList } from '../../../shared/risk/stops';
import { Badge } from '../../components/badge';
import { Field } from '../../components/field';
import { Panel } from '../../components/panel';
import { Segmented } from '../../components/segmented';
import { SelectField } from '../../components/select-field';
import { useAppStore } from '../../store';
import { marketLoadKey, type VenueMarketsLoad } from '../../store/markets-slice';
import { computeReport } from '../../store/report';
import { AccountsEmpty } from '../accounts/accounts-empty';
import {
  computePlan,
  defaultListedSymbol,
  defaultPlannerInput,
  plannerChoices,
  reconcileInput,
  priceText,
  withFetchedMarkets,
  pickerMarkets,
  type Plan,
  type PlannerInput,
  type Shown,
  type StopMode,
} from './planner-model';
import { REGIME_TONE } from '../market/market-model';

/**
 * The pre-trade planner (Ctrl/Cmd+N): pick a market and a stop, see live what size the risk budget, volatility,
 * depth and gross caps allow, where liquidation sits at the chosen leverage, the stop ladder, and what the market's
 * leverage regime changed. Every figure comes from shared/risk; nothing is sent anywhere.
 */
export function PlannerScreen() {
  const snapshot = useAppStore((state) => state.snapshot);
  const report = useAppStore((state) => state.report);
  const settings = useAppStore((state) => state.settings);
  if (snapshot === null || snapshot.accounts.length === 0 || report === null || settings === null) {
    return (
      <Panel title="Pre-trade planner" testId="planner-panel">
        <p className="muted" data-testid="planner-empty-message">
          The planner sizes a trade from an account’s equity and the market’s volatility, book and regime: connect an
          account or try the demo first.
        </p>
        <AccountsEmpty />
      </Panel>
    );
  }
  return <Planner snapshot={snapshot} report={report} settings={settings} />;
}

const CAP_LABELS: Readonly<Record<SizeCapId, string>> = {
  risk: 'Risk budget',
  volatility: 'Volatility target',
  depth: 'Order-book depth',
  gross: 'Account gross leverage',
  kelly: 'Quarter Kelly',
};

function Planner({
  snapshot,
  report,
  settings,
}: {
  readonly snapshot: Snapshot;
  readonly report: RiskReport;
  readonly settings: Settings;
}) {
  const venueMarkets = useAppStore((state) => state.venueMarkets);
  const marketLoads = useAppStore((state) => state.marketLoads);
  const loadVenueMarkets = useAppStore((state) => state.loadVenueMarkets);
  const loadMarket = useAppStore((state) => state.loadMarket);
  // Markets the trader picked that the snapshot does not hold (no position), read on demand: planned like the others.
  const fetched = useMemo(
    () =>
      Object.values(marketLoads).flatMap((load) =>
        load.state === 'ok' && load.demo === snapshot.demo ? [load.market] : [],
      ),
    [marketLoads, snapshot.demo],
  );
  const data = useMemo(() => withFetchedMarkets(snapshot, fetched), [snapshot, fetched]);
  const dataReport = useMemo(
    () => (data === snapshot ? report : (computeReport(data, settings, report) ?? report)),
    [data, snapshot, report, settings],
  );
  const choices = useMemo(() => plannerChoices(data), [data]);
  const [typed, setTyped] = useState<PlannerInput>(() => defaultPlannerInput(snapshot, settings));
  const typedVenue = typed.venue;
  const listed = typedVenue === '' ? undefined : venueMarkets[typedVenue];
  // A venue where the trader holds no position has no market loaded: start on its BTC perpetual (read on demand)
  // once the venue's list arrives, as if the trader had picked it.
  const startSymbol =
    typedVenue !== '' &&
    typed.symbol === '' &&
    (choices.markets[typedVenue] ?? []).length === 0 &&
    listed?.state === 'ok'
      ? defaultListedSymbol(listed.markets)
      : null;
  const chosen = useMemo(
    () => (startSymbol === null ? typed : { ...typed, symbol: startSymbol }),
    [typed, startSymbol],
  );
  useEffect(() => {
    if (startSymbol !== null && typedVenue !== '') void loadMarket(typedVenue, startSymbol);
  }, [startSymbol, typedVenue, loadMarket]);
  // A picked market still being read (or that failed): kept as typed rather than re-based onto a loaded one.
  const pickKey = typedVenue === '' ? null : marketLoadKey(typedVenue, chosen.symbol);
  const pickLoad = pickKey === null ? undefined : marketLoads[pickKey];
  const picking =
    pickLoad !== undefined &&
    pickLoad.state !== 'ok' &&
    !(choices.markets[typedVenue as Venue] ?? []).some((m) => m.symbol === chosen.symbol);
  // What is shown and computed: the typed plan, re-based when the data changed under it (first markets arrived, a
  // market or account went away). Every change starts from this, so the screen never acts on a stale choice.
  const input = useMemo(
    () => (picking ? chosen : reconcileInput(chosen, data, settings)),
    [picking, chosen, data, settings],
  );
  const setInput = (update: (current: PlannerInput) => PlannerInput) => setTyped(() => update(input));
  const computed = useMemo(
    () => computePlan(input, { snapshot: data, report: dataReport, settings }),
    [input, data, dataReport, settings],
  );
  const pickText = !picking
    ? null
    : pickLoad.state === 'error'
      ? `Could not load ${input.symbol}: ${pickLoad.error.message}`
      : `Loading ${input.symbol} from ${input.venue === '' ? 'the venue' : VENUE_LABELS[input.venue]}…`;
  const plan: Plan =
    pickText === null
      ? computed
      : {
          ...computed,
          errors: pickLoad?.state === 'error' ? { ...computed.errors, symbol: pickText } : omitSymbol(computed.errors),
          sizeReason: pickText,
          liquidationReason: pickText,
          ladderReason: pickText,
        };
  const venue = input.venue;
  useEffect(() => {
    if (venue !== '') void loadVenueMarkets(venue);
  }, [venue, snapshot.demo, loadVenueMarkets]);

  const set = (patch: Partial<PlannerInput>) => setInput((current) => ({ ...current, ...patch }));
  const market = plan.market;

  const chooseVenue = (venue: Venue) => setInput((current) => defaultPlannerInput(data, settings, { venue }, current));
  const chooseSymbol = (symbol: string) => {
    const at = input.venue;
    if (at === '') return;
    if ((choices.markets[at] ?? []).some((m) => m.symbol === symbol)) {
      setInput((current) => defaultPlannerInput(data, settings, { venue: at, symbol }, current));
      return;
    }
    // Not held: read it, and start the entry at its mark once it arrives (unless the trader typed one meanwhile).
    setInput((current) => ({ ...current, symbol, entry: '', stopPrice: '' }));
    void loadMarket(at, symbol).then((market) => {
      if (market === null) return;
      setTyped((current) =>
        current.venue === at && current.symbol === symbol && current.entry === ''
          ? { ...current, entry: priceText(market.markPrice, market.tickSize) }
          : current,
      );
    });
  };
  const chooseStopMode = (mode: StopMode) =>
    setInput((current) => ({
      ...current,
      stopMode: mode,
      // Switching to a price starts from the stop the ATR multiple gave, so the trader edits rather than retypes.
      stopPrice:
        mode === 'price' && current.stopPrice === '' && plan.stop.value !== null && market !== null
          ? priceText(plan.stop.value, market.tickSize)
          : current.stopPrice,
    }));

  const venueOptions = choices.venues.map((v) => ({ value: v, label: VENUE_LABELS[v] }));
  const marketOptions = pickerMarkets(
    input.venue === '' ? [] : (choices.markets[input.venue] ?? []),
    listed?.state === 'ok' ? listed.markets : [],
  ).map((m) => ({
    value: m.symbol,
    label: [m.symbol, ...(m.inverse ? ['coin-margined'] : []), ...(m.held ? [] : ['no position'])].join(' · '),
  }));
  const accountOptions = (input.venue === '' ? [] : (choices.accounts[input.venue] ?? [])).map((a) => {
    const balance = data.balances.find((b) => b.accountId === a.accountId && b.currency === market?.settle);
    return {
      value: a.accountId,
      label: balance === undefined ? `${a.label} (no ${market?.settle ?? ''} balance)` : a.label,
    };
  });
  const sides: readonly { value: Side; label: string }[] = [
    { value: 'long', label: 'Long' },
    { value: 'short', label: 'Short' },
  ];
  const stopModes: readonly { value: StopMode; label: string }[] = [
    { value: 'atr', label: 'ATR multiple' },
    { value: 'price', label: 'Price' },
  ];

  return (
    <div className="planner" data-testid="planner-screen">
      {plan.stale.length > 0 && (
        <div className="callout callout--watch" role="status" data-testid="planner-stale-callout">
          {plan.stale.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </div>
      )}
      <Panel title="Plan a trade" testId="planner-form-panel" className="planner__form">
        <form className="planner__fields" onSubmit={(event) => event.preventDefault()} aria-label="Trade plan">
          <SelectField
            label="Venue"
            value={input.venue}
            options={venueOptions}
            onChange={chooseVenue}
            error={plan.errors.venue ?? null}
            emptyLabel="No venue with markets loaded"
            testId="planner-venue-select"
          />
          <SelectField
            label="Market"
            value={input.symbol}
            options={marketOptions}
            onChange={chooseSymbol}
            error={plan.errors.symbol ?? null}
            emptyLabel="No market loaded"
            hint={
              <span data-testid="planner-symbol-hint">
                {listHint(input.venue, listed)} Coin-margined (inverse) markets are sized in contracts of a fixed USD
                value and risk the coin balance.
              </span>
            }
            testId="planner-symbol-select"
          />
          {pickText !== null && pickLoad?.state === 'loading' && (
            <p className="muted" role="status" data-testid="planner-symbol-loading">
              {pickText}
            </p>
          )}
          {pickLoad?.state === 'error' && picking && (
            <p>
              <button
                type="button"
                className="link"
                onClick={() => chooseSymbol(input.symbol)}
                data-testid="planner-symbol-retry-button"
              >
                Try {input.symbol} again
              </button>
            </p>
          )}
          <Segmented
            label="Side"
            value={input.side}
            options={sides}
            onChange={(side) => set({ side })}
            testId="planner-side-segmented"
          />
          <Field
            label="Entry price"
            value={input.entry}
            onChange={(entry) => set({ entry })}
            error={plan.errors.entry ?? null}
            unit={market?.quote}
            hint={
              market === null ? undefined : (
                <>
                  Mark {fmtPrice(market.markPrice)}{' '}
                  <button
                    type="button"
                    className="link"
                    onClick={() => set({ entry: priceText(market.markPrice, market.tickSize) })}
                    data-testid="planner-entry-mark-button"
                  >
                    use the mark
                  </button>
                </>
              )
            }
            testId="planner-entry-input"
          />
          <Segmented
            label="Stop"
            value={input.stopMode}
            options={stopModes}
            onChange={chooseStopMode}
            testId="planner-stop-mode-segmented"
          />
          {input.stopMode === 'price' ? (
            <Field
              label="Stop price"
              value={input.stopPrice}
              onChange={(stopPrice) => set({ stopPrice })}
              error={plan.errors.stopPrice ?? null}
              unit={market?.quote}
              hint={stopHint(plan)}
              testId="planner-stop-input"
            />
          ) : (
            <Field
              label="Stop distance"
              value={input.atrMultiple}
              onChange={(atrMultiple) => set({ atrMultiple })}
              error={plan.errors.atrMultiple ?? null}
              unit="× ATR(14)"
              hint={stopHint(plan)}
              testId="planner-atr-input"
            />
          )}
          <Field
            label="Risk per trade"
            value={input.riskPercent}
            onChange={(riskPercent) => set({ riskPercent })}
            error={plan.errors.riskPercent ?? null}
            unit="% of equity"
            hint={`Settings: ${fmt(settings.riskPercent, 2)} %. Lost if the stop fills, fees and slippage included.`}
            testId="planner-risk-input"
          />
          <Field
            label="Leverage (isolated)"
            value={input.leverage}
            onChange={(leverage) => set({ leverage })}
            error={plan.errors.leverage ?? null}
            unit="×"
            hint={leverageHint(plan, (value) => set({ leverage: value }))}
            testId="planner-leverage-input"
          />
          <SelectField
            label="Equity of"
            value={input.accountId}
            options={accountOptions}
            onChange={(accountId) => set({ accountId })}
            error={plan.errors.account ?? null}
            emptyLabel="No account on this venue"
            hint={
              plan.equity.value === null ? undefined : <span data-testid="planner-equity-hint">{equityHint(plan)}</span>
            }
            testId="planner-account-select"
          />
          <label className="checkbox planner__check">
            <input
              type="checkbox"
              checked={input.countOpenPositions}
              onChange={(event) => set({ countOpenPositions: event.target.checked })}
              data-testid="planner-count-open-input"
            />
            <span>
              Count the account’s open positions ({fmt(plan.openGross, 0)}{' '}
              {plan.inverse === null ? (plan.currency ?? '') : `USD in ${plan.inverse.coin}-margined contracts`} gross)
              toward its gross-leverage cap. Untick to plan as if the account held nothing else.
            </span>
          </label>
        </form>
      </Panel>
      <div className="planner__results">
        {plan.inverse !== null && plan.market !== null && (
          <p className="callout callout--info planner__wide" role="note" data-testid="planner-inverse-note">
            {plan.market.symbol} is coin-margined (inverse): sizes are in contracts of ${fmt(plan.inverse.faceValue, 0)}
            , and profit, loss, fees, margin and the risk budget are in {plan.inverse.coin}, taken from the account’s{' '}
            {plan.inverse.coin} equity.
          </p>
        )}
        <SizePanel plan={plan} />
        <LiquidationPanel plan={plan} />
        <RegimePanel plan={plan} />
        <LadderPanel plan={plan} />
      </div>
    </div>
  );
}

// ---- helpers ----

function omitSymbol(errors: Plan['errors']): Plan['errors'] {
  return Object.fromEntries(Object.entries(errors).filter(([field]) => field !== 'symbol'));
}

/** What the market list holds, in words: the venue's full list, or why only the held markets are offered. */
function listHint(venue: Venue | '', load: VenueMarketsLoad | undefined): string {
  const name = venue === '' ? 'the venue' : VENUE_LABELS[venue];
  if (load === undefined || load.state === 'loading') return `Markets you hold first; loading every ${name} market…`;
  if (load.state === 'error')
    return `Only the markets you hold are listed: ${name}’s full list could not be read (${load.error.message}).`;
  return `Markets you hold first, then every other ${name} perpetual.`;
}

/** A number, or "—" with the reason on hover; never NaN, Infinity or blank. */
function Figure({
  shown,
  format,
  testId,
}: {
  readonly shown: Shown;
  readonly format: (v: number) => string;
  readonly testId?: string;
}) {
  if (shown.value === null || !Number.isFinite(shown.value))
    return (
      <span className="dim" title={shown.reason ?? 'not available'} data-testid={testId}>
        —
      </span>
    );
  return <span data-testid={testId}>{format(shown.value)}</span>;
}

const some = (value: number | null | undefined, reason: string): Shown =>
  value === null || value === undefined || !Number.isFinite(value) ? { value: null, reason } : { value, reason: null };

function stopHint(plan: Plan) {
  if (plan.market === null) return undefined;
  const parts: string[] = [];
  if (plan.atr.value !== null) parts.push(`ATR(14) ${fmtPrice(plan.atr.value)}`);
  if (plan.stop.value !== null && plan.entry !== null) {
    parts.push(
      `stop ${fmtPrice(plan.stop.value)} (${fmtPct(Math.abs(plan.entry - plan.stop.value) / plan.entry)} from entry)`,
    );
  }
  return parts.length === 0 ? undefined : parts.join(' · ');
}

function leverageHint(plan: Plan, use: (value: string) => void) {
  const lev = plan.size?.leverage ?? null;
  const max = plan.maxLeverage === null ? null : `venue max ${fmt(plan.maxLeverage, 0)}×`;
  if (lev === null) return max ?? undefined;
  return (
    <>
      Suggested {fmt(lev.suggested, 0)}× ({lev.binding === 'regime' ? 'regime cap' : 'from the stop'})
      {max === null ? '' : ` · ${max}`}{' '}
      <button
        type="button"
        className="link"
        onClick={() => use(String(lev.suggested))}
        data-testid="planner-leverage-use-button"
      >
        use {fmt(lev.suggested, 0)}×
      </button>
    </>
  );
}

function qtyDigits(plan: Plan): number {
  const m = plan.market;
  if (m === null) return 4;
  return Math.max(stepDecimals(plan.inverse === null ? m.amountStep * m.contractSize : m.amountStep), 0);
}

/**
 * A size in the market's unit: base units (linear), contracts (inverse). `exact` shows a cap with two decimals more
 * than the lot (fractional contracts for inverse), so it is not read as rounded up past the floored suggestion
 * (a 0.0098 BTC cap beside a 0.009 BTC size read "0.010 BTC").
 */
function sizeText(plan: Plan, quantity: number, exact = false): string {
  const digits = qtyDigits(plan);
  if (plan.inverse !== null)
    return `${fmt(quantity, exact ? Math.max(digits, 2) : digits)} ${quantity === 1 ? 'contract' : 'contracts'}`;
  return `${fmt(quantity, exact ? digits + 2 : digits)} ${plan.market?.base ?? ''}`;
}

/** Money in the settle currency: 2 decimals for USD-like margin, 6 for a coin (inverse). */
function money(plan: Plan, value: number): string {
  return `${fmt(value, plan.inverse === null ? 2 : 6)} ${plan.currency ?? ''}`;
}

/** Which equity sizes the trade, shown under the account picker. */
function equityHint(plan: Plan): string | undefined {
  const e = plan.equity.value;
  if (e === null) return undefined;
  if (plan.inverse === null)
    return `Equity ${fmt(e)} ${plan.currency ?? ''}; open gross ${fmt(plan.openGross, 0)} (${fmt(plan.openGross / e, 2)}×).`;
  const usd = plan.inverse.equityUsd;
  return (
    `Risk budget from this account’s ${plan.inverse.coin} equity, ${fmt(e, 6)} ${plan.inverse.coin}` +
    (usd === null || !(usd > 0)
      ? '.'
      : ` (≈ ${fmt(usd, 0)} USD at the entry); open gross ${fmt(plan.openGross, 0)} USD (${fmt(plan.openGross / usd, 2)}×).`)
  );
}

// ---- panels ----

function SizePanel({ plan }: { readonly plan: Plan }) {
  const size = plan.size;
  const base = plan.market?.base ?? '';
  const digits = qtyDigits(plan);
  const title =
    plan.inverse === null ? 'Suggested size' : `Suggested size (contracts of $${fmt(plan.inverse.faceValue, 0)})`;
  return (
    <Panel title={title} testId="planner-size-panel" className="planner__wide">
      {size === null ? (
        <p className="muted" data-testid="planner-size-blocked">
          {plan.sizeReason ?? 'Not available.'}
        </p>
      ) : size.quantity === 0 ? (
        <>
          <p className="planner__headline" data-testid="planner-size-value">
            No size fits
          </p>
          <p className="planner__reason" data-testid="planner-size-reason">
            {capitalise(size.reason)}.
          </p>
          <CapsTable plan={plan} />
        </>
      ) : (
        <>
          {plan.inverse === null ? (
            <p className="planner__headline">
              <span data-testid="planner-size-value">
                {fmt(size.quantity, digits)} {base}
              </span>{' '}
              <span className="dim">
                ≈ {fmt(size.notional, 0)} {plan.currency} notional · {fmtPct(size.riskFraction)} of{' '}
                <Figure shown={plan.equity} format={(v) => fmt(v, 0)} /> {plan.currency} at risk
              </span>
            </p>
          ) : (
            <p className="planner__headline">
              <span data-testid="planner-size-value">{sizeText(plan, size.quantity)}</span>{' '}
              <span className="dim" data-testid="planner-size-contract-value">
                of ${fmt(plan.inverse.faceValue, 0)} = {fmt(size.notional, 0)} USD ≈{' '}
                {plan.entry === null ? '—' : fmt(size.notional / plan.entry, 6)} {plan.inverse.coin} at the entry ·{' '}
                {fmtPct(size.riskFraction)} of <Figure shown={plan.equity} format={(v) => fmt(v, 6)} />{' '}
                {plan.inverse.coin} at risk
              </span>
            </p>
          )}
          <p className="planner__reason" data-testid="planner-size-reason">
            {capitalise(size.reason)}.
          </p>
          <CapsTable plan={plan} />
        </>
      )}
    </Panel>
  );
}

function CapsTable({ plan }: { readonly plan: Plan }) {
  if (plan.size === null) return null;
  const size = plan.size;
  const entry = plan.entry;
  // Notional of a cap: base × entry (linear, settle currency); contracts × F (inverse, USD).
  const face = plan.inverse?.faceValue ?? null;
  const notionalOf = entry === null ? null : face === null ? (q: number) => q * entry : (q: number) => q * face;
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="planner-caps-table">
        <caption className="visually-hidden">Every size cap; the smallest binds</caption>
        <thead>
          <tr>
            <th scope="col">Cap</th>
            <th scope="col">Size</th>
            <th scope="col">{plan.inverse === null ? 'Notional' : 'Notional (USD)'}</th>
            <th scope="col" className="text">
              Why
            </th>
          </tr>
        </thead>
        <tbody>
          {size.caps.map((cap) => (
            <CapRow
              key={cap.id}
              cap={cap}
              binding={size.binding === cap.id}
              quantityText={(q) => sizeText(plan, q, true)}
              notionalOf={notionalOf}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CapRow({
  cap,
  binding,
  quantityText,
  notionalOf,
}: {
  readonly cap: SizeCap;
  readonly binding: boolean;
  readonly quantityText: (quantity: number) => string;
  readonly notionalOf: ((quantity: number) => number) | null;
}) {
  const q = some(cap.quantity, cap.reason);
  return (
    <tr
      className={binding ? 'planner__binding' : undefined}
      data-testid={`planner-cap-${cap.id}-row`}
      data-binding={binding}
    >
      <td>
        {CAP_LABELS[cap.id]} {binding && <Badge tone="info">binding</Badge>}
      </td>
      <td>
        <Figure shown={q} format={quantityText} />
      </td>
      <td>
        <Figure
          shown={notionalOf === null ? { value: null, reason: 'no entry' } : q}
          format={(v) => fmt(notionalOf === null ? v : notionalOf(v), 0)}
        />
      </td>
      <td className="text planner__why">{cap.reason}</td>
    </tr>
  );
}

function LiquidationPanel({ plan }: { readonly plan: Plan }) {
  const liq = plan.liquidation;
  const lev = plan.size?.leverage ?? null;
  return (
    <Panel title="Liquidation and touch probability" testId="planner-liquidation-panel">
      {liq === null ? (
        <p className="muted" data-testid="planner-liquidation-blocked">
          {plan.liquidationReason ?? 'Not available.'}
        </p>
      ) : (
        <>
          <dl className="planner__figures">
            <div>
              <dt>Liquidation at {fmt(liq.leverage, 2)}×</dt>
              <dd>
                <Figure shown={liq.price} format={fmtPrice} testId="planner-liq-value" />
              </dd>
            </div>
            <div>
              <dt>Distance from entry</dt>
              <dd data-testid="planner-liq-distance">
                <Figure
                  shown={some(liq.distance?.fraction, liq.price.reason ?? 'no liquidation price')}
                  format={(v) => fmtPct(v)}
                />
                {' · '}
                <Figure shown={some(liq.distance?.atr, 'no ATR')} format={(v) => `${fmt(v, 2)} ATR`} />
                {' · '}
                <Figure
                  shown={some(liq.distance?.sigma, 'no volatility estimate')}
                  format={(v) => `${fmt(v, 2)} daily σ`}
                />
              </dd>
            </div>
            <div>
              <dt>Margin posted</dt>
              <dd>
                <Figure shown={liq.margin} format={(v) => money(plan, v)} />
              </dd>
            </div>
            <div>
              <dt title="Probability the mark touches the liquidation price within 24 h: the largest of the Gaussian, stressed-σ and jump-overlay figures (risk-method.md §2.3)">
                24 h touch of liquidation
              </dt>
              <dd>
                <Figure
                  shown={some(liq.touch24h?.fat, liq.touchReason ?? 'not available')}
                  format={probability}
                  testId="planner-touch-value"
                />{' '}
                <span className="dim">
                  (Gaussian{' '}
                  <Figure
                    shown={some(liq.touch24h?.gaussian, liq.touchReason ?? 'not available')}
                    format={probability}
                  />
                  )
                </span>
              </dd>
            </div>
            <div>
              <dt title="Probability the mark touches your stop within 24 h (Gaussian, driftless)">
                24 h touch of the stop
              </dt>
              <dd>
                <Figure shown={plan.stopTouch24h} format={(v) => fmtPct(v)} testId="planner-stop-touch-value" />
              </dd>
            </div>
          </dl>
          {liq.warning !== null && (
            <p className="callout callout--danger" role="alert" data-testid="planner-liquidation-warning">
              {liq.warning}
            </p>
          )}
        </>
      )}
      {lev !== null && (
        <p className="planner__reason" data-testid="planner-leverage-reason">
          Suggested leverage {fmt(lev.suggested, 0)}×: {lev.reason};{' '}
          {Number.isFinite(lev.liquidationPrice)
            ? `at ${fmt(lev.suggested, 0)}× liquidation sits near ${fmtPrice(lev.liquidationPrice)}`
            : `at ${fmt(lev.suggested, 0)}× the ${plan.currency ?? 'coin'} margin covers any rise (no liquidation price)`}
          .
        </p>
      )}
    </Panel>
  );
}

function RegimePanel({ plan }: { readonly plan: Plan }) {
  const regime = plan.regime;
  return (
    <Panel title="Market regime" testId="planner-regime-panel">
      {regime === null ? (
        <p className="muted" data-testid="planner-regime-text">
          {plan.market === null ? 'Choose a market.' : 'No regime for this market: NORMAL assumed.'}
        </p>
      ) : (
        <>
          <p>
            <Badge tone={REGIME_TONE[regime.state]} testId="planner-regime-badge">
              {regime.state}
            </Badge>{' '}
            <span className="dim">
              score <Figure shown={some(regime.score, 'no signal present')} format={(v) => fmt(v, 2)} /> · signals
              present {fmtPct(regime.confidence, 0)}
            </span>
          </p>
          <p data-testid="planner-regime-text">{regime.sentence}</p>
          {regime.changes.length > 0 && (
            <ul className="planner__changes" data-testid="planner-regime-changes">
              {regime.changes.map((change) => (
                <li key={change}>{change}</li>
              ))}
            </ul>
          )}
        </>
      )}
      {plan.assumptions.length > 0 && (
        <p className="field__hint" data-testid="planner-assumptions">
          Assumed: {[...new Set(plan.assumptions)].join('; ')}.
        </p>
      )}
    </Panel>
  );
}

function LadderPanel({ plan }: { readonly plan: Plan }) {
  const ladder = plan.ladder;

  // The ladder counts base units; an inverse rung is shown as its order's whole contracts.
  const rungSize = (tranche: number, quantity: number): number =>
    plan.inverse === null
      ? quantity
      : (ladder?.orders.find((o) => o.tranche === tranche)?.amount ??
        Math.round((quantity * (plan.entry ?? 0)) / plan.inverse.faceValue));
  return (
    <Panel title="Stop ladder" testId="planner-ladder-panel" className="planner__wide">
      {ladder === null ? (
        <p className="muted" data-testid="planner-ladder-blocked">
          {plan.ladderReason ?? 'Not available.'}
        </p>
      ) : (
        <>
          <p className="planner__reason">
            {ladder.rungs.tranche.length} reduce-only stop-market orders triggered on the mark price, the deepest at
            your stop (a rung marked ⤳ was moved past a round number, where stops cluster). Loss if every rung fills:{' '}
            <strong data-testid="planner-ladder-worst">{money(plan, ladder.worstCaseLoss)}</strong> (budget{' '}
            {money(plan, ladder.riskBudget)}); expected over {fmt(ladder.horizonDays, 0)} days:{' '}
            <Figure shown={some(ladder.expectedLoss, 'no volatility estimate')} format={(v) => money(plan, v)} />.
            {plan.ladderMaxLeverage !== null && (
              <>
                {' '}
                For the deepest fill to come before liquidation with a {fmtPct(ladder.liquidation.buffer)} buffer, use
                at most <span data-testid="planner-ladder-max-leverage">{fmt(plan.ladderMaxLeverage, 0)}×</span> (
                {plan.inverse === null || plan.market === null
                  ? ''
                  : `${VENUE_LABELS[plan.market.venue]}’s own inverse liquidation model; `}
                with the regime cap:{' '}
                <Figure
                  shown={some(
                    Math.min(plan.ladderMaxLeverage, ladder.liquidation.suggestedLeverage ?? Infinity),
                    'none fits',
                  )}
                  format={(v) => `${fmt(v, 0)}×`}
                />
                ).
              </>
            )}
          </p>
          <div className="table-wrap">
            <table className="data-table" data-testid="planner-ladder-table">
              <caption className="visually-hidden">Suggested stop ladder</caption>
              <thead>
                <tr>
                  <th scope="col">Rung</th>
                  <th scope="col">Weight</th>
                  <th scope="col">ATR ×</th>
                  <th scope="col">Trigger</th>
                  <th scope="col">{plan.inverse === null ? 'Size' : 'Contracts'}</th>
                  <th scope="col">Expected fill</th>
                  <th scope="col">Slippage</th>
                  <th scope="col">Loss if filled</th>
                  <th scope="col" title="Probability the mark touches the trigger within 7 days">
                    Touch 7 d
                  </th>
                </tr>
              </thead>
              <tbody>
                {ladderRungList(ladder.rungs).map((rung) => (
                  <tr key={rung.tranche} data-testid="planner-ladder-row">
                    <td>{rung.tranche}</td>
                    <td>{fmtPct(rung.weight, 0)}</td>
                    <td>{fmt(rung.atrMultiple, 2)}</td>
                    <td
                      title={
                        rung.movedFrom === null ? undefined : `moved off the round number ${fmtPrice(rung.movedFrom)}`
                      }
                    >
                      {fmtPrice(rung.trigger)}
                      {rung.movedFrom !== null && <span className="dim"> ⤳</span>}
                    </td>
                    <td>{sizeText(plan, rungSize(rung.tranche, rung.quantity))}</td>
                    <td>{fmtPrice(rung.fill)}</td>
                    <td>{fmtPct(rung.slippage)}</td>
                    <td>{money(plan, rung.loss)}</td>
                    <td>
                      <Figure
                        shown={some(rung.touchProbability, 'no volatility estimate')}
                        format={(v) => fmtPct(v, 1)}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {ladder.problems.length > 0 && (
            <ul className="planner__problems" data-testid="planner-ladder-problems">
              {ladder.problems.map((problem) => {
                const { detail, fix } = ladderProblemText(problem);
                return (
                  <li key={detail}>
                    {capitalise(detail)}: {fix}.
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
    </Panel>
  );
}

/** A probability as a percentage; below 0.0001 % it says so rather than printing zeros. */
function probability(p: number): string {
  if (p < 1e-6) return '< 0.0001 %';
  return fmtPct(p, p < 0.001 ? 4 : 2);
}

const capitalise = (s: string) => (s === '' ? s : (s[0]?.toUpperCase() ?? '') + s.slice(1));
