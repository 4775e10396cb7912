import type { Account } from '../../../shared/domain/account';
import { marketKey, type Market } from '../../../shared/domain/market';
import type { PositionRisk, Severity } from '../../../shared/domain/risk-report';
import { VENUE_LABELS, type Venue } from '../../../shared/domain/venue';
import { fmt, fmtPct, fmtPrice, stepDecimals } from '../../../shared/risk/format';

/**
 * The positions table's model: one row per position across all accounts, every column sortable, nulls (a figure we
 * could not compute) always last whichever the direction. Pure, so sorting and formatting are tested alone.
 */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 3, danger: 2, watch: 1, safe: 0 };

export interface PositionRow {
  readonly id: string;
  readonly venue: Venue;
  readonly accountLabel: string;
  readonly symbol: string;
  readonly side: 'long' | 'short';
  readonly quantityBase: number | null;
  readonly base: string;
  readonly notionalUsd: number | null;
  readonly leverage: number | null;
  readonly marginMode: 'isolated' | 'cross';
  readonly entry: number | null;
  readonly mark: number | null;
  readonly liqOurs: number | null;
  readonly liqExchange: number | null;
  /** Our figure and the exchange's differ beyond the tolerance: the explanation, else null. */
  readonly discrepancy: string | null;
  readonly distanceFraction: number | null;
  readonly distanceAtr: number | null;
  readonly distanceSigma: number | null;
  readonly touch24h: number | null;
  readonly severity: Severity;
  readonly severityReasons: readonly string[];
  /** Decimals of the market's tick, so prices read as the venue quotes them; null when the market is unknown. */
  readonly priceDecimals: number | null;
}

export function toRows(
  positions: readonly PositionRisk[],
  accounts: readonly Account[],
  markets: readonly Market[],
): PositionRow[] {
  const labels = new Map(accounts.map((account) => [account.accountId, account.label]));
  const ticks = new Map(markets.map((market) => [marketKey(market.venue, market.symbol), market.tickSize]));
  return positions.map((risk) => ({
    id: risk.positionId,
    venue: risk.venue,
    accountLabel: labels.get(risk.accountId) ?? risk.accountId,
    symbol: risk.symbol,
    side: risk.side,
    quantityBase: risk.quantityBase,
    base: risk.base,
    notionalUsd: risk.notionalUsd,
    leverage: risk.leverage.value,
    marginMode: risk.marginMode,
    entry: risk.entryPrice,
    mark: risk.markPrice.value,
    liqOurs: risk.liquidation.computed.value,
    liqExchange: risk.liquidation.exchange.value,
    discrepancy:
      risk.liquidation.discrepancy?.exceeds === true
        ? (risk.liquidation.discrepancy.explanation ?? 'Our figure and the exchange’s differ beyond the tolerance.')
        : null,
    distanceFraction: risk.distance.fraction,
    distanceAtr: risk.distance.atr,
    distanceSigma: risk.distance.sigma,
    touch24h: risk.touch24h.fat,
    severity: risk.severity,
    severityReasons: risk.severityReasons,
    priceDecimals: ticks.has(risk.marketKey) ? stepDecimals(ticks.get(risk.marketKey) ?? 0) : null,
  }));
}

export type SortKey =
  | 'severity'
  | 'venue'
  | 'symbol'
  | 'side'
  | 'notionalUsd'
  | 'leverage'
  | 'marginMode'
  | 'entry'
  | 'mark'
  | 'liqOurs'
  | 'liqExchange'
  | 'distanceFraction'
  | 'distanceAtr'
  | 'distanceSigma'
  | 'touch24h';
export type SortDirection = 'asc' | 'desc';
export interface SortState {
  readonly key: SortKey;
  readonly direction: SortDirection;
}

/** Severity, worst first: the default, so the position nearest liquidation is on top. */
export const DEFAULT_SORT: SortState = { key: 'severity', direction: 'desc' };

const sortValue = (row: PositionRow, key: SortKey): number | string | null => {
  switch (key) {
    case 'severity':
      return SEVERITY_RANK[row.severity];
    case 'venue':
      return VENUE_LABELS[row.venue];
    default:
      return row[key];
  }
};

export function sortRows(rows: readonly PositionRow[], sort: SortState): PositionRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const byKey = compare(sortValue(a, sort.key), sortValue(b, sort.key), sign);
    if (byKey !== 0) return byKey;
    // Ties: nearest liquidation (in σ) first, then a stable order.
    const bySigma = compare(a.distanceSigma, b.distanceSigma, 1);
    return bySigma !== 0 ? bySigma : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

function compare(a: number | string | null, b: number | string | null, sign: number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (a === b) return 0;
  return (a < b ? -1 : 1) * sign;
}

/** Clicking a column sorts by it; clicking it again reverses. Numbers start largest first, text A→Z. */
export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  const textual = key === 'venue' || key === 'symbol' || key === 'side' || key === 'marginMode';
  return { key, direction: textual ? 'asc' : 'desc' };
}

export const formatNumber = (value: number | null, digits = 2): string => (value === null ? '—' : fmt(value, digits));
export const formatPrice = (value: number | null, decimals: number | null = null): string =>
  value === null ? '—' : decimals === null ? fmtPrice(value) : fmt(value, decimals);
/** A size with up to `maxDecimals`, trailing zeros dropped: 400 SOL, 0.2941 BTC. */
export function formatQuantity(value: number | null, maxDecimals = 4): string {
  if (value === null) return '—';
  const text = fmt(value, maxDecimals);
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
export const formatPercent = (fraction: number | null, digits = 2): string =>
  fraction === null ? '—' : fmtPct(fraction, digits);
/** "$1.23M", "$456.7k", "$890". */
export function formatUsd(value: number | null): string {
  if (value === null) return '—';
  const abs = Math.abs(value);
  if (abs >= 1e9) return `$${fmt(value / 1e9, 2)}B`;
  if (abs >= 1e6) return `$${fmt(value / 1e6, 2)}M`;
  if (abs >= 1e4) return `$${fmt(value / 1e3, 1)}k`;
  return `$${fmt(value, 0)}`;
}
