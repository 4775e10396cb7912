import type { Balance } from '../../../shared/domain/account';
import { marketKey, type BookSide, type Market } from '../../../shared/domain/market';
import type { Position } from '../../../shared/domain/position';
import type { MarketRisk, RiskReport } from '../../../shared/domain/risk-report';
import type { RegimeState, Settings } from '../../../shared/domain/settings';
import type { Snapshot } from '../../../shared/domain/snapshot';
import { VENUE_LABELS, type Side, type Venue } from '../../../shared/domain/venue';
import { dailySigma, liquidationDistance, type LiquidationDistance } from '../../../shared/risk/distance';
import { fmt, fmtPct, fmtPrice, stepDecimals } from '../../../shared/risk/format';
import { staleSources } from './stale-sources';
import { liquidationInputFromPosition } from '../../../shared/risk/liquidation/from-position';
import { liquidationPrice, tierIndexAt, type LiquidationResult } from '../../../shared/risk/liquidation/index';
import {
  DEFAULT_JUMPS,
  touchProbabilities,
  touchProbability,
  type TouchProbabilities,
} from '../../../shared/risk/probability';
import { REGIME_PARAMS, type RegimeParams } from '../../../shared/risk/regime';
import {
  fitLeverageToBound,
  sizeInversePosition,
  sizePosition,
  type InverseSizeSuggestion,
  type SizeSuggestion,
} from '../../../shared/risk/sizing';
import { stopLadder, type StopLadder } from '../../../shared/risk/stops';

/**
 * The pre-trade planner's model (risk-method.md §1 sizing, §4 ladders, §2 touch probability, §3.5 regime): the
 * trader's text inputs in, every figure the screen shows out, each either a finite number or null with the reason in
 * words. Pure: the screen calls it on every keystroke.
 */

export type StopMode = 'price' | 'atr';

/** What the trader typed or picked; numbers stay text so an unfinished entry is never rewritten under the cursor. */
export interface PlannerInput {
  readonly venue: Venue | '';
  readonly symbol: string;
  readonly side: Side;
  readonly entry: string;
  readonly stopMode: StopMode;
  readonly stopPrice: string;
  readonly atrMultiple: string;
  readonly riskPercent: string;
  readonly leverage: string;
  readonly accountId: string;
  /**
   * Count the account's open positions toward its gross-leverage cap (§1.7, the default); off plans the trade as if
   * the account held nothing else (e.g. after closing them).
   */
  readonly countOpenPositions: boolean;
}

export type PlannerField =
  'venue' | 'symbol' | 'account' | 'entry' | 'stopPrice' | 'atrMultiple' | 'riskPercent' | 'leverage';

export interface PlannerContext {
  readonly snapshot: Snapshot;
  readonly report: RiskReport;
  readonly settings: Settings;
}

/** A figure on screen: a finite number, or null and the reason it is missing. */
export interface Shown {
  readonly value: number | null;
  readonly reason: string | null;
}
const shown = (value: number): Shown => ({ value, reason: null });
const missing = (reason: string): Shown => ({ value: null, reason });

/** §1.3 default: stop at 2 ATR. */
export const DEFAULT_ATR_MULTIPLE = 2;
/** Leverage offered before the trader picks one; the suggestion beside the field says what the stop and regime allow. */
export const DEFAULT_LEVERAGE = 5;
/** Fee assumed when the market reports none: Binance USDⓈ-M regular taker (risk-method.md §0). */
export const DEFAULT_TAKER_FEE = 0.0005;
/** The settings' own limit on risk per trade (SettingsSchema.riskPercent). */
export const MAX_RISK_PERCENT = 10;
export const MAX_ATR_MULTIPLE = 20;

// ---- choices ----

export interface PlannerChoices {
  /**
   * Venues with a connected (enabled) account: those with markets loaded first, then those where the trader holds no
   * position (their markets are read on demand from the venue's list), each group A→Z.
   */
  readonly venues: readonly Venue[];
  /** Loaded markets per venue (linear and inverse), BTC first, linear before inverse, then A→Z. */
  readonly markets: Readonly<Partial<Record<Venue, readonly Market[]>>>;
  /** Enabled accounts per venue. */
  readonly accounts: Readonly<Partial<Record<Venue, readonly { accountId: string; label: string }[]>>>;
}

const isBtc = (base: string) => base === 'BTC' || base === 'XBT';

/** BTC first, linear before inverse (coin-margined), then by symbol. */
function marketOrder(
  a: { base: string; kind: string; symbol: string },
  b: { base: string; kind: string; symbol: string },
): number {
  if (isBtc(a.base) !== isBtc(b.base)) return isBtc(a.base) ? -1 : 1;
  if (a.kind !== b.kind) return a.kind === 'linear' ? -1 : 1;
  return a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0;
}

export function plannerChoices(snapshot: Snapshot): PlannerChoices {
  const accounts: Partial<Record<Venue, { accountId: string; label: string }[]>> = {};
  for (const a of snapshot.accounts) {
    if (!a.enabled) continue;
    (accounts[a.venue] ??= []).push({ accountId: a.accountId, label: a.label });
  }
  const markets: Partial<Record<Venue, Market[]>> = {};
  for (const m of snapshot.markets) {
    if (accounts[m.venue] === undefined) continue;
    (markets[m.venue] ??= []).push(m);
  }
  for (const list of Object.values(markets)) list.sort(marketOrder);
  const venues = (Object.keys(accounts) as Venue[]).sort((a, b) =>
    (markets[a] === undefined) !== (markets[b] === undefined) ? (markets[a] === undefined ? 1 : -1) : a < b ? -1 : 1,
  );
  return { venues, markets, accounts };
}

/**
 * The market to start from on a venue where nothing is loaded (no position there): its BTC linear perpetual, else the
 * first linear one, else the first listed; null while the list is unknown or empty.
 */
export function defaultListedSymbol(listed: readonly { symbol: string; base: string; kind: string }[]): string | null {
  return [...listed].sort(marketOrder)[0]?.symbol ?? null;
}

/** The snapshot with markets read on demand added (those it already holds win); the same object when none. */
export function withFetchedMarkets(snapshot: Snapshot, fetched: readonly Market[]): Snapshot {
  const held = new Set(snapshot.markets.map((m) => marketKey(m.venue, m.symbol)));
  const extra = fetched.filter((m) => !held.has(marketKey(m.venue, m.symbol)));
  return extra.length === 0 ? snapshot : { ...snapshot, markets: [...snapshot.markets, ...extra] };
}

/**
 * The picker's list: the markets loaded (held or already read) first, then the venue's other perpetuals, linear and
 * inverse (coin-margined), each marked with its kind.
 */
export function pickerMarkets(
  loaded: readonly Market[],
  listed: readonly { symbol: string; base: string; kind: string }[],
): readonly { symbol: string; held: boolean; inverse: boolean }[] {
  const seen = new Set(loaded.map((m) => m.symbol));
  return [
    ...loaded.map((m) => ({ symbol: m.symbol, held: true, inverse: m.kind === 'inverse' })),
    ...listed
      .filter((m) => !seen.has(m.symbol))
      .sort(marketOrder)
      .map((m) => ({ symbol: m.symbol, held: false, inverse: m.kind === 'inverse' })),
  ];
}

/** The price as the trader would type it: the market's tick decimals, no grouping. */
export const priceText = (price: number, tick: number): string => price.toFixed(stepDecimals(tick));

/** A complete, valid starting plan: first venue, BTC if listed, entry at the mark, stop at 2 ATR, settings' risk. */
export function defaultPlannerInput(
  snapshot: Snapshot,
  settings: Settings,
  choose: { venue?: Venue; symbol?: string; side?: Side } = {},
  previous?: PlannerInput,
): PlannerInput {
  const choices = plannerChoices(snapshot);
  const venue = choose.venue ?? choices.venues[0] ?? '';
  const list = venue === '' ? [] : (choices.markets[venue] ?? []);
  const market = list.find((m) => m.symbol === choose.symbol) ?? list[0];
  const accounts = venue === '' ? [] : (choices.accounts[venue] ?? []);
  const settle = market?.settle;
  const withBalance = accounts.find((a) =>
    snapshot.balances.some((b) => b.accountId === a.accountId && b.currency === settle),
  );
  const keepAccount =
    previous !== undefined && previous.venue === venue && accounts.some((a) => a.accountId === previous.accountId);
  return {
    venue,
    symbol: market?.symbol ?? '',
    side: choose.side ?? previous?.side ?? 'long',
    entry: market === undefined ? '' : priceText(market.markPrice, market.tickSize),
    stopMode: previous?.stopMode ?? 'atr',
    stopPrice: '',
    atrMultiple: previous?.atrMultiple ?? String(DEFAULT_ATR_MULTIPLE),
    riskPercent: previous?.riskPercent ?? String(settings.riskPercent),
    leverage: previous?.leverage ?? String(DEFAULT_LEVERAGE),
    accountId: keepAccount ? previous.accountId : ((withBalance ?? accounts[0])?.accountId ?? ''),
    countOpenPositions: previous?.countOpenPositions ?? true,
  };
}

/**
 * The plan as it stands against the current data: unchanged while its venue, market and account still exist; else
 * the defaults for what is there (same venue and market where possible), keeping side, stop, risk and leverage.
 */
export function reconcileInput(input: PlannerInput, snapshot: Snapshot, settings: Settings): PlannerInput {
  const choices = plannerChoices(snapshot);
  const venue = input.venue === '' || !choices.venues.includes(input.venue) ? null : input.venue;
  const markets = venue === null ? [] : (choices.markets[venue] ?? []);
  const accounts = venue === null ? [] : (choices.accounts[venue] ?? []);
  const marketOk = markets.some((m) => m.symbol === input.symbol);
  if (venue !== null && marketOk && accounts.some((a) => a.accountId === input.accountId)) return input;
  const next = defaultPlannerInput(
    snapshot,
    settings,
    venue === null ? {} : { venue, ...(marketOk ? { symbol: input.symbol } : {}) },
    input,
  );
  if (next.venue === '') return input;
  // Same market: keep what the trader typed for entry and stop.
  return marketOk && next.symbol === input.symbol ? { ...next, entry: input.entry, stopPrice: input.stopPrice } : next;
}

// ---- parsing ----

export type Parsed = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly problem: string };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Strict decimal parsing: no hex, no blanks read as zero, no thousands separators; finite only. */
export function parseDecimal(text: string, what: string, example: string): Parsed {
  const t = text.trim();
  if (t === '') return { ok: false, problem: `Enter ${what}.` };
  if (t.includes(',')) return { ok: false, problem: `Write ${what} without commas, e.g. ${example}.` };
  if (!NUMBER.test(t)) return { ok: false, problem: `${capitalise(what)} must be a number, e.g. ${example}.` };
  const value = Number(t);
  if (!Number.isFinite(value)) return { ok: false, problem: `${capitalise(what)} is too large.` };
  return { ok: true, value };
}

const capitalise = (s: string) => (s === '' ? s : (s[0]?.toUpperCase() ?? '') + s.slice(1));

// ---- the plan ----

export interface PlannedLiquidation {
  readonly leverage: number;
  /** Isolated margin posted at that leverage (settle currency). */
  readonly margin: Shown;
  /** Venue-exact isolated liquidation price of the planned position (the market's tiers). */
  readonly price: Shown;
  readonly distance: LiquidationDistance | null;
  /** 24 h touch probabilities of the liquidation price from the entry (§2.2–§2.3: P_fat = max of the variants). */
  readonly touch24h: TouchProbabilities | null;
  readonly touchReason: string | null;
  /** The liquidation price comes before the stop (or the ladder's deepest fill plus its buffer): say so. */
  readonly warning: string | null;
}

export interface RegimeEffect {
  readonly state: RegimeState;
  readonly score: number | null;
  readonly confidence: number;
  readonly params: RegimeParams;
  /** What the regime row changes against NORMAL, in words. */
  readonly changes: readonly string[];
  /** The NORMAL-regime suggestion for the same inputs, and the sentence comparing the two. */
  readonly normalQuantity: number | null;
  readonly sentence: string;
}

/** How a coin-margined (inverse) market is sized: whole contracts of a USD face value, risk and margin in the coin. */
export interface InverseContracts {
  /** F: USD per contract. */
  readonly faceValue: number;
  /** The coin PnL, margin and the equity are in (the settle currency). */
  readonly coin: string;
  /** The coin equity valued at the entry price, for the USD caps (volatility, gross). */
  readonly equityUsd: number | null;
}

export interface Plan {
  readonly errors: Readonly<Partial<Record<PlannerField, string>>>;
  readonly market: Market | null;
  /** Set for an inverse market: sizes are in contracts of `faceValue` USD, money in `coin`. */
  readonly inverse: InverseContracts | null;
  readonly marketRisk: MarketRisk | null;
  readonly accountLabel: string | null;
  /** Equity of the chosen account in the market's settle currency (inverse: the coin). */
  readonly equity: Shown;
  readonly currency: string | null;
  /** Gross notional already open on the chosen account's positions in the market's settle currency (USD). */
  readonly openGross: number;
  readonly entry: number | null;
  /** The stop used: typed, or entry ∓ k·ATR. */
  readonly stop: Shown;
  readonly atr: Shown;
  readonly maxLeverage: number | null;
  /**
   * sizePosition's answer (§1.7), or null with the reason. Inverse markets: sizeInversePosition's, whose quantities
   * are contracts and whose notional is USD (see `inverse`).
   */
  readonly size: SizeSuggestion | InverseSizeSuggestion | null;
  readonly sizeReason: string | null;
  readonly liquidation: PlannedLiquidation | null;
  readonly liquidationReason: string | null;
  readonly regime: RegimeEffect | null;
  /** §4 ladder for the suggested size, deepest rung at the trader's stop. */
  readonly ladder: StopLadder | null;
  readonly ladderReason: string | null;
  /**
   * The highest whole leverage at which the ladder's deepest fill comes before liquidation with its buffer (§4.2):
   * floor(L_max) for linear markets; for inverse markets the inverse L_max checked (and stepped down) against the
   * venue's own liquidation model.
   */
  readonly ladderMaxLeverage: number | null;
  /** 24 h touch probability of the stop itself (Gaussian on σ). */
  readonly stopTouch24h: Shown;
  /** The data behind the plan is stale: the sources' words. */
  readonly stale: readonly string[];
  readonly assumptions: readonly string[];
}

const sgn = (side: Side): 1 | -1 => (side === 'long' ? 1 : -1);

/** The isolated inverse model of each venue (liquidation.md §2, §3b, §4); Hyperliquid lists no inverse market. */
const INVERSE_MODELS: Readonly<Record<Venue, LiquidationResult['model']>> = {
  binance: 'binance-coinm',
  bybit: 'bybit-inverse-isolated',
  okx: 'okx-isolated',
  hyperliquid: 'hyperliquid-isolated',
};

function regimeParamsFor(risk: MarketRisk | null, side: Side, settings: Settings) {
  if (risk === null) return null;
  const r = risk.regime[side];
  return {
    state: r.state,
    score: r.score,
    confidence: risk.regime.confidence,
    params: { ...REGIME_PARAMS[r.state], sizeMultiplier: r.sizeMultiplier } satisfies RegimeParams,
    normal: { ...REGIME_PARAMS.NORMAL, sizeMultiplier: settings.regimeMultipliers.NORMAL } satisfies RegimeParams,
  };
}

function exitBook(market: Market, side: Side): { levels: Readonly<BookSide>; mid: number } | null {
  const book = market.orderBook;
  if (book === null) return null;
  const levels = side === 'long' ? book.bids : book.asks;
  if (levels.price.length === 0) return null;
  const bid = book.bids.price[0];
  const ask = book.asks.price[0];
  return { levels, mid: bid !== undefined && ask !== undefined ? (bid + ask) / 2 : market.markPrice };
}

/**
 * The planned trade as an isolated one-way position at `leverage`, for the venue's liquidation model: `quantity` in
 * base units (linear) or contracts of F USD (inverse: value N·F USD, margin N·F/(P·L) in the coin).
 */
function plannedPosition(
  market: Market,
  side: Side,
  accountId: string,
  quantity: number,
  entry: number,
  leverage: number,
  takenAt: number,
): Position {
  const inverse = market.kind === 'inverse';
  const contracts = inverse ? quantity : quantity / market.contractSize;
  const usdValue = inverse ? quantity * market.contractSize : quantity * entry;
  const margin = inverse ? usdValue / (entry * leverage) : usdValue / leverage;
  return {
    id: 'planned',
    accountId: accountId === '' ? 'planned' : accountId,
    venue: market.venue,
    symbol: market.symbol,
    base: market.base,
    quote: market.quote,
    settle: market.settle,
    kind: market.kind,
    side,
    contracts,
    contractSize: market.contractSize,
    sizeBase: inverse ? usdValue / entry : quantity,
    notionalUsd: usdValue,
    entryPrice: entry,
    markPrice: entry,
    leverage,
    marginMode: 'isolated',
    positionMode: 'one-way',
    isolatedMarginSettle: margin,
    maintenanceMarginSettle: null,
    maintenanceMarginRate: null,
    initialMarginSettle: margin,
    unrealizedPnlSettle: 0,
    exchangeLiquidationPrice: null,
    updatedAt: takenAt,
    missing: [],
  };
}

export function computePlan(input: PlannerInput, ctx: PlannerContext): Plan {
  const { snapshot, report, settings } = ctx;
  const errors: Partial<Record<PlannerField, string>> = {};
  const assumptions: string[] = [];
  const choices = plannerChoices(snapshot);
  const side = input.side;
  const s = sgn(side);
  const blank: Plan = {
    errors,
    market: null,
    inverse: null,
    marketRisk: null,
    accountLabel: null,
    equity: missing('no account chosen'),
    currency: null,
    openGross: 0,
    entry: null,
    stop: missing('no market chosen'),
    atr: missing('no market chosen'),
    maxLeverage: null,
    size: null,
    sizeReason: 'Choose a venue and a market.',
    liquidation: null,
    liquidationReason: 'Choose a venue and a market.',
    regime: null,
    ladder: null,
    ladderReason: 'Choose a venue and a market.',
    ladderMaxLeverage: null,
    stopTouch24h: missing('no market chosen'),
    stale: staleSources(snapshot.statuses, input.venue === '' ? null : input.venue),
    assumptions,
  };

  // Venue and market.
  if (input.venue === '' || !choices.venues.includes(input.venue)) {
    errors.venue =
      choices.venues.length === 0 ? 'No account is connected: connect an account or try the demo.' : 'Choose a venue.';
    return blank;
  }
  const venueName = VENUE_LABELS[input.venue];
  const market = (choices.markets[input.venue] ?? []).find((m) => m.symbol === input.symbol) ?? null;
  if (market === null) {
    errors.symbol =
      input.symbol === '' && (choices.markets[input.venue] ?? []).length === 0
        ? `You hold no ${venueName} position: choose one of its markets to read it from ${venueName}.`
        : `Choose one of the ${venueName} markets listed.`;
    return blank;
  }
  const inverseMarket = market.kind === 'inverse';
  const key = marketKey(market.venue, market.symbol);
  const marketRisk = report.markets.find((m) => m.marketKey === key) ?? null;
  const sigma = marketRisk?.volatility.sigmaAnnual.value ?? null;
  const gk = marketRisk?.volatility.garmanKlassAnnual.value ?? null;
  const atrValue = marketRisk?.volatility.atr14.value ?? null;
  const atr: Shown =
    atrValue !== null && atrValue > 0
      ? shown(atrValue)
      : missing(marketRisk?.volatility.atr14.reason ?? 'no ATR(14) for this market');

  // Account and equity.
  const accounts = choices.accounts[input.venue] ?? [];
  const account = accounts.find((a) => a.accountId === input.accountId) ?? null;
  let equity: Shown = missing('no account chosen');
  if (account === null) {
    errors.account = accounts.length === 0 ? `No ${venueName} account is connected.` : 'Choose an account.';
  } else {
    const balance: Balance | null =
      snapshot.balances.find((b) => b.accountId === account.accountId && b.currency === market.settle) ?? null;
    if (balance === null) {
      errors.account = `${account.label} has no ${market.settle} balance: choose another account.`;
      equity = missing(`no ${market.settle} balance`);
    } else if (!(balance.equity > 0)) {
      errors.account = `${account.label} has no ${market.settle} equity to risk (${fmt(balance.equity)}).`;
      equity = missing('no equity');
    } else {
      equity = shown(balance.equity);
    }
  }

  // Entry.
  let entry: number | null = null;
  const entryParsed = parseDecimal(input.entry, 'the entry price', priceText(market.markPrice, market.tickSize));
  if (!entryParsed.ok) errors.entry = entryParsed.problem;
  else if (!(entryParsed.value > 0)) errors.entry = 'The entry price must be above zero.';
  else entry = entryParsed.value;

  // Stop: a price, or k × ATR from the entry.
  let stop: Shown = missing('fix the entry price first');
  if (input.stopMode === 'price') {
    const p = parseDecimal(
      input.stopPrice,
      'the stop price',
      priceText(market.markPrice * (1 - s * 0.03), market.tickSize),
    );
    if (!p.ok) errors.stopPrice = p.problem;
    else if (!(p.value > 0)) errors.stopPrice = 'The stop price must be above zero.';
    else if (entry !== null && !(s * (entry - p.value) > 0)) {
      errors.stopPrice = `For a ${side} the stop must be ${side === 'long' ? 'below' : 'above'} the entry (${fmtPrice(entry)}).`;
      stop = missing('the stop is on the wrong side of the entry');
    } else if (entry !== null) stop = shown(p.value);
  } else {
    const k = parseDecimal(input.atrMultiple, 'the ATR multiple', '2');
    if (!k.ok) errors.atrMultiple = k.problem;
    else if (!(k.value > 0)) errors.atrMultiple = 'The ATR multiple must be above zero.';
    else if (k.value > MAX_ATR_MULTIPLE) errors.atrMultiple = `Use an ATR multiple of at most ${MAX_ATR_MULTIPLE}.`;
    else if (atr.value === null)
      errors.atrMultiple = `No ATR for ${market.symbol} (${atr.reason ?? 'too few candles'}): enter a stop price instead.`;
    else if (entry !== null) {
      const price = entry - s * k.value * atr.value;
      if (!(price > 0)) {
        errors.atrMultiple = `${fmt(k.value, 2)} × ATR (${fmtPrice(atr.value)}) puts the stop at or below zero.`;
        stop = missing('the stop would be at or below zero');
      } else stop = shown(price);
    }
  }
  if (stop.value === null && stop.reason === 'fix the entry price first' && entry !== null)
    stop = missing('fix the stop first');

  // Risk %.
  let riskFraction: number | null = null;
  const r = parseDecimal(input.riskPercent, 'the risk per trade', String(settings.riskPercent));
  if (!r.ok) errors.riskPercent = r.problem;
  else if (!(r.value > 0)) errors.riskPercent = 'The risk per trade must be above 0 %.';
  else if (r.value > MAX_RISK_PERCENT)
    errors.riskPercent = `The risk per trade is at most ${MAX_RISK_PERCENT} % of equity (the settings' limit).`;
  else riskFraction = r.value / 100;

  // Leverage: at least 1×, at most the venue's maximum (the market's, else its first tier's).
  const tiers = market.tiers;
  const maxLeverage = market.maxLeverage ?? tiers[0]?.maxLeverage ?? null;
  let leverage: number | null = null;
  const l = parseDecimal(input.leverage, 'the leverage', String(DEFAULT_LEVERAGE));
  if (!l.ok) errors.leverage = l.problem;
  else if (!(l.value >= 1)) errors.leverage = 'The leverage must be at least 1×.';
  else if (maxLeverage !== null && l.value > maxLeverage)
    errors.leverage = `${venueName} allows at most ${fmt(maxLeverage, 0)}× on ${market.symbol}.`;
  else leverage = l.value;

  const regimeRow = regimeParamsFor(marketRisk, side, settings);
  const fee = market.takerFee ?? DEFAULT_TAKER_FEE;
  if (market.takerFee === null) assumptions.push(`taker fee not reported: ${fmtPct(DEFAULT_TAKER_FEE)} assumed`);
  if (regimeRow === null) assumptions.push('no regime for this market: NORMAL assumed');
  // Inverse (coin-margined) markets: whole contracts of F USD, money in the coin (shared/risk/sizing.ts, inverse part).
  const face = market.contractSize;
  const lotStep = inverseMarket ? market.amountStep : market.amountStep * market.contractSize;
  const book = exitBook(market, side);
  const openGross =
    report.accounts.find((a) => a.accountId === input.accountId && a.currency === market.settle)?.grossNotionalUsd
      .value ?? 0;
  const existingGross = input.countOpenPositions ? openGross : 0;
  const inverse: InverseContracts | null = inverseMarket
    ? {
        faceValue: face,
        coin: market.settle,
        equityUsd: equity.value === null ? null : equity.value * (entry ?? market.markPrice),
      }
    : null;
  if (inverseMarket)
    assumptions.push(
      `the ${market.settle} held as margin moves with the price too: its own exposure is not counted in the caps`,
    );
  // §1.2 [P]: the larger of σ_EWMA and σ_GK for the volatility cap.
  const sigmaForSize = sigma === null ? null : Math.max(sigma, gk ?? 0);
  const mmrAt = (notional: number) => {
    const t = tiers[tierIndexAt(tiers, notional)];
    return t?.maintenanceMarginRate ?? (maxLeverage !== null ? 1 / (2 * maxLeverage) : 0.005);
  };
  /** Notional in the tiers' unit: settle currency (linear, base units × price), coin (inverse, contracts × F / price). */
  const tierNotional = (q: number, price: number) => (inverseMarket ? (q * face) / price : q * price);
  /** The venue's own liquidation price of the planned position (q in base units, or contracts when inverse). */
  const venueLiquidation = (q: number, at: number, lev: number) => {
    const planned = plannedPosition(market, side, input.accountId, q, at, lev, snapshot.takenAt);
    const mapped = liquidationInputFromPosition({ position: planned, market, cross: null, hedgeLeg: null });
    return { mapped, result: mapped.ok ? liquidationPrice(mapped.input) : null };
  };
  /** The same as a result for the leverage search: a position the mapping refuses is "not priced" (search stops). */
  const venueResult = (q: number, at: number, lev: number): LiquidationResult => {
    const { mapped, result } = venueLiquidation(q, at, lev);
    return (
      result ?? {
        price: null,
        model: INVERSE_MODELS[market.venue],
        reason: 'missing_input',
        detail: mapped.ok ? 'no liquidation price' : mapped.detail,
      }
    );
  };

  const sizeWith = (params: RegimeParams): SizeSuggestion | InverseSizeSuggestion | null => {
    if (entry === null || stop.value === null || riskFraction === null || equity.value === null) return null;
    const base = {
      side,
      asset: market.base,
      equity: equity.value,
      riskFraction,
      entry,
      stop: stop.value,
      feeIn: fee,
      feeOut: fee,
      regime: params,
      sigmaAnnual: sigmaForSize,
      book,
      depthBps: market.base === 'BTC' || market.base === 'ETH' ? 25 : 50,
      existingGrossNotional: existingGross,
      kellyFraction: null,
      lotStep,
    };
    // The MMR depends on the tier the size lands in: size once at the first tier, then at the tier reached.
    if (inverseMarket) {
      const inv = {
        ...base,
        settle: market.settle,
        faceValue: face,
        liquidationAt: (lev: number, contracts: number): LiquidationResult => venueResult(contracts, entry, lev),
      };
      const first = sizeInversePosition({ ...inv, maintenanceMarginRate: mmrAt(0) });
      return sizeInversePosition({ ...inv, maintenanceMarginRate: mmrAt(tierNotional(first.quantity, entry)) });
    }
    const first = sizePosition({ ...base, maintenanceMarginRate: mmrAt(0) });
    return sizePosition({ ...base, maintenanceMarginRate: mmrAt(first.quantity * entry) });
  };

  const params = regimeRow?.params ?? REGIME_PARAMS.NORMAL;
  const size = sizeWith(params);
  const sizeReason =
    size !== null
      ? null
      : errors.entry !== undefined
        ? 'Fix the entry price.'
        : errors.stopPrice !== undefined || errors.atrMultiple !== undefined || stop.value === null
          ? 'Fix the stop.'
          : errors.riskPercent !== undefined
            ? 'Fix the risk per trade.'
            : 'Choose an account with equity.';

  // Leverage beyond the tier the suggested notional falls in.
  if (leverage !== null && size !== null && size.quantity > 0 && tiers.length > 0) {
    const at = entry ?? market.markPrice;
    const notional = tierNotional(size.quantity, at);
    const t = tiers[tierIndexAt(tiers, notional)];
    if (t !== undefined && leverage > t.maxLeverage) {
      errors.leverage = inverseMarket
        ? `At ${fmt(notional, 4)} ${market.settle} position value (${fmt(size.notional, 0)} USD), ${venueName}'s tier ${t.tier} allows at most ${fmt(t.maxLeverage, 0)}×.`
        : `At ${fmt(notional, 0)} ${market.settle} notional, ${venueName}'s tier ${t.tier} allows at most ${fmt(t.maxLeverage, 0)}×.`;
      leverage = null;
    }
  }

  // Regime effect: the same plan under NORMAL.
  let regime: RegimeEffect | null = null;
  if (regimeRow !== null) {
    const normal = regimeRow.state === 'NORMAL' ? size : sizeWith(regimeRow.normal);
    const p = regimeRow.params;
    const n = regimeRow.normal;
    const changes: string[] = [];
    if (regimeRow.state !== 'NORMAL') {
      if (riskFraction !== null && p.riskFraction < riskFraction)
        changes.push(
          `risk per trade capped at ${fmtPct(p.riskFraction)} of equity (you asked ${fmtPct(riskFraction)})`,
        );
      if (p.sizeMultiplier !== n.sizeMultiplier)
        changes.push(`volatility cap × ${fmt(p.sizeMultiplier)} (NORMAL × ${fmt(n.sizeMultiplier)})`);
      if (p.slippageBase !== n.slippageBase)
        changes.push(`stop slippage assumed ${fmtPct(p.slippageBase)} (NORMAL ${fmtPct(n.slippageBase)})`);
      if (p.depthHaircut !== n.depthHaircut)
        changes.push(`order book counted at ${fmtPct(p.depthHaircut, 0)} of its size`);
      if (p.grossCap !== n.grossCap)
        changes.push(`account gross leverage ≤ ${fmt(p.grossCap, 1)}× equity (NORMAL ${fmt(n.grossCap, 1)}×)`);
      if (p.leverageCap !== n.leverageCap)
        changes.push(`isolated leverage ≤ ${fmt(p.leverageCap, 0)}× (NORMAL ${fmt(n.leverageCap, 0)}×)`);
    }
    const q = size?.quantity ?? null;
    const q0 = normal?.quantity ?? null;
    const digits = stepDecimals(lotStep);
    const unit = inverseMarket ? `contracts of $${fmt(face, 0)}` : market.base;
    let sentence: string;
    if (regimeRow.state === 'NORMAL') sentence = `The market is NORMAL for ${side}s: nothing is scaled down.`;
    else if (q === null || q0 === null)
      sentence = `The ${regimeRow.state} regime for ${side}s scales the suggestion as listed; fix the inputs to see by how much.`;
    else if (q0 === 0 && q === 0)
      sentence = `No size fits under NORMAL conditions either (${normal?.binding === undefined || normal.binding === null ? 'no cap' : `the ${normal.binding} cap`} binds); the ${regimeRow.state} regime for ${side}s tightens the limits below further.`;
    else if (q0 > 0 && q < q0)
      sentence = `Under NORMAL conditions the suggestion would be ${fmt(q0, digits)} ${unit}; the ${regimeRow.state} regime for ${side}s cuts it by ${fmtPct(1 - q / q0, 0)} to ${fmt(q, digits)} ${unit}.`;
    else
      sentence = `The ${regimeRow.state} regime for ${side}s leaves the size at ${fmt(q, digits)} ${unit} (another cap binds first) but changes the leverage and slippage below.`;
    regime = {
      state: regimeRow.state,
      score: regimeRow.score,
      confidence: regimeRow.confidence,
      params: p,
      changes,
      normalQuantity: q0,
      sentence,
    };
  }

  // Stop ladder (§4) for the suggested size, its deepest rung at the trader's stop.
  let ladder: StopLadder | null = null;
  let ladderReason: string | null = null;
  let ladderMaxLeverage: number | null = null;
  if (size === null || entry === null || stop.value === null || equity.value === null) ladderReason = sizeReason;
  else if (atr.value === null) ladderReason = `No ATR for ${market.symbol}: the ladder spaces its rungs in ATRs.`;
  else if (!(size.quantity > 0)) ladderReason = 'No size fits, so there is nothing to protect.';
  else {
    const kStop = (s * (entry - stop.value)) / atr.value;
    const defaults = settings.stopLadder.atrMultiples;
    const deepest = Math.max(...defaults);
    ladder = stopLadder({
      venue: market.venue,
      symbol: market.symbol,
      positionId: null,
      asset: market.base,
      settle: market.settle,
      side,
      kind: market.kind,
      marginMode: 'isolated',
      hedged: false,
      reference: entry,
      entry,
      atr: atr.value,
      atrMultiples: defaults.map((k) => (k * kStop) / deepest),
      weights: settings.stopLadder.weights,
      regime: params,
      feeIn: fee,
      feeOut: fee,
      riskBudget: size.riskFraction * equity.value,
      // The ladder counts base units; an inverse size is contracts × F / entry of them.
      quantity: inverseMarket ? (size.quantity * face) / entry : size.quantity,
      liquidationPrice: null,
      maintenanceMarginRate: mmrAt(tierNotional(size.quantity, entry)),
      tickSize: market.tickSize,
      amountStep: market.amountStep,
      contractSize: market.contractSize,
      book,
      sigmaAnnual: sigma,
    });
    const lMax = ladder.liquidation.maxLeverage;
    if (lMax !== null && lMax >= 1) {
      ladderMaxLeverage = Math.floor(lMax);
      if (inverseMarket) {
        // §4.2 with the venue's own inverse model: step down until its liquidation price clears the bound.
        const q = size.quantity;
        const fitted = fitLeverageToBound(side, ladder.liquidation.liquidationBound, lMax, (lev) =>
          venueResult(q, entry, lev),
        );
        // A model that could not price the position keeps the closed form; otherwise its answer (null: none fits).
        const modelFailed = fitted.leverage === null && (fitted.result === null || fitted.result.price === null);
        if (!modelFailed) ladderMaxLeverage = fitted.leverage;
      }
    }
  }

  // Liquidation at the trader's leverage: the planned position, isolated, through the venue's own model.
  let liquidation: PlannedLiquidation | null = null;
  let liquidationReason: string | null = null;
  if (size === null || entry === null) liquidationReason = sizeReason;
  else if (leverage === null) liquidationReason = 'Fix the leverage.';
  else if (!(size.quantity > 0)) liquidationReason = 'No size fits, so there is no position to liquidate.';
  else {
    const { mapped, result } = venueLiquidation(size.quantity, entry, leverage);
    const margin = inverseMarket ? size.notional / (entry * leverage) : (size.quantity * entry) / leverage;
    if (mapped.ok) assumptions.push(...mapped.assumptions);
    const lp = result?.price ?? null;
    const price: Shown =
      result === null
        ? missing(mapped.ok ? 'no liquidation price' : mapped.detail)
        : result.price === null
          ? missing(result.detail)
          : shown(result.price);
    const sigmaD = sigma === null ? null : dailySigma(sigma);
    const distance = lp === null ? null : liquidationDistance(side, entry, lp, atr.value, sigmaD);
    let touch24h: TouchProbabilities | null = null;
    let touchReason: string | null = null;
    if (lp === null) touchReason = price.reason;
    else if (sigma === null) touchReason = 'no volatility estimate (too few candles)';
    else {
      touch24h = touchProbabilities({
        side,
        price: entry,
        liquidation: lp,
        sigmaAnnual: sigma,
        stressedSigmaAnnual: Math.max(sigma, gk ?? 0) * params.sigmaMultiplier,
        jump: isBtc(market.base) ? DEFAULT_JUMPS.btc : DEFAULT_JUMPS.alt,
        horizonDays: 1,
      });
    }
    let warning: string | null = null;
    if (lp !== null && stop.value !== null) {
      const fill = stop.value * (1 - s * params.slippageBase);
      if (s * (fill - lp) <= 0)
        warning = `At ${fmt(leverage, 2)}× the position is liquidated at ${fmtPrice(lp)} before the stop fills near ${fmtPrice(fill)}: lower the leverage.`;
      else if (ladder !== null && ladderMaxLeverage !== null && leverage > ladderMaxLeverage)
        warning = `At ${fmt(leverage, 2)}× liquidation (${fmtPrice(lp)}) sits inside the ${fmtPct(ladder.liquidation.buffer)} buffer beyond the deepest stop's fill (${fmtPrice(ladder.liquidation.deepestFill)}): use at most ${fmt(ladderMaxLeverage, 0)}×.`;
    }
    liquidation = {
      leverage,
      margin: shown(margin),
      price,
      distance,
      touch24h,
      touchReason,
      warning,
    };
  }

  const stopTouch24h: Shown =
    stop.value === null || entry === null
      ? missing(stop.reason ?? 'no stop')
      : sigma === null
        ? missing('no volatility estimate (too few candles)')
        : shown(touchProbability(side, entry, stop.value, sigma, 1));

  return {
    errors,
    market,
    inverse,
    marketRisk,
    accountLabel: account?.label ?? null,
    equity,
    currency: market.settle,
    openGross,
    entry,
    stop,
    atr,
    maxLeverage,
    size,
    sizeReason,
    liquidation,
    liquidationReason,
    regime,
    ladder,
    ladderReason,
    ladderMaxLeverage,
    stopTouch24h,
    stale: blank.stale,
    assumptions,
  };
}
