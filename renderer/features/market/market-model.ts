import { marketKey as marketKeyOf, type Market } from '../../../shared/domain/market';
import type { Figure, MarketRisk, Provenance } from '../../../shared/domain/risk-report';
import type { RegimeState } from '../../../shared/domain/settings';
import type { Snapshot, SourceStatus } from '../../../shared/domain/snapshot';
import { fmt, fmtPct, fmtPrice, stepDecimals } from '../../../shared/risk/format';

/**
 * The market-conditions panel's model: what the trader reads per market (peers.md §(d)–(e), risk-method.md §3),
 * from the snapshot's market data and the report's per-market risk. Pure, so every figure is tested alone. A figure
 * that cannot be given is null with the reason in words: never a zero.
 */

export type RegimeSignal = MarketRisk['regime']['crowding']['signals'][number];
export type RegimeSignalId = RegimeSignal['id'];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const fig = (value: number, source: Provenance): Figure => ({ value, source, reason: null });
const none = (reason: string, source: Provenance = 'computed'): Figure => ({ value: null, source, reason });

export interface MarketConditionsModel {
  readonly funding: {
    /** The rate per funding interval (fraction) and the interval. */
    readonly rate: Figure;
    readonly intervalHours: number | null;
    readonly per8h: Figure;
    readonly apr: Figure;
    readonly nextTime: Figure;
    /** Settled rates (per the same interval) over the 7 days before the snapshot, oldest first. */
    readonly history7d: readonly number[];
  };
  readonly openInterest: {
    readonly amountBase: Figure;
    readonly valueUsd: Figure;
    /** Coin-denominated change over 24 h (price moves stripped out). */
    readonly change24h: Figure;
    readonly history: readonly number[];
  };
  readonly longShort: { readonly ratio: Figure; readonly source: string | null; readonly history: readonly number[] };
  readonly basis: {
    readonly mark: Figure;
    readonly index: Figure;
    /** mark ÷ index − 1. */
    readonly premium: Figure;
    /** The premium annualised as a per-8 h rate (× 3 × 365), as the regime's basis signal reads it. */
    readonly annualised: Figure;
  };
  readonly depth: {
    /** Bids + asks within ±1 % and ±2 % of mid, in quote units. */
    readonly within1: Figure;
    readonly within2: Figure;
    readonly bids1: Figure;
    readonly asks1: Figure;
    readonly bids2: Figure;
    readonly asks2: Figure;
    /** ±1 % depth ÷ its 30-day median (the regime's depth signal). */
    readonly vsMedian: Figure;
    /**
     * How far from mid the order book that was fetched reaches on its shallower side (fraction), or null without a
     * book. When it is under 1 % or 2 %, the depth within that band is at least the figure, not the figure.
     */
    readonly bookReach: number | null;
  };
  readonly volatility: {
    readonly timeframe: '1d' | '1h' | null;
    readonly sigmaAnnual: Figure;
    readonly sigmaDaily: Figure;
    readonly garmanKlassAnnual: Figure;
    readonly atr14: Figure;
    /** RV7 / RV30 (the regime's volatility signal). */
    readonly rvRatio: Figure;
  };
}

const signalOf = (risk: MarketRisk | null, id: RegimeSignalId): RegimeSignal | null => {
  if (risk === null) return null;
  return [...risk.regime.crowding.signals, ...risk.regime.fragility.signals].find((s) => s.id === id) ?? null;
};

const fromSignal = (risk: MarketRisk | null, id: RegimeSignalId, noRisk: string): Figure => {
  const signal = signalOf(risk, id);
  if (signal === null) return none(noRisk);
  return signal.value === null ? none(signal.explanation) : fig(signal.value, 'computed');
};

const sum = (a: Figure, b: Figure): Figure =>
  a.value !== null && b.value !== null
    ? fig(a.value + b.value, 'computed')
    : none(a.reason ?? b.reason ?? 'no order book');

/** Coin OI at or before `now − ms` from the hourly history (oldest first): the report's own rule. */
function oiChange(market: Market, now: number, ms: number): Figure {
  const oi = market.openInterest;
  if (oi === null) return none('the venue reported no open interest');
  const cutoff = now - ms;
  let before: number | null = null;
  for (const point of oi.history) {
    if (point.time <= cutoff) before = point.amountBase;
    else break;
  }
  if (before === null || before <= 0) return none('the open-interest history does not reach back 24 h');
  return fig(oi.amountBase / before - 1, 'computed');
}

/** The book's reach from mid on its shallower side (the report's mid: best bid and ask, else the mark). */
export function bookReach(market: Market): number | null {
  const book = market.orderBook;
  if (book === null || book.bids.price.length === 0 || book.asks.price.length === 0) return null;
  const bestBid = book.bids.price[0];
  const bestAsk = book.asks.price[0];
  const lastBid = book.bids.price.at(-1);
  const lastAsk = book.asks.price.at(-1);
  if (bestBid === undefined || bestAsk === undefined || lastBid === undefined || lastAsk === undefined) return null;
  const mid = (bestBid + bestAsk) / 2;
  return Math.min(1 - lastBid / mid, lastAsk / mid - 1);
}

const missingReason = (market: Market, field: string, fallback: string): string =>
  market.missing.find((m) => m.field === field)?.reason ?? fallback;

export function marketConditions(market: Market, risk: MarketRisk | null, now: number): MarketConditionsModel {
  const noReport = 'the risk report has no figures for this market';
  const f = market.funding;
  const fundingReason = missingReason(market, 'funding', 'the venue reported no funding rate');
  const oi = market.openInterest;
  const ls = market.longShortRatio;
  const premium = market.indexPrice === null ? null : market.markPrice / market.indexPrice - 1;
  const noIndex = missingReason(market, 'indexPrice', 'the venue reported no index price');
  const depth = risk?.depth ?? null;
  const bids1 = depth?.bids1pct ?? none(noReport);
  const asks1 = depth?.asks1pct ?? none(noReport);
  const bids2 = depth?.bids2pct ?? none(noReport);
  const asks2 = depth?.asks2pct ?? none(noReport);
  return {
    funding: {
      rate: f === null ? none(fundingReason, 'exchange') : fig(f.rate, 'exchange'),
      intervalHours: f?.intervalHours ?? null,
      per8h: f === null ? none(fundingReason) : fig((f.rate * 8) / f.intervalHours, 'computed'),
      apr: f === null ? none(fundingReason) : fig(((f.rate * 8) / f.intervalHours) * 1095, 'computed'),
      nextTime:
        f === null
          ? none(fundingReason, 'exchange')
          : f.nextFundingTime === null
            ? none('the venue did not say when funding is next charged', 'exchange')
            : fig(f.nextFundingTime, 'exchange'),
      history7d: f === null ? [] : f.history.filter((h) => h.time > now - 7 * DAY && h.time <= now).map((h) => h.rate),
    },
    openInterest: {
      amountBase:
        oi === null
          ? none(missingReason(market, 'openInterest', 'the venue reported no open interest'), 'exchange')
          : fig(oi.amountBase, 'exchange'),
      valueUsd:
        oi === null
          ? none(missingReason(market, 'openInterest', 'the venue reported no open interest'), 'exchange')
          : oi.valueUsd !== null
            ? fig(oi.valueUsd, 'exchange')
            : fig(oi.amountBase * market.markPrice, 'computed'),
      change24h: oiChange(market, now, DAY),
      history: oi === null ? [] : oi.history.map((h) => h.amountBase),
    },
    longShort: {
      ratio:
        ls === null
          ? none(missingReason(market, 'longShortRatio', 'the venue publishes no long/short ratio'), 'exchange')
          : fig(ls.ratio, 'exchange'),
      source: ls?.source ?? null,
      history: ls === null ? [] : ls.history.map((h) => h.ratio),
    },
    basis: {
      mark: fig(market.markPrice, 'exchange'),
      index: market.indexPrice === null ? none(noIndex, 'exchange') : fig(market.indexPrice, 'exchange'),
      premium: premium === null ? none(noIndex) : fig(premium, 'computed'),
      annualised: premium === null ? none(noIndex) : fig(premium * 1095, 'computed'),
    },
    depth: {
      within1: sum(bids1, asks1),
      within2: sum(bids2, asks2),
      bids1,
      asks1,
      bids2,
      asks2,
      vsMedian: fromSignal(risk, 'depth', noReport),
      bookReach: bookReach(market),
    },
    volatility: {
      timeframe: risk?.volatility.timeframe ?? null,
      sigmaAnnual: risk?.volatility.sigmaAnnual ?? none(noReport),
      sigmaDaily: risk?.volatility.sigmaDaily ?? none(noReport),
      garmanKlassAnnual: risk?.volatility.garmanKlassAnnual ?? none(noReport),
      atr14: risk?.volatility.atr14 ?? none(noReport),
      rvRatio: fromSignal(risk, 'volatility', noReport),
    },
  };
}

// ---- regime ----

export const SIGNAL_LABELS: Readonly<Record<RegimeSignalId, string>> = {
  funding: 'Funding (per 8 h)',
  long_short: 'Long/short accounts',
  basis: 'Basis (annualised)',
  oi_divergence: 'OI build-up (7 d)',
  elr: 'Estimated leverage ratio',
  open_interest: 'Open interest change',
  depth: '±1 % depth vs 30-day median',
  volatility: 'RV7 / RV30',
};

/** A signal's reading in its own unit (each signal has one: a rate, a ratio, a percentile…). */
export function formatSignalValue(id: RegimeSignalId, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '—';
  switch (id) {
    case 'funding':
      return fmtPct(value, 4);
    case 'basis':
    case 'oi_divergence':
    case 'open_interest':
      return fmtPct(value, 1);
    case 'depth':
      return fmtPct(value, 0);
    case 'elr':
      return `${fmt(value * 100, 0)}th pct`;
    case 'long_short':
    case 'volatility':
      return fmt(value, 2);
  }
}

export const REGIME_TONE: Readonly<Record<RegimeState, 'safe' | 'watch' | 'danger' | 'critical'>> = {
  NORMAL: 'safe',
  ELEVATED: 'watch',
  CROWDED: 'danger',
  EXTREME: 'critical',
};

export const REGIME_LABEL: Readonly<Record<RegimeState, string>> = {
  NORMAL: 'Normal',
  ELEVATED: 'Elevated',
  CROWDED: 'Crowded',
  EXTREME: 'Extreme',
};

/** The accounts on this market's venue whose data is not fresh: their status says since when and why. */
export function staleSources(snapshot: Pick<Snapshot, 'statuses'>, market: Market): SourceStatus[] {
  return snapshot.statuses.filter((s) => s.venue === market.venue && (s.state === 'stale' || s.state === 'error'));
}

export const findMarket = (snapshot: Pick<Snapshot, 'markets'>, marketKey: string): Market | null =>
  snapshot.markets.find((m) => marketKeyOf(m.venue, m.symbol) === marketKey) ?? null;

/** "2026-11-23 21:43 UTC": times in UTC, as exchanges' funding schedules are (peers.md §(d)). */
export function formatUtc(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** "in 2 h 05 min", "in 12 min", "due now". */
export function formatCountdown(targetMs: number, nowMs: number): string {
  const minutes = Math.round((targetMs - nowMs) / 60_000);
  if (minutes <= 0) return 'due now';
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes - hours * 60;
  return `in ${hours} h ${String(rest).padStart(2, '0')} min`;
}

/** The provenance of a figure in words, for titles. */
export function provenance(figure: Figure): string {
  if (figure.value === null) return figure.reason ?? 'not available';
  switch (figure.source) {
    case 'exchange':
      return 'reported by the exchange';
    case 'computed':
      return 'computed by Liquidation Guard';
    case 'default':
      return 'a documented default';
    case 'input':
      return 'given as an input';
  }
}

/** Prices at the instrument's tick when it is known (peers.md §(d)), else at the digits suited to their size. */
export function priceFormatter(tickSize: number | null): (price: number) => string {
  if (tickSize === null || !(tickSize > 0)) return fmtPrice;
  const digits = stepDecimals(tickSize);
  return (price) => fmt(price, digits);
}
