import type { Account } from '../domain/account';
import {
  ChecklistSchema,
  type Checklist,
  type ChecklistAccount,
  type ChecklistItem,
  type ChecklistMarket,
  type ChecklistPosition,
  type ChecklistSection,
  type ChecklistSetting,
  type ChecklistVenue,
} from '../domain/checklist';
import type { SuggestedOrder } from '../domain/order';
import type {
  AccountRisk,
  Figure,
  MarketRisk,
  PositionRisk,
  RiskReport,
  RiskWarning,
  Severity,
  Suggestion,
} from '../domain/risk-report';
import type { Settings } from '../domain/settings';
import type { Snapshot, SourceStatus } from '../domain/snapshot';
import { VENUE_LABELS, type Venue } from '../domain/venue';
import { fmt, fmtPct, fmtPrice } from '../risk/format';
import { positionLadderOrders } from '../risk/ladder-orders';
import { reportLadderOnDemand } from '../risk/position-ladder';
import { suggestionText } from '../risk/suggestion-text';
import { warningText } from '../risk/warning-text';
import {
  cmp,
  fmtAmount,
  fmtSignedPct,
  fmtTrim,
  formatUtc,
  redactInPlace,
  SEVERITIES_WORST_FIRST,
  severityRank,
} from './text';

export interface ChecklistMeta {
  /** When the checklist is made (the caller's clock; shared/ reads none). */
  readonly generatedAt: number;
  readonly appVersion: string;
  readonly appName?: string;
  /** Overrides the default title. */
  readonly title?: string;
}

export const DEFAULT_APP_NAME = 'Liquidation Guard';
export const CHECKLIST_TITLE = 'Pre-trade risk checklist';

const NOTES = [
  'Liquidation Guard never places an order: every suggested order here is for you to review and place yourself (stop-market, reduce-only).',
  'Liquidation prices trigger on the mark price. "Ours" is computed with the venue’s own formula; where the exchange reports a different figure beyond the tolerance, both are shown.',
];
const DEMO_NOTE = 'Demo data from the built-in exchange simulator (flash sell-off scenario), not your accounts.';

/** Suggestions of one subject, in the order a trader acts on them: size first, then margin and leverage, then stops. */
const SUGGESTION_ORDER: readonly Suggestion['kind'][] = [
  'reduce_position',
  'add_margin',
  'leverage_cap',
  'isolate_high_beta',
  'reduce_gross_exposure',
  'stop_ladder',
];

const value = (f: Figure): number | null => f.value;
const dash = '–';

/**
 * Builds the pre-trade checklist from a risk report and the snapshot it was computed from. Pure and deterministic:
 * the same inputs give the same checklist (and every formatter the same bytes). Every warning and suggestion of the
 * report appears exactly once, under its position, account or market, or under `general` when its subject is unknown.
 */
export function buildChecklist(
  report: RiskReport,
  snapshot: Snapshot,
  settings: Settings,
  meta: ChecklistMeta,
): Checklist {
  const accountsById = new Map(snapshot.accounts.map((a) => [a.accountId, a]));
  const accountName = (accountId: string, venue: Venue): string =>
    nameOf(accountsById.get(accountId), accountId, venue);

  // Warnings and suggestions by subject, in report order (one pass, so 500 positions stay cheap).
  const usedWarnings = new Set<RiskWarning>();
  const usedSuggestions = new Set<Suggestion>();
  const warningsBySubject = groupBySubject(report.warnings);
  const suggestionsBySubject = groupBySubject(report.suggestions);
  const warningsOf = (kind: RiskWarning['subject']['kind'], id: string) =>
    (warningsBySubject.get(`${kind}|${id}`) ?? []).filter((w) => !usedWarnings.has(w));
  // The report keeps the ladder rungs of at-risk positions only; any other position's are made again here.
  const withLadder = (p: PositionRisk): PositionRisk => {
    const ladder = reportLadderOnDemand(report, snapshot, settings, p);
    return ladder === null ? p : { ...p, ladder };
  };
  const suggestionsOf = (kind: Suggestion['subject']['kind'], id: string) =>
    (suggestionsBySubject.get(`${kind}|${id}`) ?? [])
      .filter((s) => !usedSuggestions.has(s))
      .sort((a, b) => SUGGESTION_ORDER.indexOf(a.kind) - SUGGESTION_ORDER.indexOf(b.kind));

  // ---- data sources ----
  const venues: ChecklistVenue[] = snapshot.statuses
    .map((s) => venueOf(s, accountName(s.accountId, s.venue), snapshot.takenAt))
    .sort((a, b) => cmp(a.venue, b.venue) || cmp(a.name, b.name) || cmp(a.accountId, b.accountId));

  // ---- positions, worst first ----
  const positions: ChecklistPosition[] = [...report.positions].sort(comparePositions).map((p) => {
    const counter = itemCounter('position', p.positionId);
    const label = `${p.symbol} ${p.side}`;
    const items: ChecklistItem[] = [];
    for (const w of warningsOf('position', p.positionId)) {
      usedWarnings.add(w);
      items.push(counter(w.severity, 'warning', w.code, warningText(w), null));
    }
    for (const s of suggestionsOf('position', p.positionId)) {
      usedSuggestions.add(s);
      items.push(
        ...suggestionItems(s, p.severity, counter, {
          label,
          base: p.base,
          settle: p.settle,
          quantity: p.quantityBase,
          inverse: p.kind === 'inverse',
          orders: s.kind === 'stop_ladder' ? positionLadderOrders(withLadder(p)) : undefined,
        }),
      );
    }
    return positionOf(
      p,
      accountName(p.accountId, p.venue),
      shortName(accountsById.get(p.accountId), p.accountId),
      items,
      report.stressShocks,
    );
  });

  // ---- accounts (per settlement currency) ----
  const accounts: ChecklistAccount[] = report.accounts.map((a) => {
    const subjectId = `${a.accountId}|${a.currency}`;
    const counter = itemCounter('account', subjectId);
    const name = accountName(a.accountId, a.venue);
    const items: ChecklistItem[] = [];
    for (const w of warningsOf('account', subjectId)) {
      usedWarnings.add(w);
      items.push(counter(w.severity, 'warning', w.code, warningText(w), null));
    }
    for (const s of suggestionsOf('account', subjectId)) {
      usedSuggestions.add(s);
      items.push(
        ...suggestionItems(s, a.worstSeverity, counter, {
          label: `${name} (${a.currency})`,
          base: a.currency,
          settle: a.currency,
          quantity: null,
          highBeta: a.crossStress?.highBeta ?? [],
        }),
      );
    }
    return accountOf(a, subjectId, name, items);
  });

  // ---- markets: the regime summary ----
  const markets: ChecklistMarket[] = report.markets.map((m) => {
    const counter = itemCounter('market', m.marketKey);
    const items: ChecklistItem[] = [];
    for (const w of warningsOf('market', m.marketKey)) {
      usedWarnings.add(w);
      items.push(counter(w.severity, 'warning', w.code, warningText(w), null));
    }
    for (const s of suggestionsOf('market', m.marketKey)) {
      usedSuggestions.add(s);
      items.push(
        ...suggestionItems(s, 'watch', counter, { label: m.symbol, base: m.base, settle: m.base, quantity: null }),
      );
    }
    return marketOf(m, items);
  });

  // ---- whatever names a subject the report does not list ----
  const general: ChecklistItem[] = [];
  const generalCounter = itemCounter('general', '');
  for (const w of report.warnings) {
    if (usedWarnings.has(w)) continue;
    general.push(generalCounter(w.severity, 'warning', w.code, warningText(w), null));
  }
  for (const s of report.suggestions) {
    if (usedSuggestions.has(s)) continue;
    general.push(
      ...suggestionItems(s, 'watch', generalCounter, {
        label: s.subject.id,
        base: s.unit ?? '',
        settle: s.unit ?? '',
        quantity: null,
      }),
    );
  }

  // ---- stress ----
  const byId = new Map(report.positions.map((p) => [p.positionId, p]));
  const stressPositions = positions.map((cp) => {
    const p = byId.get(cp.positionId);
    const hit = p === undefined ? null : mildestLiquidation(p, report.stressShocks);
    const label = `${cp.symbol} ${cp.side} · ${cp.account}`;
    // The beta says how the BTC shock reaches this asset: the trader can see why a position does or does not liquidate.
    const beta = p?.beta.value ?? null;
    const b = beta === null ? '' : `β ${fmt(beta, 2)}`;
    return {
      positionId: cp.positionId,
      label,
      liquidatesAt: hit?.shock ?? null,
      text:
        hit === null
          ? p !== undefined && p.liquidation.used.value === null
            ? 'no liquidation price: not assessed'
            : `not liquidated within the grid${b === '' ? '' : ` (${b})`}`
          : `liquidated at BTC ${fmtSignedPct(hit.shock, 0)} (${cp.base} ${fmtSignedPct(hit.assetMove, 1)}${b === '' ? '' : `, ${b}`})`,
    };
  });
  const stressAccounts = report.accounts
    .filter((a) => a.crossStress !== null)
    .map((a) =>
      crossStressOf(a, `${a.accountId}|${a.currency}`, `${accountName(a.accountId, a.venue)} (${a.currency})`),
    );

  const bySeverity = report.summary.bySeverity;
  const checklist: Checklist = {
    schemaVersion: 1,
    title: meta.title ?? (snapshot.demo ? `${CHECKLIST_TITLE} (demo data)` : CHECKLIST_TITLE),
    app: { name: meta.appName ?? DEFAULT_APP_NAME, version: meta.appVersion },
    generatedAt: Math.trunc(meta.generatedAt),
    dataTakenAt: snapshot.takenAt,
    demo: snapshot.demo,
    summary: {
      positions: report.summary.positions,
      worstSeverity: report.summary.worstSeverity,
      bySeverity: { ...bySeverity },
      atRisk: bySeverity.danger + bySeverity.critical,
      sourcesNotOk: venues.filter((v) => v.state !== 'ok').length,
      line: summaryLine(report),
    },
    venues,
    positions,
    accounts,
    markets,
    stress: { shocks: [...report.stressShocks], positions: stressPositions, accounts: stressAccounts },
    general,
    settings: settingsOf(settings, report.stressShocks),
    notes: snapshot.demo ? [DEMO_NOTE, ...NOTES] : [...NOTES],
  };
  // Parsing fixes the key order (schema order, whatever order the inputs had), checks every number is finite and
  // returns a fresh copy, which is then redacted in place.
  return redactInPlace(ChecklistSchema.parse(checklist));
}

/** Every checklist line in document order: data sources, positions, accounts, markets, general. */
export function checklistItems(c: Checklist): ChecklistItem[] {
  return [
    ...c.venues.map((v) => v.item),
    ...c.positions.flatMap((p) => p.items),
    ...c.accounts.flatMap((a) => a.items),
    ...c.markets.flatMap((m) => m.items),
    ...c.general,
  ];
}

/** `3 positions: 1 critical, 1 danger, 1 safe` (worst first, zero counts left out). */
export function summaryLine(report: Pick<RiskReport, 'summary'>): string {
  const { positions, bySeverity } = report.summary;
  const parts = SEVERITIES_WORST_FIRST.filter((s) => bySeverity[s] > 0).map((s) => `${bySeverity[s]} ${s}`);
  const head = `${positions} position${positions === 1 ? '' : 's'}`;
  return parts.length === 0 ? head : `${head}: ${parts.join(', ')}`;
}

// ---- pieces ----

function groupBySubject<T extends { readonly subject: { readonly kind: string; readonly id: string } }>(
  xs: readonly T[],
): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const x of xs) {
    const key = `${x.subject.kind}|${x.subject.id}`;
    const list = map.get(key);
    if (list === undefined) map.set(key, [x]);
    else list.push(x);
  }
  return map;
}

type Counter = (
  severity: Severity,
  kind: ChecklistItem['kind'],
  code: string,
  text: string,
  detail: string | null,
) => ChecklistItem;

function itemCounter(section: ChecklistSection, subjectId: string): Counter {
  let n = 0;
  return (severity, kind, code, text, detail) => {
    n += 1;
    return { id: `${section}:${subjectId}:${n}`, section, subjectId, severity, kind, code, text, detail };
  };
}

function nameOf(account: Account | undefined, accountId: string, venue: Venue): string {
  if (account === undefined) return `${VENUE_LABELS[venue]} · ${accountId}`;
  return `${VENUE_LABELS[account.venue]} · ${account.label} (${account.keyHint})`;
}

/** `Main (…abcd)`: the account's name without its venue, for tables that show the venue beside it. */
function shortName(account: Account | undefined, accountId: string): string {
  return account === undefined ? accountId : `${account.label} (${account.keyHint})`;
}

function comparePositions(a: PositionRisk, b: PositionRisk): number {
  const nullsLast = (x: number | null, y: number | null, dir: 1 | -1): number =>
    x === null ? (y === null ? 0 : 1) : y === null ? -1 : dir * (x - y);
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    nullsLast(a.touch24h.fat, b.touch24h.fat, -1) ||
    nullsLast(a.distance.sigma, b.distance.sigma, 1) ||
    nullsLast(a.distance.fraction, b.distance.fraction, 1) ||
    cmp(a.positionId, b.positionId)
  );
}

const STATE_SEVERITY: Readonly<Record<SourceStatus['state'], Severity>> = {
  ok: 'safe',
  loading: 'watch',
  stale: 'watch',
  error: 'danger',
};

function venueOf(s: SourceStatus, name: string, takenAt: number): ChecklistVenue {
  const message = s.error?.message ?? null;
  const status =
    s.state === 'ok'
      ? `ok, data at ${formatUtc(s.lastOkAt ?? takenAt)}`
      : s.state === 'stale'
        ? `stale since ${s.lastOkAt === null ? 'the first refresh' : formatUtc(s.lastOkAt)}${message === null ? '' : `: ${message}`}`
        : s.state === 'error'
          ? `error: ${message ?? 'no data could be read'}`
          : 'loading: no data yet';
  const detail =
    s.state === 'ok'
      ? null
      : s.state === 'stale'
        ? 'The figures for this account are from its last good read; refresh before trading.'
        : 'This account is missing from the checklist; fix the problem and refresh before trading.';
  return {
    accountId: s.accountId,
    venue: s.venue,
    name,
    state: s.state,
    lastOkAt: s.lastOkAt,
    status,
    item: {
      id: `data:${s.accountId}:1`,
      section: 'data',
      subjectId: s.accountId,
      severity: STATE_SEVERITY[s.state],
      kind: 'status',
      code: s.state,
      text: `${name}: ${status}`,
      detail,
    },
  };
}

const price = (f: Figure): string => (f.value === null ? dash : fmtPrice(f.value));

function positionOf(
  p: PositionRisk,
  account: string,
  accountCell: string,
  items: ChecklistItem[],
  shocks: readonly number[],
): ChecklistPosition {
  const lp = p.liquidation.used;
  const ex = p.liquidation.exchange;
  const d = p.distance;
  const q = p.quantityBase;
  const lev = value(p.leverage);
  const notional = p.notionalUsd;
  const touch = p.touch24h.fat;
  let liquidation = price(lp);
  if (lp.value !== null && lp.source === 'exchange') liquidation += ' (exchange)';
  if (p.liquidation.discrepancy?.exceeds === true && ex.value !== null && lp.source !== 'exchange') {
    liquidation += ` vs exchange ${fmtPrice(ex.value)}`;
  }
  const distance =
    d.fraction === null ? dash : `${fmtPct(d.fraction)}${d.sigma === null ? '' : ` · ${fmt(d.sigma, 2)} σ`}`;
  const hit = mildestLiquidation(p, shocks);
  return {
    positionId: p.positionId,
    accountId: p.accountId,
    account,
    venue: p.venue,
    symbol: p.symbol,
    base: p.base,
    settle: p.settle,
    side: p.side,
    marginMode: p.marginMode,
    severity: p.severity,
    severityReasons: [...p.severityReasons],
    quantityBase: q,
    notionalUsd: notional,
    leverage: lev,
    entryPrice: p.entryPrice,
    markPrice: value(p.markPrice),
    liquidationPrice: lp.value,
    liquidationSource: lp.value === null ? null : lp.source,
    exchangeLiquidationPrice: ex.value,
    liquidationNote: lp.value === null ? (lp.reason ?? 'no liquidation price') : null,
    distanceFraction: d.fraction,
    distanceSigma: d.sigma,
    touch24h: touch,
    stressLiquidatesAt: hit?.shock ?? null,
    cells: {
      account: accountCell,
      size: `${fmtAmount(q)} ${p.base}`,
      notional: `${fmt(notional, 0)} USD`,
      leverage: lev === null ? dash : `${fmtTrim(lev, 1)}×`,
      entry: fmtPrice(p.entryPrice),
      mark: price(p.markPrice),
      liquidation,
      distance,
      touch24h: touch === null ? dash : fmtPct(touch),
    },
    items,
  };
}

/** The mildest shock of the grid that liquidates the position (smallest |shock|; the drop first on a tie). */
function mildestLiquidation(
  p: PositionRisk,
  shocks: readonly number[],
): { readonly shock: number; readonly assetMove: number } | null {
  let best: { shock: number; assetMove: number } | null = null;
  for (let i = 0; i < shocks.length; i++) {
    const shock = shocks[i];
    const move = p.stress.assetMove[i];
    if (p.stress.liquidated[i] !== true || shock === undefined || move === undefined) continue;
    if (
      best === null ||
      Math.abs(shock) < Math.abs(best.shock) ||
      (Math.abs(shock) === Math.abs(best.shock) && shock < best.shock)
    )
      best = { shock, assetMove: move };
  }
  return best;
}

interface SuggestionContext {
  /** `BTC/USDT:USDT long`, or the account's name. */
  readonly label: string;
  readonly base: string;
  readonly settle: string;
  readonly quantity: number | null;
  readonly highBeta?: readonly string[];
  /** An inverse position: reductions are in contracts (the suggestion's unit), margin and losses in the coin. */
  readonly inverse?: boolean;
  /** A position's suggested stop orders (from its ladder), for a stop-ladder suggestion. */
  readonly orders?: readonly SuggestedOrder[] | undefined;
}

function suggestionItems(s: Suggestion, severity: Severity, counter: Counter, c: SuggestionContext): ChecklistItem[] {
  const amount = s.amount;
  switch (s.kind) {
    case 'reduce_position': {
      const share =
        amount !== null && c.quantity !== null && c.quantity > 0 && c.inverse !== true
          ? ` (${fmtPct(amount / c.quantity, 0)} of ${fmtAmount(c.quantity)})`
          : '';
      const text =
        amount === null ? `Reduce ${c.label}` : `Reduce ${c.label} by ${fmtAmount(amount)} ${s.unit ?? c.base}${share}`;
      return [counter(severity, 'action', s.kind, text, suggestionText(s))];
    }
    case 'add_margin':
      return [
        counter(
          severity,
          'action',
          s.kind,
          amount === null
            ? `Add margin to ${c.label}`
            : `Add ${fmt(amount, c.inverse === true ? 6 : 2)} ${s.unit ?? c.settle} of margin to ${c.label}`,
          suggestionText(s),
        ),
      ];
    case 'leverage_cap':
      return [
        counter(
          severity,
          'action',
          s.kind,
          amount === null
            ? `Lower the leverage of ${c.label}`
            : `Cap the leverage of ${c.label} at ${fmtTrim(amount, 1)}×`,
          suggestionText(s),
        ),
      ];
    case 'isolate_high_beta': {
      const which = c.highBeta !== undefined && c.highBeta.length > 0 ? ` (${c.highBeta.join(', ')})` : '';
      return [
        counter(
          severity,
          'action',
          s.kind,
          `Move the high-beta positions${which} of ${c.label} to isolated margin, or cap their share of cross notional`,
          suggestionText(s),
        ),
      ];
    }
    case 'reduce_gross_exposure':
      return [
        counter(
          severity,
          'action',
          s.kind,
          amount === null
            ? `Reduce the gross exposure of ${c.label}`
            : `Trim ${fmt(amount, 0)} ${s.unit ?? 'USD'} of gross exposure on ${c.label}`,
          suggestionText(s),
        ),
      ];
    case 'stop_ladder': {
      const orders = c.orders ?? [];
      const n = orders.length;
      const head = counter(
        severity,
        'action',
        s.kind,
        n === 0
          ? `Set protective stops for ${c.label}`
          : `Place ${n} staggered stop${n === 1 ? '' : 's'} for ${c.label} (stop-market, reduce-only)`,
        suggestionText(s),
      );
      return [head, ...orders.map((o) => counter(severity, 'order', 'stop_order', orderText(o, n, c), o.reason))];
    }
  }
}

/** `Stop 1/3: sell 0.3 BTC at 58,200.00 (mark trigger, reduce-only); expected fill 58,083.60 (slippage 0.20 %), loss if filled 1,234.56 USDT`. */
function orderText(o: SuggestedOrder, n: number, c: SuggestionContext): string {
  const contracts = Math.abs(o.amount - o.amountBase) > 1e-12 ? ` (${fmtAmount(o.amount)} contracts)` : '';
  const leg = o.positionSide === null ? 'reduce-only' : `hedge leg ${o.positionSide}`;
  return (
    `Stop ${o.tranche}/${n}: ${o.side} ${fmtAmount(o.amountBase)} ${c.base}${contracts} at ${fmtPrice(o.triggerPrice)} ` +
    `(${o.triggerType} trigger, ${leg}); expected fill ${fmtPrice(o.expectedFillPrice)} (slippage ${fmtPct(o.expectedSlippage)}), ` +
    `loss if filled ${fmt(o.lossIfFilled, c.inverse === true ? 6 : 2)} ${c.settle}`
  );
}

function accountOf(a: AccountRisk, subjectId: string, account: string, items: ChecklistItem[]): ChecklistAccount {
  const equity = value(a.equity);
  const gross = value(a.grossLeverage);
  const cap = value(a.grossCap);
  const parts = [
    `${a.positions} position${a.positions === 1 ? '' : 's'}`,
    equity === null ? `equity unknown (${a.equity.reason ?? 'no balance'})` : `equity ${fmt(equity)} ${a.currency}`,
    gross === null
      ? null
      : `gross leverage ${fmt(gross, 2)}×${cap === null ? '' : ` (regime cap ${fmtTrim(cap, 1)}×)`}`,
  ].filter((x): x is string => x !== null);
  return {
    subjectId,
    accountId: a.accountId,
    account,
    venue: a.venue,
    currency: a.currency,
    positions: a.positions,
    worstSeverity: a.worstSeverity,
    equity,
    grossLeverage: gross,
    grossCap: cap,
    summary: parts.join(', '),
    items,
  };
}

function crossStressOf(a: AccountRisk, subjectId: string, label: string): Checklist['stress']['accounts'][number] {
  const cs = a.crossStress;
  const x = cs?.btcMoveToLiquidation.value ?? null;
  const without = cs?.withoutHighBeta.value ?? null;
  const highBeta = cs?.highBeta ?? [];
  let text =
    x === null
      ? `no BTC move liquidates this cross account (${cs?.btcMoveToLiquidation.reason ?? 'not assessed'})`
      : `liquidated by a BTC move of ${fmtPct(x)}`;
  if (x !== null && highBeta.length > 0) {
    text +=
      without === null
        ? `; without ${highBeta.join(', ')} no BTC move in range would`
        : `; ${fmtPct(without)} without ${highBeta.join(', ')}`;
  }
  return { subjectId, label, btcMoveToLiquidation: x, withoutHighBeta: without, text };
}

function sideSummary(name: string, side: MarketRisk['regime']['long']): string {
  const score = side.score === null ? 'no score' : `score ${fmt(side.score, 2)}`;
  if (side.state === 'NORMAL') return `${name} NORMAL (${score})`;
  return `${name} ${side.state} (${score}): size × ${fmtTrim(side.sizeMultiplier, 2)}, isolated leverage ≤ ${fmtTrim(side.leverageCap, 1)}×`;
}

function marketOf(m: MarketRisk, items: ChecklistItem[]): ChecklistMarket {
  const r = m.regime;
  const f8 = value(m.fundingPer8h);
  const apr = value(m.fundingApr);
  const signals = [...r.crowding.signals, ...r.fragility.signals]
    .filter((s) => s.value !== null && s.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution || cmp(a.id, b.id))
    .slice(0, 3)
    .map((s) => s.explanation);
  const side = (s: MarketRisk['regime']['long']) => ({
    state: s.state,
    score: s.score,
    sizeMultiplier: s.sizeMultiplier,
    leverageCap: s.leverageCap,
  });
  return {
    marketKey: m.marketKey,
    venue: m.venue,
    symbol: m.symbol,
    long: side(r.long),
    short: side(r.short),
    confidence: r.confidence,
    fundingPer8h: f8,
    fundingApr: apr,
    summary: `${sideSummary('longs', r.long)}; ${sideSummary('shorts', r.short)}; confidence ${fmtPct(r.confidence, 0)}`,
    funding:
      f8 === null
        ? `funding ${dash}`
        : `funding ${fmtPct(f8, 4)} per 8 h${apr === null ? '' : ` (${fmtPct(apr, 1)} APR)`}`,
    signals,
    items,
  };
}

function settingsOf(s: Settings, shocks: readonly number[]): ChecklistSetting[] {
  const t = s.severity;
  const pct = (x: number) => `${fmtTrim(x * 100, 2)} %`;
  return [
    { key: 'riskPercent', label: 'Risk per trade', value: `${fmtTrim(s.riskPercent, 2)} % of equity` },
    {
      key: 'severity.touch24h',
      label: 'Severity by 24 h touch probability',
      value: `watch ≥ ${pct(t.watchTouch24h)}, danger ≥ ${pct(t.dangerTouch24h)}, critical ≥ ${pct(t.criticalTouch24h)}`,
    },
    {
      key: 'severity.sigma',
      label: 'Severity by distance in daily σ',
      value: `watch ≤ ${fmtTrim(t.watchSigma, 2)}, danger ≤ ${fmtTrim(t.dangerSigma, 2)}, critical ≤ ${fmtTrim(t.criticalSigma, 2)}`,
    },
    {
      key: 'stopLadder',
      label: 'Stop ladder',
      value: `${s.stopLadder.atrMultiples.map((k) => fmtTrim(k, 2)).join(' / ')} ATR, weights ${s.stopLadder.weights.map(pct).join(' / ')}`,
    },
    {
      key: 'regimeMultipliers',
      label: 'Regime size multipliers',
      value: (['NORMAL', 'ELEVATED', 'CROWDED', 'EXTREME'] as const)
        .map((k) => `${k} × ${fmtTrim(s.regimeMultipliers[k], 2)}`)
        .join(', '),
    },
    {
      key: 'discrepancyTolerancePercent',
      label: 'Liquidation price discrepancy tolerance',
      value: `${fmtTrim(s.discrepancyTolerancePercent, 2)} %`,
    },
    { key: 'stressShocks', label: 'Stress shocks (BTC)', value: shocks.map((x) => fmtSignedPct(x, 0)).join(', ') },
    { key: 'refreshIntervalSeconds', label: 'Refresh interval', value: `${s.refreshIntervalSeconds} s` },
    {
      key: 'allowTradeEnabledKeys',
      label: 'Keys with trade rights',
      value: s.allowTradeEnabledKeys ? 'accepted, with a warning' : 'refused',
    },
  ];
}
