import {
  MarketSchema,
  emptyCandleSeries,
  type CandleSeries,
  type LongShortRatio,
  type Market,
  type OrderBook,
  type Tier,
} from '../../../shared/domain/market';
import { VENUE_LABELS, type MissingValue } from '../../../shared/domain/venue';
import type { MarketMeta, OpenInterestNow, TickerData } from '../exchanges/adapter';

/**
 * Assembles one `Market` from the pieces the market service gathered. A piece that could not be had becomes null
 * (or an empty list) with the reason in `missing`; a piece kept from an earlier refresh is used as is. Only the
 * mark price is indispensable: without any mark (ticker and positions both silent) there is no market to show.
 */
export type Piece<T> =
  { readonly ok: true; readonly value: T; readonly at: number } | { readonly ok: false; readonly reason: string };

export interface MarketPieces {
  readonly meta: MarketMeta;
  readonly ticker: Piece<TickerData>;
  /** A mark price seen in the account data (positions), used when the ticker is unavailable. */
  readonly positionMark: number | null;
  readonly fundingHistory: Piece<{ time: number; rate: number }[]>;
  readonly openInterest: Piece<OpenInterestNow>;
  readonly openInterestHistory: Piece<{ time: number; amountBase: number }[]>;
  readonly longShortRatio: Piece<LongShortRatio | null>;
  readonly orderBook: Piece<OrderBook>;
  readonly candles1h: Piece<CandleSeries>;
  readonly candles1d: Piece<CandleSeries>;
  readonly tiers: Piece<Tier[]>;
}

export function buildMarket(pieces: MarketPieces, now: number): Market | null {
  const { meta } = pieces;
  const venue = VENUE_LABELS[meta.venue];
  const missing: MissingValue[] = [];
  const ticker = pieces.ticker.ok ? pieces.ticker.value : null;
  const markPrice = ticker?.markPrice ?? pieces.positionMark;
  if (markPrice === null || !(markPrice > 0)) return null;
  if (!ticker) missing.push({ field: 'markPrice', reason: `taken from the position data: ${reasonOf(pieces.ticker)}` });

  const indexPrice = ticker?.indexPrice ?? null;
  if (indexPrice === null)
    missing.push({
      field: 'indexPrice',
      reason: ticker ? `${venue} did not report an index price` : reasonOf(pieces.ticker),
    });

  let funding: Market['funding'] = null;
  if (ticker && ticker.fundingRate !== null && ticker.fundingIntervalHours !== null) {
    funding = {
      rate: ticker.fundingRate,
      intervalHours: ticker.fundingIntervalHours,
      nextFundingTime: ticker.nextFundingTime,
      history: pieces.fundingHistory.ok ? pieces.fundingHistory.value : [],
    };
    if (!pieces.fundingHistory.ok) missing.push({ field: 'funding.history', reason: pieces.fundingHistory.reason });
    if (ticker.nextFundingTime === null)
      missing.push({ field: 'funding.nextFundingTime', reason: `${venue} did not report the next funding time` });
  } else {
    missing.push({
      field: 'funding',
      reason: ticker ? `${venue} did not report a funding rate` : reasonOf(pieces.ticker),
    });
  }

  let openInterest: Market['openInterest'] = null;
  if (pieces.openInterest.ok) {
    const oi = pieces.openInterest.value;
    openInterest = {
      amountBase: oi.amountBase,
      valueUsd: oi.valueUsd ?? (meta.kind === 'linear' ? oi.amountBase * markPrice : null),
      history: pieces.openInterestHistory.ok ? pieces.openInterestHistory.value : [],
    };
    if (!pieces.openInterestHistory.ok)
      missing.push({ field: 'openInterest.history', reason: pieces.openInterestHistory.reason });
  } else {
    missing.push({ field: 'openInterest', reason: pieces.openInterest.reason });
  }

  let longShortRatio: Market['longShortRatio'] = null;
  if (pieces.longShortRatio.ok && pieces.longShortRatio.value) longShortRatio = pieces.longShortRatio.value;
  else {
    missing.push({
      field: 'longShortRatio',
      reason: pieces.longShortRatio.ok
        ? `${venue} publishes no long/short ratio for this market`
        : pieces.longShortRatio.reason,
    });
  }

  const orderBook = pieces.orderBook.ok ? pieces.orderBook.value : null;
  if (!pieces.orderBook.ok) missing.push({ field: 'orderBook', reason: pieces.orderBook.reason });
  if (!pieces.candles1h.ok) missing.push({ field: 'candles.1h', reason: pieces.candles1h.reason });
  if (!pieces.candles1d.ok) missing.push({ field: 'candles.1d', reason: pieces.candles1d.reason });
  const tiers = pieces.tiers.ok ? pieces.tiers.value : [];
  if (!pieces.tiers.ok) missing.push({ field: 'tiers', reason: pieces.tiers.reason });
  else if (tiers.length === 0)
    missing.push({ field: 'tiers', reason: `${venue} returned no maintenance tiers for this market` });

  const candidate: Market = {
    venue: meta.venue,
    symbol: meta.symbol,
    base: meta.base,
    quote: meta.quote,
    settle: meta.settle,
    kind: meta.kind,
    contractSize: meta.contractSize,
    tickSize: meta.tickSize,
    amountStep: meta.amountStep,
    minAmount: meta.minAmount,
    maxLeverage: meta.maxLeverage ?? tiers[0]?.maxLeverage ?? null,
    takerFee: meta.takerFee,
    markPrice,
    indexPrice,
    funding,
    openInterest,
    longShortRatio,
    orderBook,
    candles: {
      '1h': pieces.candles1h.ok ? pieces.candles1h.value : emptyCandleSeries(),
      '1d': pieces.candles1d.ok ? pieces.candles1d.value : emptyCandleSeries(),
    },
    tiers,
    updatedAt: Math.trunc(now),
    missing,
  };
  // The big parts (book, candles, tiers) were checked when fetched; validate the rest of the market here. A history
  // list kept from an earlier refresh (the same array: pieces are never mutated) passed this check when first built,
  // so it is not walked again on every refresh.
  const parsed = MarketSchema.safeParse({
    ...candidate,
    orderBook: null,
    candles: { '1h': EMPTY_CANDLES, '1d': EMPTY_CANDLES },
    tiers: [],
    funding: funding && { ...funding, history: unchecked(funding.history) },
    openInterest: openInterest && { ...openInterest, history: unchecked(openInterest.history) },
    longShortRatio: longShortRatio && { ...longShortRatio, history: unchecked(longShortRatio.history) },
  });
  if (!parsed.success) return null;
  for (const list of [funding?.history, openInterest?.history, longShortRatio?.history]) {
    if (list) validatedHistories.add(list);
  }
  return candidate;
}

/** Stands in for the candles (checked when fetched) in the schema check of the rest of a market; never returned. */
const EMPTY_CANDLES = emptyCandleSeries();

/** History arrays that already passed `MarketSchema` as part of a market. */
const validatedHistories = new WeakSet<readonly unknown[]>();

function unchecked<T>(list: readonly T[]): readonly T[] {
  return validatedHistories.has(list) ? [] : list;
}

function reasonOf(piece: Piece<unknown>): string {
  return piece.ok ? 'available' : piece.reason;
}
