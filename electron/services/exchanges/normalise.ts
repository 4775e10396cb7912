import type { Exchange, MarketInterface, OHLCV } from 'ccxt';
import { BalanceSchema, type Balance } from '../../../shared/domain/account';
import {
  TierSchema,
  emptyBookSide,
  type BookSide,
  type CandleSeries,
  type OrderBook,
  type Tier,
} from '../../../shared/domain/market';
import { PositionSchema, positionId, type Position } from '../../../shared/domain/position';
import type { MarginMode, MissingValue, PositionMode, Side, Venue } from '../../../shared/domain/venue';
import type { MarketMeta } from './adapter';
import { IncompleteDataError } from './errors';

/**
 * Shared normalisation from ccxt's unified structures (plus values an adapter read from the raw response) into
 * the domain types. Every number is checked finite; optional values that are absent become null with a reason in
 * `missing`; a value the position cannot exist without raises IncompleteDataError (the venue's refresh fails and
 * the last good data stays, rather than showing a wrong number).
 */

/** A finite number from anything ccxt or a raw response may hold (number, numeric string, '', undefined). */
export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

/** A strictly positive number or null. */
export const positive = (value: unknown): number | null => {
  const n = num(value);
  return n !== null && n > 0 ? n : null;
};

/** Reads a field of ccxt's raw `info` object (never passed on). */
export function infoOf(structure: unknown): Record<string, unknown> {
  const info = (structure as { info?: unknown } | null)?.info;
  return info !== null && typeof info === 'object' ? (info as Record<string, unknown>) : {};
}

export function marketMeta(venue: Venue, market: MarketInterface): MarketMeta {
  const kind = market.inverse === true ? 'inverse' : 'linear';
  const leverageMax = positive(market.limits.leverage?.max);
  return {
    venue,
    symbol: market.symbol,
    base: market.base,
    quote: market.quote,
    settle: market.settle ?? market.quote,
    kind,
    contractSize: positive(market.contractSize) ?? 1,
    tickSize: positive(market.precision.price) ?? 0.01,
    amountStep: positive(market.precision.amount) ?? 1,
    minAmount: num(market.limits.amount?.min) ?? 0,
    maxLeverage: leverageMax,
    takerFee: num(market.taker),
  };
}

export function derivativesMeta(venue: Venue, exchange: Exchange): Map<string, MarketMeta> {
  const metas = new Map<string, MarketMeta>();
  for (const market of Object.values(exchange.markets ?? {}) as (MarketInterface | undefined)[]) {
    // Perpetuals and dated futures (a trader may hold either); never spot or options.
    if (
      market &&
      (market.swap === true || market.future === true) &&
      (market.linear === true || market.inverse === true)
    ) {
      metas.set(market.symbol, marketMeta(venue, market));
    }
  }
  return metas;
}

export interface PositionInput {
  readonly accountId: string;
  readonly venue: Venue;
  readonly meta: MarketMeta;
  readonly side: Side | null;
  readonly contracts: number | null;
  readonly entryPrice: number | null;
  readonly markPrice: number | null;
  readonly leverage: number | null;
  readonly marginMode: MarginMode | null;
  readonly positionMode: PositionMode;
  readonly isolatedMarginSettle: number | null;
  readonly maintenanceMarginSettle: number | null;
  readonly maintenanceMarginRate: number | null;
  readonly initialMarginSettle: number | null;
  readonly unrealizedPnlSettle: number | null;
  readonly exchangeLiquidationPrice: number | null;
  readonly updatedAt: number;
  /** Reasons for nulls the adapter already knows (e.g. "Bybit reports no liquidation price for cross"). */
  readonly reasons?: Readonly<Record<string, string>>;
}

const DEFAULT_REASONS: Readonly<Record<string, string>> = {
  leverage: 'the venue did not report the leverage for this position',
  isolatedMarginSettle: 'the venue did not report the margin assigned to this isolated position',
  maintenanceMarginSettle: 'the venue did not report a maintenance margin for this position',
  maintenanceMarginRate: 'the maintenance rate comes from the market tiers, which are not loaded yet',
  initialMarginSettle: 'the venue did not report an initial margin for this position',
  unrealizedPnlSettle: 'the venue did not report unrealised PnL for this position',
  exchangeLiquidationPrice:
    'the venue reported no liquidation price (fully collateralised, or account-level cross margin)',
};

export function buildPosition(input: PositionInput): Position {
  const what = input.meta.symbol;
  if (input.side === null) throw new IncompleteDataError(what, 'side');
  if (input.contracts === null || input.contracts <= 0) throw new IncompleteDataError(what, 'size');
  if (input.entryPrice === null || input.entryPrice <= 0) throw new IncompleteDataError(what, 'entryPrice');
  if (input.markPrice === null || input.markPrice <= 0) throw new IncompleteDataError(what, 'markPrice');
  if (input.marginMode === null) throw new IncompleteDataError(what, 'marginMode');
  const { meta } = input;
  const linear = meta.kind === 'linear';
  const sizeBase = linear
    ? input.contracts * meta.contractSize
    : (input.contracts * meta.contractSize) / input.markPrice;
  const notionalUsd = linear ? sizeBase * input.markPrice : input.contracts * meta.contractSize;
  const isolated = input.marginMode === 'isolated' ? input.isolatedMarginSettle : null;
  const optional = {
    leverage: input.leverage,
    isolatedMarginSettle: isolated,
    maintenanceMarginSettle: input.maintenanceMarginSettle,
    maintenanceMarginRate: input.maintenanceMarginRate,
    initialMarginSettle: input.initialMarginSettle,
    unrealizedPnlSettle: input.unrealizedPnlSettle,
    exchangeLiquidationPrice: input.exchangeLiquidationPrice,
  };
  const missing: MissingValue[] = [];
  for (const [field, value] of Object.entries(optional)) {
    if (value !== null) continue;
    if (field === 'isolatedMarginSettle' && input.marginMode === 'cross') continue; // null by definition
    missing.push({ field, reason: input.reasons?.[field] ?? DEFAULT_REASONS[field] ?? 'not reported by the venue' });
  }
  const candidate = {
    id: positionId(input.accountId, meta.symbol, input.side),
    accountId: input.accountId,
    venue: input.venue,
    symbol: meta.symbol,
    base: meta.base,
    quote: meta.quote,
    settle: meta.settle,
    kind: meta.kind,
    side: input.side,
    contracts: input.contracts,
    contractSize: meta.contractSize,
    sizeBase,
    notionalUsd,
    entryPrice: input.entryPrice,
    markPrice: input.markPrice,
    leverage: positiveOrNull(input.leverage),
    marginMode: input.marginMode,
    positionMode: input.positionMode,
    isolatedMarginSettle: nonNegativeOrNull(isolated),
    maintenanceMarginSettle: nonNegativeOrNull(input.maintenanceMarginSettle),
    maintenanceMarginRate: nonNegativeOrNull(input.maintenanceMarginRate),
    initialMarginSettle: nonNegativeOrNull(input.initialMarginSettle),
    unrealizedPnlSettle: input.unrealizedPnlSettle,
    exchangeLiquidationPrice: positiveOrNull(input.exchangeLiquidationPrice),
    updatedAt: Math.max(0, Math.trunc(input.updatedAt)),
    missing,
  };
  const parsed = PositionSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new IncompleteDataError(what, parsed.error.issues[0]?.path.join('.') ?? 'position');
  }
  return parsed.data;
}

const positiveOrNull = (n: number | null): number | null => (n !== null && n > 0 ? n : null);
const nonNegativeOrNull = (n: number | null): number | null => (n !== null && n >= 0 ? n : null);

export function buildBalance(candidate: Balance): Balance {
  const parsed = BalanceSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new IncompleteDataError(`${candidate.currency} balance`, parsed.error.issues[0]?.path.join('.') ?? 'balance');
  }
  return parsed.data;
}

/**
 * ccxt OHLCV rows → a candle series (columns), oldest first (rows with a non-positive price are dropped: venues pad
 * gaps with zeros). Checked field by field here rather than with the zod schema: candles arrive by the hundred on
 * every refresh.
 */
export function toCandles(
  rows: readonly OHLCV[],
  sizeBase: (amount: number, close: number) => number = (a) => a,
): CandleSeries {
  // Columns sized to the rows (push would leave up to half their capacity unused), cut to the rows kept.
  const n = rows.length;
  const series: CandleSeries = {
    time: new Array<number>(n),
    open: new Array<number>(n),
    high: new Array<number>(n),
    low: new Array<number>(n),
    close: new Array<number>(n),
    volume: new Array<number>(n),
  };
  let kept = 0;
  let sorted = true;
  for (const row of rows) {
    const time = num(row[0]);
    const open = positive(row[1]);
    const high = positive(row[2]);
    const low = positive(row[3]);
    const close = positive(row[4]);
    if (
      time === null ||
      time < 0 ||
      !Number.isInteger(time) ||
      open === null ||
      high === null ||
      low === null ||
      close === null
    )
      continue;
    const volume = sizeBase(num(row[5]) ?? 0, close);
    if (kept > 0 && time < (series.time[kept - 1] as number)) sorted = false;
    series.time[kept] = time;
    series.open[kept] = open;
    series.high[kept] = high;
    series.low[kept] = low;
    series.close[kept] = close;
    series.volume[kept] = Number.isFinite(volume) && volume > 0 ? volume : 0;
    kept++;
  }
  if (kept < n) for (const column of Object.values(series)) column.length = kept;
  return sorted ? series : sortedByTime(series);
}

/** The same bars in time order (a stable sort: bars with equal times keep their order). */
function sortedByTime(series: CandleSeries): CandleSeries {
  const { time } = series;
  const order = time.map((_, i) => i).sort((a, b) => (time[a] as number) - (time[b] as number));
  const pick = (column: readonly number[]): number[] => order.map((i) => column[i] as number);
  return {
    time: pick(series.time),
    open: pick(series.open),
    high: pick(series.high),
    low: pick(series.low),
    close: pick(series.close),
    volume: pick(series.volume),
  };
}

/** An order book as the adapters receive it: ccxt's parsed book, or a venue's raw answer (string levels). */
export interface BookSource {
  readonly bids: unknown;
  readonly asks: unknown;
  /** Epoch ms (number or numeric string); the fetch time when absent. */
  readonly timestamp: unknown;
}

/**
 * Order book → domain book in base units (amounts converted from contracts by `toBase`), at most `depth` valid levels
 * per side (the venue may only offer a deeper book than asked for). Takes ccxt's book or a venue's raw levels
 * (`[price, amount, …]`, numbers or numeric strings): reading the raw answer directly spares parsing and sorting
 * every level the venue sent (Binance answers 500 levels for the 200 kept) into ccxt's arrays on each refresh.
 * Levels with a non-finite or non-positive price or amount are dropped; checked here rather than with zod (hundreds
 * of levels per book, every refresh). The venues send each side best first; a side that is not is sorted as ccxt
 * sorts it (bids highest first, asks lowest first) before it is cut.
 */
export function toOrderBook(
  book: BookSource,
  fallbackTime: number,
  toBase: (amount: number, price: number) => number,
  depth = Number.POSITIVE_INFINITY,
): OrderBook {
  const time = num(book.timestamp);
  return {
    bids: bookSide(book.bids, 'bids', depth, toBase),
    asks: bookSide(book.asks, 'asks', depth, toBase),
    time: time !== null && time >= 0 ? Math.trunc(time) : Math.trunc(fallbackTime),
  };
}

function bookSide(
  levels: unknown,
  side: 'bids' | 'asks',
  depth: number,
  toBase: (amount: number, price: number) => number,
): BookSide {
  if (!Array.isArray(levels)) return emptyBookSide();
  const worse = side === 'bids' ? (a: number, b: number) => a < b : (a: number, b: number) => a > b;
  // Columns sized once to the most levels kept, cut to the levels kept.
  const n = Math.min(levels.length, depth);
  const out: BookSide = { price: new Array<number>(n), amount: new Array<number>(n) };
  let kept = 0;
  let previous = Number.NaN;
  // Every level's price is checked for order (a cheap read); only the kept levels are converted.
  for (const level of levels as readonly unknown[]) {
    if (!Array.isArray(level)) continue;
    const price = positive(level[0]);
    if (price === null) continue;
    if (worse(previous, price)) return sortedSide(levels as readonly unknown[], side, depth, toBase);
    previous = price;
    if (kept >= depth) continue;
    const amount = positive(level[1]);
    if (amount === null) continue;
    const base = toBase(amount, price);
    if (!(Number.isFinite(base) && base > 0)) continue;
    out.price[kept] = price;
    out.amount[kept] = base;
    kept++;
  }
  if (kept < n) {
    out.price.length = kept;
    out.amount.length = kept;
  }
  return out;
}

/** The rare side not sent best first: every level read, sorted (stable), then cut. */
function sortedSide(
  levels: readonly unknown[],
  side: 'bids' | 'asks',
  depth: number,
  toBase: (amount: number, price: number) => number,
): BookSide {
  const prices: number[] = [];
  const amounts: number[] = [];
  for (const level of levels) {
    if (!Array.isArray(level)) continue;
    const price = positive(level[0]);
    const amount = positive(level[1]);
    if (price === null || amount === null) continue;
    prices.push(price);
    amounts.push(amount);
  }
  const order = prices.map((_, i) => i);
  order.sort(
    side === 'bids'
      ? (a, b) => (prices[b] as number) - (prices[a] as number)
      : (a, b) => (prices[a] as number) - (prices[b] as number),
  );
  const out = emptyBookSide();
  for (const i of order) {
    if (out.price.length >= depth) break;
    const price = prices[i] as number;
    const base = toBase(amounts[i] as number, price);
    if (!(Number.isFinite(base) && base > 0)) continue;
    out.price.push(price);
    out.amount.push(base);
  }
  return out;
}

export function toTiers(rows: readonly Tier[]): Tier[] {
  return rows.flatMap((row) => {
    const parsed = TierSchema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Converts an amount in contracts to base units for the market (inverse: USD contracts ÷ price). */
export function contractsToBase(meta: MarketMeta, contracts: number, price: number): number {
  return meta.kind === 'linear' ? contracts * meta.contractSize : (contracts * meta.contractSize) / price;
}
