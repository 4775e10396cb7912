import type { Balance } from '../domain/account';
import { emptyBookSide, type BookSide, type Market, type Tier } from '../domain/market';
import { marketKey } from '../domain/market';
import type { Position } from '../domain/position';
import {
  type AccountRisk,
  type Figure,
  type MarketRisk,
  type PositionRisk,
  type Provenance,
  type RiskReport,
  type RiskWarning,
  type Severity,
  type Subject,
  type Suggestion,
} from '../domain/risk-report';
import type { Settings } from '../domain/settings';
import type { Snapshot } from '../domain/snapshot';
import { dailySigma, liquidationDistance } from './distance';
import { flat, fmt, fmtPct, fmtPrice } from './format';
import { checkDiscrepancy } from './liquidation/discrepancy';
import {
  type CrossFigures,
  liquidationInputFromPosition,
  positionMaintenance,
  positionSize,
  positionUnrealizedPnl,
  tiersFor,
  tierNotional,
} from './liquidation/from-position';
import { liquidationPrice, tierIndexAt } from './liquidation/index';
import type { LiquidationInput, LiquidationResult } from './liquidation/types';
import { DEFAULT_JUMPS, type JumpParams, touchProbabilitiesInto, type TouchProbabilities } from './probability';
import { suggestInverseReduction, suggestReduction } from './reduction';
import {
  classifyRegime,
  NO_SIGNALS,
  type RegimeMemory,
  type RegimeResult,
  type RegimeSignals,
  regimeFor,
} from './regime';
import { depthWithin, type OrderBookSide } from './sizing';
import { estimateBeta, volatilityStats, type VolatilityStats } from './stats';
import {
  bookMid,
  ladderAtrText,
  ladderOut,
  ladderPlan,
  positionStopLadder,
  stopLadderSuggestion,
} from './position-ladder';
import type { RungPlan, StopLadder } from './stops';
import {
  type CrossLeg,
  DEFAULT_SHOCKS,
  defaultBeta,
  highBetaEffect,
  stressCrossAccount,
  stressGrid,
  type StressGrid,
  stressPosition,
} from './stress';

/** Readings the exchanges do not give and the caller may have (paid feeds, the app's own history). */
export interface MarketExtras {
  /** 365-day percentiles (0 … 1) of the estimated leverage ratio and of coin-denominated OI. */
  readonly elrPercentile?: number;
  readonly oiPercentile?: number;
  /** Past ±1 % depth readings (bids + asks, quote units) over about 30 days: their median is the depth baseline. */
  readonly depth1pctHistory?: readonly number[];
  /** Deribit DVOL (annualised implied vol, in percent, e.g. 55). */
  readonly dvol?: number;
  /** Annualised basis from dated futures (overrides the perp premium estimate). */
  readonly basisAnnual?: number;
  /** Coin-denominated OI change over 7 days, when the OI history held is shorter. */
  readonly oiChange7d?: number;
  /** Beta to BTC, overriding the estimate and the default. */
  readonly beta?: number;
}

export interface RiskReportOptions {
  /** BTC shocks of the stress grid (default §5.1). */
  readonly shocks?: readonly number[];
  /** Market or position data older than this is flagged stale (default 5 minutes). */
  readonly staleAfterMs?: number;
  /** Jump overlay parameters (default §2.3 c placeholders). */
  readonly jumps?: { readonly btc: JumpParams; readonly alt: JumpParams };
}

export interface RiskReportInput {
  /** The moment the report describes; nothing reads a clock. */
  readonly now: number;
  readonly snapshot: Pick<Snapshot, 'positions' | 'markets' | 'balances'>;
  readonly settings: Settings;
  /** The previous report's `regimeMemory`, to keep the regime hysteresis; omit on first run. */
  readonly regimeMemory?: Readonly<Record<string, RegimeMemory>> | null;
  readonly marketExtras?: Readonly<Record<string, MarketExtras>>;
  readonly options?: RiskReportOptions;
}

// ---- figures ----

const fig = (value: number, source: Provenance): Figure => ({ value, source, reason: null });
/** Missing figures repeat a handful of reasons: one shared (read-only) object per reason and source. */
const NONE_CACHE: Readonly<Record<Provenance, Map<string, Figure>>> = {
  exchange: new Map(),
  computed: new Map(),
  default: new Map(),
  input: new Map(),
};
const none = (reason: string, source: Provenance = 'computed'): Figure => {
  const cache = NONE_CACHE[source];
  let f = cache.get(reason);
  if (f === undefined) {
    f = { value: null, source, reason };
    if (cache.size < 256) cache.set(reason, f);
  }
  return f;
};
const maybe = (value: number | null | undefined, source: Provenance, reason: string): Figure =>
  value === null || value === undefined || !Number.isFinite(value) ? none(reason, source) : fig(value, source);

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { safe: 0, watch: 1, danger: 2, critical: 3 };
const severityRank = (s: Severity): number => SEVERITY_RANK[s];
const worse = (a: Severity, b: Severity): Severity => (severityRank(a) >= severityRank(b) ? a : b);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// ---- per-market analysis (once per report) ----

interface MarketAnalysis {
  readonly key: string;
  readonly market: Market;
  readonly stats: VolatilityStats | null;
  readonly sigma: number | null;
  readonly gk: number | null;
  readonly dvol: number | null;
  readonly atr: number | null;
  readonly bids: Readonly<BookSide>;
  readonly asks: Readonly<BookSide>;
  readonly mid: number;
  readonly depth: { b1: number; a1: number; b2: number; a2: number } | null;
  readonly fundingPer8h: number | null;
  readonly regime: RegimeResult;
  readonly beta: number;
  readonly betaSource: Provenance;
  readonly jumps: JumpParams;
  /** Stop-ladder plans per side, shared by every position on this market at this mark. */
  planLong: { mark: number; plan: RungPlan } | null;
  planShort: { mark: number; plan: RungPlan } | null;
  /** Stress moves and prices at this market's mark and beta, shared by its positions (built on first use). */
  stressGrid: StressGrid | null;
  /** Shared by every position on this market and side (read-only once built). */
  readonly regimeLong: PositionRisk['regime'];
  readonly regimeShort: PositionRisk['regime'];
  readonly betaFigure: Figure;
  readonly markFigure: Figure;
  /** The exit side of the book for a long (bids) and a short (asks), or null when empty. */
  readonly bookBids: OrderBookSide | null;
  readonly bookAsks: OrderBookSide | null;
  /** "SYMBOL side", the prefix of every position sentence. */
  readonly labelLong: string;
  readonly labelShort: string;
}

const isBtc = (base: string) => base === 'BTC' || base === 'XBT';

function median(xs: readonly number[]): number | null {
  const v = xs.filter((x) => Number.isFinite(x) && x > 0).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const m = v.length >> 1;
  return v.length % 2 === 1 ? (v[m] ?? null) : ((v[m - 1] ?? 0) + (v[m] ?? 0)) / 2;
}

/** Coin OI change over `ms` from the hourly history (oldest first); null when the history does not reach back. */
function oiChange(m: Market, now: number, ms: number): number | null {
  const oi = m.openInterest;
  if (oi === null || oi.history.length === 0) return null;
  const cutoff = now - ms;
  let before: number | null = null;
  for (const h of oi.history) {
    if (h.time <= cutoff) before = h.amountBase;
    else break;
  }
  return before !== null && before > 0 ? oi.amountBase / before - 1 : null;
}

function priceChange7d(m: Market): number | null {
  const d = m.candles['1d'].close;
  if (d.length >= 8) {
    const a = d[d.length - 8];
    const b = d[d.length - 1];
    if (a !== undefined && b !== undefined) return b / a - 1;
  }
  const h = m.candles['1h'].close;
  if (h.length >= 169) {
    const a = h[h.length - 169];
    const b = h[h.length - 1];
    if (a !== undefined && b !== undefined) return b / a - 1;
  }
  return null;
}

function analyseMarket(
  m: Market,
  now: number,
  extras: MarketExtras | undefined,
  previous: RegimeMemory | null,
  btc: Market | null,
  settings: Settings,
  jumps: { btc: JumpParams; alt: JumpParams },
): MarketAnalysis {
  const key = marketKey(m.venue, m.symbol);
  const stats = volatilityStats(m.candles['1d'], m.candles['1h']);
  const book = m.orderBook;
  const bids = book?.bids ?? emptyBookSide();
  const asks = book?.asks ?? emptyBookSide();
  const mid = bookMid(m);
  const depth =
    book === null || (bids.price.length === 0 && asks.price.length === 0)
      ? null
      : {
          b1: depthWithin(bids, mid, 0.01, 'bids'),
          a1: depthWithin(asks, mid, 0.01, 'asks'),
          b2: depthWithin(bids, mid, 0.02, 'bids'),
          a2: depthWithin(asks, mid, 0.02, 'asks'),
        };
  const f = m.funding;
  const fundingPer8h = f === null ? null : (f.rate * 8) / f.intervalHours;
  const depthMedian = extras?.depth1pctHistory === undefined ? null : median(extras.depth1pctHistory);
  const rv =
    stats !== null && stats.rv7Annual !== null && stats.rv30Annual !== null && stats.rv30Annual > 0
      ? stats.rv7Annual / stats.rv30Annual
      : null;
  const signals: RegimeSignals = {
    ...NO_SIGNALS,
    fundingRate: f?.rate ?? null,
    fundingIntervalHours: f?.intervalHours ?? null,
    oiChange24h: oiChange(m, now, DAY),
    oiChange7d: extras?.oiChange7d ?? oiChange(m, now, 7 * DAY),
    priceChange7d: priceChange7d(m),
    longShortRatio: m.longShortRatio?.ratio ?? null,
    basisAnnual: extras?.basisAnnual ?? (m.indexPrice !== null ? (m.markPrice / m.indexPrice - 1) * 1095 : null),
    elrPercentile: extras?.elrPercentile ?? null,
    oiPercentile: extras?.oiPercentile ?? null,
    depthRatio: depth !== null && depthMedian !== null ? (depth.b1 + depth.a1) / depthMedian : null,
    rvRatio: rv,
  };
  const regime = classifyRegime({ signals, now, previous, sizeMultipliers: settings.regimeMultipliers });
  let beta = defaultBeta(m.base);
  let betaSource: Provenance = 'default';
  if (extras?.beta !== undefined) {
    beta = extras.beta;
    betaSource = 'input';
  } else if (isBtc(m.base)) {
    beta = 1;
  } else if (btc !== null) {
    const est = estimateBeta(m.candles['1d'], btc.candles['1d']);
    if (est !== null && est > 0) {
      beta = est;
      betaSource = 'computed';
    }
  }
  return {
    key,
    market: m,
    stats,
    sigma: stats?.ewmaAnnual ?? null,
    gk: stats?.garmanKlassAnnual ?? null,
    dvol: extras?.dvol !== undefined ? extras.dvol / 100 : null,
    atr: stats?.atr14 ?? null,
    bids,
    asks,
    mid,
    depth,
    fundingPer8h,
    regime,
    beta,
    betaSource,
    jumps: isBtc(m.base) ? jumps.btc : jumps.alt,
    planLong: null,
    planShort: null,
    stressGrid: null,
    regimeLong: { state: regime.long.state, score: regime.long.score, confidence: regime.confidence },
    regimeShort: { state: regime.short.state, score: regime.short.score, confidence: regime.confidence },
    betaFigure: fig(beta, betaSource),
    markFigure: fig(m.markPrice, 'exchange'),
    bookBids: bids.price.length > 0 ? { levels: bids, mid } : null,
    bookAsks: asks.price.length > 0 ? { levels: asks, mid } : null,
    labelLong: `${m.symbol} long`,
    labelShort: `${m.symbol} short`,
  };
}

function marketRisk(a: MarketAnalysis): MarketRisk {
  const noStats = 'too few candles for a volatility estimate';
  const noBook = 'no order book';
  const side = (s: RegimeResult['long']) => ({
    score: s.score,
    level: s.level,
    state: s.state,
    sizeMultiplier: s.params.sizeMultiplier,
    leverageCap: s.params.leverageCap,
    grossCap: s.params.grossCap,
    slippage: s.params.slippageBase,
  });
  return {
    marketKey: a.key,
    venue: a.market.venue,
    symbol: a.market.symbol,
    base: a.market.base,
    markPrice: fig(a.market.markPrice, 'exchange'),
    volatility: {
      timeframe: a.stats?.timeframe ?? null,
      sigmaAnnual: maybe(a.sigma, 'computed', noStats),
      sigmaDaily: maybe(a.sigma === null ? null : dailySigma(a.sigma), 'computed', noStats),
      garmanKlassAnnual: maybe(a.gk, 'computed', noStats),
      atr14: maybe(a.atr, 'computed', 'fewer than 14 bars for ATR(14)'),
    },
    depth: {
      bids1pct: maybe(a.depth?.b1, 'computed', noBook),
      asks1pct: maybe(a.depth?.a1, 'computed', noBook),
      bids2pct: maybe(a.depth?.b2, 'computed', noBook),
      asks2pct: maybe(a.depth?.a2, 'computed', noBook),
    },
    fundingPer8h: maybe(a.fundingPer8h, 'computed', 'no funding rate'),
    fundingApr: maybe(a.fundingPer8h === null ? null : a.fundingPer8h * 1095, 'computed', 'no funding rate'),
    beta: fig(a.beta, a.betaSource),
    regime: {
      long: side(a.regime.long),
      short: side(a.regime.short),
      confidence: a.regime.confidence,
      crowding: { ...a.regime.crowding, signals: [...a.regime.crowding.signals] },
      fragility: { ...a.regime.fragility, signals: [...a.regime.fragility.signals] },
      missing: [...a.regime.missing],
    },
  };
}

// ---- cross figures per account (sums once, own legs subtracted per position) ----

interface Entry {
  readonly p: Position;
  readonly key: string;
  readonly a: MarketAnalysis | null;
  readonly g: AccountGroup;
  readonly tiers: readonly Tier[] | null;
  readonly subject: Subject;
  /** The maintenance-margin rate the liquidation price used, once computed. */
  mmr: number | null;
  /** The position's severity, once computed. */
  severity: Severity;
}

interface AccountGroup {
  readonly id: string;
  readonly accountId: string;
  readonly currency: string;
  readonly balance: Balance | null;
  readonly positions: Position[];
  readonly entries: Entry[];
  crossMaintenance: number;
  crossUpnl: number;
  maintenanceKnown: boolean;
}

const groupId = (accountId: string, currency: string) => `${accountId}|${currency}`;

/** A map keyed by a pair of strings (venue and symbol, account and currency). */
class PairMap<V> {
  private readonly outer = new Map<string, Map<string, V>>();
  get(a: string, b: string): V | undefined {
    return this.outer.get(a)?.get(b);
  }
  set(a: string, b: string, v: V): void {
    let inner = this.outer.get(a);
    if (inner === undefined) {
      inner = new Map();
      this.outer.set(a, inner);
    }
    inner.set(b, v);
  }
}

// ---- the report ----

/**
 * Everything the screens and the checklist need, from one snapshot: per-position liquidation (ours and the
 * exchange's), distances, touch probabilities, severity, stress rows, stop ladder and reduction; per-market regime
 * and volatility; per-account totals and cross-margin stress; warnings and suggestions. Pure and deterministic:
 * the same input gives byte-identical JSON (positions, markets, accounts, warnings and suggestions are sorted).
 */
export function buildRiskReport(input: RiskReportInput): RiskReport {
  const { now, settings } = input;
  const { positions, markets, balances } = input.snapshot;
  const shocks = input.options?.shocks ?? DEFAULT_SHOCKS;
  const staleAfter = input.options?.staleAfterMs ?? 5 * 60_000;
  const jumps = input.options?.jumps ?? DEFAULT_JUMPS;
  const tolerance = settings.discrepancyTolerancePercent / 100;
  const ladderText = ladderAtrText(settings);
  const sev = settings.severity;
  const suggestions: Suggestion[] = [];
  // Warnings are bucketed by severity (worst first); within a bucket they keep the order they were raised in,
  // which follows the sorted markets, positions and accounts, so no sort is needed for a deterministic order.
  const buckets: Record<Severity, RiskWarning[]> = { critical: [], danger: [], watch: [], safe: [] };
  // Warnings hold their code's named fields; warning-text.ts makes the sentence where it is shown.
  const warn = (w: RiskWarning) => buckets[w.severity].push(w);

  // Markets, once each. BTC reference for betas: a BTC market on the same venue, else any.
  // A duplicated market (same venue and symbol) keeps its newest copy whatever the input order.
  const sortedMarkets = [...markets].sort(
    (a, b) =>
      cmp(marketKey(a.venue, a.symbol), marketKey(b.venue, b.symbol)) ||
      b.updatedAt - a.updatedAt ||
      a.markPrice - b.markPrice,
  );
  const btcByVenue = new Map<string, Market>();
  let anyBtc: Market | null = null;
  for (const m of sortedMarkets) {
    if (!isBtc(m.base)) continue;
    anyBtc ??= m;
    if (!btcByVenue.has(m.venue) || m.kind === 'linear') btcByVenue.set(m.venue, m);
  }
  const analyses = new Map<string, MarketAnalysis>();
  const marketRisks: MarketRisk[] = [];
  const regimeMemory: Record<string, RegimeMemory> = {};
  for (const m of sortedMarkets) {
    const key = marketKey(m.venue, m.symbol);
    if (analyses.has(key)) continue;
    const a = analyseMarket(
      m,
      now,
      input.marketExtras?.[key],
      input.regimeMemory?.[key] ?? null,
      btcByVenue.get(m.venue) ?? anyBtc,
      settings,
      jumps,
    );
    analyses.set(key, a);
    marketRisks.push(marketRisk(a));
    regimeMemory[key] = a.regime.memory;
    const subject: Subject = { kind: 'market', id: key };
    for (const side of ['long', 'short'] as const) {
      const r = regimeFor(a.regime, side);
      if (r.state === 'EXTREME' || r.state === 'CROWDED') {
        warn({
          code: r.state === 'EXTREME' ? 'regime_extreme' : 'regime_crowded',
          severity: r.state === 'EXTREME' ? 'danger' : 'watch',
          subject,
          label: m.symbol,
          side,
          score: r.score ?? 0,
          sizeMultiplier: r.params.sizeMultiplier,
          leverageCap: r.params.leverageCap,
          slippage: r.params.slippageBase,
        });
      }
    }
    if (a.regime.confidence < 0.5) {
      warn({
        code: 'regime_low_confidence',
        severity: 'watch',
        subject,
        label: m.symbol,
        confidence: a.regime.confidence,
        missing: [...a.regime.missing],
      });
    }
    if (now - m.updatedAt > staleAfter) {
      warn({ code: 'stale_data', severity: 'watch', subject, label: m.symbol, minutes: (now - m.updatedAt) / 60_000 });
    }
  }

  // Accounts: groups by (account, settle currency), with cross sums.
  const balanceBy = new Map<string, Balance>();
  for (const b of balances) balanceBy.set(groupId(b.accountId, b.currency), b);
  const groups = new Map<string, AccountGroup>();
  // Per-position lookups go through two maps keyed by the snapshot's own strings, so no "a|b" key is built (and
  // hashed) per position.
  const groupBy = new PairMap<AccountGroup>();
  const analysisBy = new PairMap<MarketAnalysis>();
  for (const a of analyses.values()) analysisBy.set(a.market.venue, a.market.symbol, a);
  // Ids are unique per snapshot; the tie-breakers only keep a malformed one deterministic.
  const sortedPositions = [...positions].sort(
    (a, b) =>
      cmp(a.id, b.id) || cmp(a.marginMode, b.marginMode) || a.entryPrice - b.entryPrice || a.contracts - b.contracts,
  );
  const entries: Entry[] = [];
  for (const p of sortedPositions) {
    let g = groupBy.get(p.accountId, p.settle);
    if (g === undefined) {
      const id = groupId(p.accountId, p.settle);
      g = {
        id,
        accountId: p.accountId,
        currency: p.settle,
        balance: balanceBy.get(id) ?? null,
        positions: [],
        entries: [],
        crossMaintenance: 0,
        crossUpnl: 0,
        maintenanceKnown: true,
      };
      groups.set(id, g);
      groupBy.set(p.accountId, p.settle, g);
    }
    const a = analysisBy.get(p.venue, p.symbol) ?? null;
    const key = a !== null ? a.key : marketKey(p.venue, p.symbol);
    const tiers = a !== null && a.market.tiers.length > 0 ? a.market.tiers : tiersFor(p, a?.market ?? null, []);
    const e: Entry = { p, key, a, g, tiers, subject: { kind: 'position', id: p.id }, mmr: null, severity: 'safe' };
    entries.push(e);
    g.positions.push(p);
    g.entries.push(e);
    if (p.marginMode === 'cross') {
      const mm = positionMaintenance(p, tiers);
      if (mm === null) g.maintenanceKnown = false;
      else g.crossMaintenance += mm;
      g.crossUpnl += positionUnrealizedPnl(p);
    }
  }

  const positionRisks: PositionRisk[] = [];
  // Maintenance-margin rates and reported leverages repeat across positions (a venue's tiers, round leverages):
  // one shared (read-only) figure per value, as for the markets' mark and beta figures (the same JSON).
  const mmrFigures = new Map<number, Figure>();
  const leverageFigures = new Map<number, Figure>();
  const sharedFig = (cache: Map<number, Figure>, value: number, source: Provenance): Figure => {
    let f = cache.get(value);
    if (f === undefined) {
      f = fig(value, source);
      if (cache.size < 256) cache.set(value, f);
    }
    return f;
  };
  const summary = { safe: 0, watch: 0, danger: 0, critical: 0 };
  let worstOverall: Severity = 'safe';

  for (let ei = 0; ei < entries.length; ei++) {
    const e = entries[ei] as Entry;
    const { p, key, a, g, subject } = e;
    const label = a === null ? `${p.symbol} ${p.side}` : p.side === 'long' ? a.labelLong : a.labelShort;
    // Copied only when something is added (most positions add nothing).
    let missing: { field: string; reason: string }[] = p.missing;
    if (a === null) {
      missing = withMissing(missing, p.missing, 'market', 'no market data for this symbol');
      warn({ code: 'missing_market_data', severity: 'watch', subject, label, detail: NO_MARKET_DETAIL });
    } else if (a.sigma === null) {
      warn({ code: 'missing_market_data', severity: 'watch', subject, label, detail: NO_CANDLES_DETAIL });
    }
    if (now - p.updatedAt > staleAfter)
      warn({ code: 'stale_data', severity: 'watch', subject, label, minutes: (now - p.updatedAt) / 60_000 });

    // Liquidation: ours from the venue model, and the exchange's.
    const hedgeEntry =
      p.positionMode === 'hedge' && p.marginMode === 'cross'
        ? (g.entries.find(
            (o) => o.p !== p && o.p.symbol === p.symbol && o.p.side !== p.side && o.p.marginMode === 'cross',
          ) ?? null)
        : null;
    const hedgeLeg = hedgeEntry?.p ?? null;
    let cross: CrossFigures | null = null;
    if (p.marginMode === 'cross') {
      const b = g.balance;
      if (b === null) {
        warn({
          code: 'missing_balance',
          severity: 'watch',
          subject,
          label,
          currency: p.settle,
          accountId: p.accountId,
        });
      } else {
        let ownMm = positionMaintenance(p, e.tiers) ?? 0;
        let ownUpnl = positionUnrealizedPnl(p);
        if (hedgeLeg !== null && hedgeEntry !== null) {
          ownMm += positionMaintenance(hedgeLeg, hedgeEntry.tiers) ?? 0;
          ownUpnl += positionUnrealizedPnl(hedgeLeg);
        }
        cross = {
          walletBalance: b.walletBalance,
          equity: b.equity,
          otherMaintenance: Math.max(0, g.crossMaintenance - ownMm),
          otherUnrealizedPnl: g.crossUpnl - ownUpnl,
          totalMaintenance: b.crossMaintenanceMargin ?? (g.maintenanceKnown ? g.crossMaintenance : null),
        };
      }
    }
    const mapped = liquidationInputFromPosition({ position: p, market: a?.market ?? null, cross, hedgeLeg });
    const liqInput: LiquidationInput | null = mapped.ok ? mapped.input : null;
    const result: LiquidationResult = mapped.ok
      ? liquidationPrice(mapped.input)
      : { price: null, model: 'binance-usdm', reason: 'missing_input', detail: mapped.detail };
    const exchangeLp = p.exchangeLiquidationPrice;
    const ours = result.price;
    const lp = ours ?? exchangeLp;
    const discrepancy = checkDiscrepancy(
      liqInput,
      ours,
      exchangeLp,
      tolerance,
      a?.market.takerFee ?? null,
      p.marginMode,
    );
    const mmr = ours !== null ? result.maintenanceMarginRate : (p.maintenanceMarginRate ?? null);
    e.mmr = mmr;
    if (discrepancy?.exceeds === true) {
      warn({
        code: 'liquidation_discrepancy',
        severity: 'watch',
        subject,
        label,
        computed: ours ?? 0,
        exchange: exchangeLp ?? 0,
        gap: discrepancy.gap,
        explanation: discrepancy.explanation ?? '',
      });
    }

    const mark = p.markPrice;
    const sigma = a?.sigma ?? null;
    const sigmaD = sigma === null ? null : dailySigma(sigma);
    const regimeSide = a === null ? null : regimeFor(a.regime, p.side);
    const reasons: string[] = [];
    let severity: Severity = 'safe';
    let distance: PositionRisk['distance'] = NO_DISTANCE;
    let touch24h = NO_TOUCH_24H;
    let touch7d = NO_TOUCH_7D;
    const noLp = result.price === null ? result.detail : 'no liquidation price';

    if (lp === null) {
      if (result.price === null && result.reason === 'no_liquidation') {
        reasons.push('no liquidation price: the margin covers any adverse move');
      } else {
        severity = 'watch';
        reasons.push(flat(`no liquidation price: ${noLp}`));
        warn({ code: 'liquidation_unavailable', severity: 'watch', subject, label, reason: noLp });
      }
    } else {
      const d = liquidationDistance(p.side, mark, lp, a?.atr ?? null, sigmaD);
      distance = { fraction: finite(d.fraction), atr: finite(d.atr), sigma: finite(d.sigma) };
      const crossed = d.fraction <= 0;
      if (crossed) {
        severity = 'critical';
        reasons.push(flat(`the mark ${fmtPrice(mark)} is beyond the liquidation price ${fmtPrice(lp)}`));
        warn({ code: 'liquidation_crossed', severity: 'critical', subject, label, mark, liquidationPrice: lp });
      } else if (sigma !== null && a !== null && regimeSide !== null) {
        const stressed = Math.max(sigma, a.gk ?? 0, a.dvol ?? 0) * regimeSide.params.sigmaMultiplier;
        const touchInput = {
          side: p.side,
          price: mark,
          liquidation: lp,
          sigmaAnnual: sigma,
          stressedSigmaAnnual: stressed,
          jump: a.jumps,
          horizonDays: 1,
        };
        const t = touchProbabilitiesInto(touchInput, TOUCH_SCRATCH);
        const pf = t.fat;
        touch24h = touchFigures(t, 24);
        touchInput.horizonDays = 7;
        touchProbabilitiesInto(touchInput, TOUCH_SCRATCH);
        const pf7 = t.fat;
        touch7d = touchFigures(t, 168);
        const sigmaDist = d.sigma ?? Infinity;
        const bySigma: Severity =
          sigmaDist <= sev.criticalSigma
            ? 'critical'
            : sigmaDist <= sev.dangerSigma
              ? 'danger'
              : sigmaDist <= sev.watchSigma
                ? 'watch'
                : 'safe';
        const byTouch: Severity =
          pf >= sev.criticalTouch24h
            ? 'critical'
            : pf >= sev.dangerTouch24h
              ? 'danger'
              : pf >= sev.watchTouch24h
                ? 'watch'
                : 'safe';
        severity = worse(bySigma, byTouch);
        if (bySigma !== 'safe')
          reasons.push(
            flat(
              `liquidation is ${fmt(sigmaDist, 2)} daily σ away (${bySigma} at ≤ ${fmt(bySigma === 'critical' ? sev.criticalSigma : bySigma === 'danger' ? sev.dangerSigma : sev.watchSigma, 1)})`,
            ),
          );
        if (byTouch !== 'safe') reasons.push(flat(`24 h touch probability ${fmtPct(pf)} (fat-tailed)`));
        if (severity !== 'safe') {
          warn({
            code: 'liquidation_near',
            severity,
            subject,
            label,
            liquidationPrice: lp,
            distance: d.fraction,
            sigmaDistance: Number.isFinite(sigmaDist) ? sigmaDist : null,
            touch24h: pf,
            touch7d: pf7,
          });
        }
      } else {
        severity = 'watch';
        reasons.push('no volatility estimate: the distance cannot be weighed');
      }
    }

    // Stress rows on this position's own liquidation price.
    const beta = a?.beta ?? defaultBeta(p.base);
    const linear = p.kind === 'linear';
    const q = linear ? positionSize(p) : p.sizeBase;
    let grid = a === null ? null : a.stressGrid;
    if (grid === null || grid.mark !== mark || grid.beta !== beta) {
      grid = stressGrid(mark, beta, shocks);
      if (a !== null && a.stressGrid === null) a.stressGrid = grid;
    }
    const stress = stressPosition(
      { side: p.side, quantity: q, mark, liquidation: lp, beta, maxLoss: isolatedMaxLoss(p) },
      shocks,
      grid,
    );
    let firstHit = -1;
    for (let i = 0; i < shocks.length; i++) {
      if (
        stress.liquidated[i] === true &&
        (firstHit < 0 || Math.abs(shocks[i] as number) < Math.abs(shocks[firstHit] as number))
      )
        firstHit = i;
    }
    const hitShock = firstHit < 0 ? 0 : (shocks[firstHit] as number);
    if (firstHit >= 0 && Math.abs(hitShock) <= 0.1 && severity !== 'critical') {
      warn({
        code: 'stress_liquidation',
        severity: Math.abs(hitShock) <= 0.05 ? 'danger' : 'watch',
        subject,
        label,
        btcMove: hitShock,
        asset: p.base,
        assetMove: grid.assetMove[firstHit] as number,
        beta,
      });
    }

    // Suggestions: stop ladder, reduction or margin, leverage cap.
    let ladder: StopLadder | null = null;
    // The ladder's rungs and problems are kept for the positions at watch or worse or on a side whose regime is not
    // NORMAL; any other position's ladder (its suggestion and warnings are below) is made again where it is shown
    // (position-ladder.ts `reportLadderOnDemand`), so its rungs are not kept here.
    const keepLadder = !(severity === 'safe' && regimeSide?.state === 'NORMAL');
    const equity = g.balance?.equity ?? null;
    // Inverse positions too: the budget is r × the settle-coin equity and stopLadder prices the rungs in the coin.
    if (a !== null && a.atr !== null && equity !== null && equity > 0 && regimeSide !== null && lp !== null) {
      const cached = p.side === 'long' ? a.planLong : a.planShort;
      let plan = cached !== null && cached.mark === mark ? cached.plan : undefined;
      if (plan === undefined) {
        plan = ladderPlan(p, a.market, settings, regimeSide.params, a.atr, sigma);
        if (p.side === 'long') a.planLong = { mark, plan };
        else a.planShort = { mark, plan };
      }
      ladder = positionStopLadder({
        position: p,
        market: a.market,
        settings,
        regime: regimeSide.params,
        atr: a.atr,
        sigmaAnnual: sigma,
        equity,
        liquidation: lp,
        maintenanceMarginRate: mmr,
        book: p.side === 'long' ? a.bookBids : a.bookAsks,
        plan,
        withRungs: keepLadder,
      });
      const ladderSuggestion = stopLadderSuggestion(
        subject,
        label,
        p.settle,
        ladder,
        ladderText,
        linear ? null : p.contractSize,
      );
      if (ladderSuggestion !== null) suggestions.push(ladderSuggestion);
      for (let pi = 0; pi < ladder.problems.length; pi++) {
        const prob = ladder.problems[pi] as StopLadder['problems'][number];
        // The problem's sentences are made where the warning is shown (ladder-problem-text.ts).
        warn({
          code: 'stop_ladder_infeasible',
          severity: prob.constraint === 'liquidation_buffer' ? 'danger' : 'watch',
          subject,
          label,
          problem: prob,
        });
      }
    } else if (a !== null && a.atr === null) {
      missing = withMissing(missing, p.missing, 'ladder', 'no ATR(14): too few candles for a stop ladder');
    }

    if (
      lp !== null &&
      sigmaD !== null &&
      mmr !== null &&
      severityRank(severity) >= 1 &&
      distance.fraction !== null &&
      distance.fraction > 0
    ) {
      const lotStep = a === null ? 0 : a.market.amountStep * (p.kind === 'linear' ? p.contractSize : 1);
      const red = linear
        ? suggestReduction({
            side: p.side,
            marginMode: p.marginMode,
            quantity: q,
            mark,
            liquidation: lp,
            mmr,
            sigmaDaily: sigmaD,
            targetSigma: sev.watchSigma,
            lotStep,
          })
        : suggestInverseReduction({
            side: p.side,
            marginMode: p.marginMode,
            contracts: p.contracts,
            faceValue: p.contractSize,
            mark,
            liquidation: lp,
            mmr,
            sigmaDaily: sigmaD,
            targetSigma: sev.watchSigma,
            lotStep,
          });
      if (red !== null) {
        // The stop ladder may ask for margin too, for another goal (its deepest stop must fill before liquidation
        // with the buffer): the sentence gives both figures, each with its goal, and which one meets both.
        // Inverse: the amounts reduced are contracts of $F; `inverse` lets the sentence name them and their coin.
        const reduce = red.reduceBy !== null && red.reduceBy > 0;
        const fields = {
          subject,
          label,
          amount: reduce ? red.reduceBy : red.addMargin,
          unit: reduce ? (linear ? p.base : `contracts of $${fmt(p.contractSize, 0)}`) : p.settle,
          // The suggestion's own object: its fields are the schema's, in the schema's order (the same JSON).
          reduction: red,
          marginMode: p.marginMode,
          asset: p.base,
          settle: p.settle,
          quantity: linear ? q : p.contracts,
          ladderMargin: ladder === null ? null : ladderMarginNeed(ladder),
        };
        const inverse = linear ? null : { faceValue: p.contractSize, mark, lotStep };
        const kind = reduce ? 'reduce_position' : 'add_margin';
        suggestions.push(inverse === null ? { kind, ...fields } : { kind, ...fields, inverse });
      }
    }

    const leverage =
      p.leverage ??
      (p.marginMode === 'isolated' && p.isolatedMarginSettle !== null && p.isolatedMarginSettle > 0
        ? p.notionalUsd / (linear ? p.isolatedMarginSettle : p.isolatedMarginSettle * mark) // inverse margin: coin
        : null);
    if (
      regimeSide !== null &&
      p.marginMode === 'isolated' &&
      leverage !== null &&
      leverage > regimeSide.params.leverageCap + 1e-9
    ) {
      suggestions.push({
        kind: 'leverage_cap',
        subject,
        label,
        leverage,
        leverageCap: regimeSide.params.leverageCap,
        regime: regimeSide.state,
        amount: regimeSide.params.leverageCap,
        unit: '×',
      });
    }

    const computedFig = result.price !== null ? fig(result.price, 'computed') : none(result.detail);
    const exchangeFig = maybe(exchangeLp, 'exchange', 'the exchange reports none');
    summary[severity]++;
    e.severity = severity;
    worstOverall = worse(worstOverall, severity);
    positionRisks.push({
      positionId: p.id,
      accountId: p.accountId,
      venue: p.venue,
      symbol: p.symbol,
      marketKey: key,
      base: p.base,
      settle: p.settle,
      kind: p.kind,
      side: p.side,
      marginMode: p.marginMode,
      positionMode: p.positionMode,
      quantityBase: p.sizeBase,
      notionalUsd: p.notionalUsd,
      entryPrice: p.entryPrice,
      markPrice: a !== null && a.markFigure.value === mark ? a.markFigure : fig(mark, 'exchange'),
      leverage:
        p.leverage !== null
          ? sharedFig(leverageFigures, p.leverage, 'exchange')
          : maybe(leverage, 'computed', 'leverage not reported (cross margin)'),
      liquidation: {
        computed: computedFig,
        model: mapped.ok ? result.model : null,
        tier: result.price !== null ? result.tier : null,
        maintenanceMarginRate:
          result.price !== null
            ? sharedFig(mmrFigures, result.maintenanceMarginRate, 'computed')
            : maybe(p.maintenanceMarginRate, 'exchange', 'not reported'),
        exchange: exchangeFig,
        // The same figure as `computed` or `exchange` (one object, the same JSON).
        used: lp === null ? none(noLp) : ours !== null ? computedFig : exchangeFig,
        discrepancy,
        // Most positions have none: the shared empty list (the same JSON).
        assumptions: mapped.ok && mapped.assumptions.length > 0 ? (mapped.assumptions as string[]) : NO_ASSUMPTIONS,
      },
      distance,
      touch24h,
      touch7d,
      severity,
      // Most positions have none: one shared empty list instead of one per position (the same JSON).
      // (An exact copy of the others: a list grown by push keeps room for 17 entries.)
      severityReasons: reasons.length === 0 ? NO_REASONS : reasons.slice(),
      regime: a === null ? NO_REGIME : p.side === 'long' ? a.regimeLong : a.regimeShort,
      beta: a === null ? fig(beta, 'default') : a.betaFigure,
      stress,
      ladder: ladder === null || !keepLadder ? null : ladderOut(ladder),
      missing,
    });
  }

  // Accounts: totals and cross-margin stress.
  const accounts: AccountRisk[] = [];
  for (const g of [...groups.values()].sort((x, y) => cmp(x.id, y.id))) {
    const subject: Subject = { kind: 'account', id: g.id };
    const b = g.balance;
    let gross = 0;
    let net = 0;
    let worst: Severity = 'safe';
    let grossCap = Infinity;
    const legs: CrossLeg[] = [];
    let crossInverse = false;
    for (let ei = 0; ei < g.entries.length; ei++) {
      const e = g.entries[ei] as Entry;
      const { p, a, tiers } = e;
      gross += p.notionalUsd;
      net += (p.side === 'long' ? 1 : -1) * p.notionalUsd;
      worst = worse(worst, e.severity);
      if (a !== null) grossCap = Math.min(grossCap, regimeFor(a.regime, p.side).params.grossCap);
      if (p.marginMode === 'cross') {
        if (p.kind === 'inverse') crossInverse = true;
        const t = tiers === null ? undefined : tiers[tierIndexAt(tiers, tierNotional(p, p.markPrice))];
        legs.push({
          label: p.base,
          side: p.side,
          notional: p.notionalUsd,
          beta: a?.beta ?? defaultBeta(p.base),
          mmr: t?.maintenanceMarginRate ?? e.mmr ?? 0,
          maintenanceAmount: t?.maintenanceAmount ?? 0,
        });
      }
    }
    const equityUsd = b?.equityUsd ?? null;
    const grossLev = equityUsd !== null && equityUsd > 0 ? gross / equityUsd : null;
    if (grossLev !== null && Number.isFinite(grossCap) && grossLev > grossCap + 1e-9 && equityUsd !== null) {
      const trim = gross - grossCap * equityUsd;
      warn({
        code: 'gross_leverage_above_cap',
        severity: 'watch',
        subject,
        label: accountLabel(g),
        grossLeverage: grossLev,
        grossCap,
      });
      suggestions.push({
        kind: 'reduce_gross_exposure',
        subject,
        label: accountLabel(g),
        trim,
        grossCap,
        amount: trim,
        unit: 'USD',
      });
    }
    let crossStress: AccountRisk['crossStress'] = null;
    if (legs.length > 0 && b !== null && !crossInverse) {
      const st = stressCrossAccount(b.equity, legs, shocks);
      const hb = highBetaEffect(b.equity, legs);
      const x = st.btcMoveToLiquidation;
      crossStress = {
        btcMoveToLiquidation: x === null ? none(st.reason) : fig(x, 'computed'),
        withoutHighBeta:
          hb.without === null
            ? none(
                hb.labels.length === 0 ? 'no high-beta positions' : 'no BTC move liquidates the account without them',
              )
            : fig(hb.without, 'computed'),
        highBeta: hb.labels,
        explanation: hb.sentence ?? st.reason,
        rows: st.rows,
      };
      if (x !== null && Math.abs(x) <= 0.2) {
        const s: Severity = x === 0 ? 'critical' : Math.abs(x) <= 0.1 ? 'danger' : 'watch';
        warn({ code: 'cross_account_fragile', severity: s, subject, label: accountLabel(g), reason: st.reason });
      }
      if (hb.sentence !== null) {
        warn({
          code: 'high_beta_in_cross',
          severity: 'watch',
          subject,
          label: accountLabel(g),
          explanation: hb.sentence,
        });
        suggestions.push({
          kind: 'isolate_high_beta',
          subject,
          label: accountLabel(g),
          explanation: hb.sentence,
          amount: null,
          unit: null,
        });
      }
    }
    accounts.push({
      accountId: g.accountId,
      venue: g.positions[0]?.venue ?? b?.venue ?? 'binance',
      currency: g.currency,
      positions: g.positions.length,
      worstSeverity: worst,
      equity: maybe(b?.equity, 'exchange', 'no balance'),
      equityUsd: maybe(equityUsd, 'exchange', 'no balance'),
      grossNotionalUsd: fig(gross, 'computed'),
      netNotionalUsd: fig(net, 'computed'),
      grossLeverage: maybe(grossLev, 'computed', 'no equity'),
      grossCap: maybe(Number.isFinite(grossCap) ? grossCap : null, 'default', 'no regime'),
      maintenanceMargin:
        b?.crossMaintenanceMargin != null
          ? fig(b.crossMaintenanceMargin, 'exchange')
          : maybe(g.maintenanceKnown ? g.crossMaintenance : null, 'computed', 'not reported'),
      crossStress,
    });
  }

  const warnings = [...buckets.critical, ...buckets.danger, ...buckets.watch, ...buckets.safe];

  return {
    schemaVersion: 1,
    generatedAt: now,
    summary: { positions: positionRisks.length, worstSeverity: worstOverall, bySeverity: summary },
    positions: positionRisks,
    markets: marketRisks,
    accounts,
    stressShocks: [...shocks],
    warnings,
    suggestions,
    regimeMemory,
  };
}

/** The fixed details of the `missing_market_data` warnings (shared, never changed). */
const NO_MARKET_DETAIL = 'no market data; distances, probabilities and suggestions are not available';
const NO_CANDLES_DETAIL = 'too few candles for a volatility estimate';
const accountLabel = (g: AccountGroup): string => `${g.accountId} (${g.currency})`;

/** The margin a ladder's liquidation-buffer problem asks for, or null (none, or zero). */
function ladderMarginNeed(ladder: StopLadder): number | null {
  for (let i = 0; i < ladder.problems.length; i++) {
    const prob = ladder.problems[i] as StopLadder['problems'][number];
    if (prob.constraint === 'liquidation_buffer' && prob.addMargin !== null && prob.addMargin > 0)
      return prob.addMargin;
  }
  return null;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const NO_DISTANCE: PositionRisk['distance'] = { fraction: null, atr: null, sigma: null };

/** `missing` with one more entry; the position's own list is copied on the first addition, never changed. */
function withMissing(
  missing: { field: string; reason: string }[],
  own: { field: string; reason: string }[],
  field: string,
  reason: string,
): { field: string; reason: string }[] {
  const out = missing === own ? [...own] : missing;
  out.push({ field, reason });
  return out;
}
const NO_ASSUMPTIONS: string[] = [];
const NO_REASONS: string[] = [];

/**
 * The most an isolated position can lose from the mark: its margin plus the unrealised PnL at mark, in the stress
 * PnL's units (settle for linear; an inverse position's coin margin valued at the mark). Null for cross, or when the
 * margin is not reported.
 */
function isolatedMaxLoss(p: Position): number | null {
  if (p.marginMode !== 'isolated' || p.isolatedMarginSettle === null) return null;
  const equity = Math.max(0, p.isolatedMarginSettle + positionUnrealizedPnl(p));
  return p.kind === 'linear' ? equity : equity * p.markPrice;
}
const NO_REGIME: PositionRisk['regime'] = { state: 'NORMAL', score: null, confidence: 0 };

const NO_TOUCH_24H: PositionRisk['touch24h'] = {
  horizonHours: 24,
  gaussian: null,
  stressedSigma: null,
  jumpOverlay: null,
  fat: null,
};
const NO_TOUCH_7D: PositionRisk['touch7d'] = { ...NO_TOUCH_24H, horizonHours: 168 };
/** Reused for every touch computation: its numbers are copied into figures before the next one. */
const TOUCH_SCRATCH = { gaussian: 0, stressedSigma: null as number | null, jumpOverlay: null as number | null, fat: 0 };

const finite = (x: number | null): number | null => (x !== null && Number.isFinite(x) ? x : null);

function touchFigures(t: TouchProbabilities, hours: number): PositionRisk['touch24h'] {
  return {
    horizonHours: hours,
    gaussian: finite(t.gaussian),
    stressedSigma: finite(t.stressedSigma),
    jumpOverlay: finite(t.jumpOverlay),
    fat: finite(t.fat),
  };
}
