import { z } from 'zod';
import {
  EpochMsSchema,
  FiniteSchema,
  MarketKindSchema,
  MissingValueSchema,
  NonNegativeSchema,
  PositiveSchema,
  VenueSchema,
} from './venue';

/**
 * One OHLCV series as columns, oldest first: bar i is `time[i]`, `open[i]`, … `volume[i]`; every column has the same
 * length. `time` is the bar's open, ms since epoch; volume in base units. Columns rather than one object per bar: a
 * number array of doubles is one unboxed store, an object per bar is an object plus six boxed numbers.
 */
export const CandleSeriesSchema = z
  .object({
    time: z.array(EpochMsSchema),
    open: z.array(PositiveSchema),
    high: z.array(PositiveSchema),
    low: z.array(PositiveSchema),
    close: z.array(PositiveSchema),
    volume: z.array(NonNegativeSchema),
  })
  .refine(
    (s) =>
      s.open.length === s.time.length &&
      s.high.length === s.time.length &&
      s.low.length === s.time.length &&
      s.close.length === s.time.length &&
      s.volume.length === s.time.length,
    'every column of a candle series must have the same length',
  );
export type CandleSeries = z.infer<typeof CandleSeriesSchema>;

/** A series with no bars. */
export const emptyCandleSeries = (): CandleSeries => ({ time: [], open: [], high: [], low: [], close: [], volume: [] });

/**
 * One side of an order book as columns, best first (bids highest first, asks lowest first): level i is `price[i]` at
 * `amount[i]` base units; both columns have the same length. Columns rather than one `[price, amount]` pair per level:
 * a number array of doubles is one unboxed store, a pair per level is an array plus a double store of its own.
 */
export const BookSideSchema = z
  .object({
    price: z.array(PositiveSchema),
    amount: z.array(PositiveSchema),
  })
  .refine((s) => s.amount.length === s.price.length, 'both columns of a book side must have the same length');
export type BookSide = z.infer<typeof BookSideSchema>;

/** A book side with no levels. */
export const emptyBookSide = (): BookSide => ({ price: [], amount: [] });

export const OrderBookSchema = z.object({
  bids: BookSideSchema,
  asks: BookSideSchema,
  time: EpochMsSchema,
});
export type OrderBook = z.infer<typeof OrderBookSchema>;

export const FundingSchema = z.object({
  /** Rate charged per funding interval, as a fraction (0.0001 = 0.01 %). Positive: longs pay shorts. */
  rate: FiniteSchema,
  intervalHours: PositiveSchema,
  nextFundingTime: EpochMsSchema.nullable(),
  /** Settled rates, oldest first, per the same interval. */
  history: z.array(z.object({ time: EpochMsSchema, rate: FiniteSchema })),
});
export type Funding = z.infer<typeof FundingSchema>;

export const OpenInterestSchema = z.object({
  /** Open interest in base-coin units (coin-denominated, so price moves do not look like positioning). */
  amountBase: NonNegativeSchema,
  valueUsd: NonNegativeSchema.nullable(),
  /** Hourly points covering at least the last 24 h, oldest first. */
  history: z.array(z.object({ time: EpochMsSchema, amountBase: NonNegativeSchema })),
});
export type OpenInterest = z.infer<typeof OpenInterestSchema>;

export const LongShortRatioSchema = z.object({
  /** Accounts long ÷ accounts short (venue's own definition is named in `source`). */
  ratio: PositiveSchema,
  source: z.string().min(1),
  history: z.array(z.object({ time: EpochMsSchema, ratio: PositiveSchema })),
});
export type LongShortRatio = z.infer<typeof LongShortRatioSchema>;

/** A maintenance bracket / risk-limit tier. Notional in USD-equivalent (linear) or contracts value (inverse, in coin). */
export const TierSchema = z.object({
  tier: z.number().int().positive(),
  minNotional: NonNegativeSchema,
  maxNotional: PositiveSchema,
  maintenanceMarginRate: NonNegativeSchema,
  /** Binance `cum`, Bybit "maintenance margin deduction", Hyperliquid `maintenance_deduction`; 0 where the venue has none. */
  maintenanceAmount: NonNegativeSchema,
  maxLeverage: PositiveSchema,
});
export type Tier = z.infer<typeof TierSchema>;

export const MarketSchema = z.object({
  venue: VenueSchema,
  symbol: z.string().min(1),
  base: z.string().min(1),
  quote: z.string().min(1),
  settle: z.string().min(1),
  kind: MarketKindSchema,
  contractSize: PositiveSchema,
  /** Price increment. */
  tickSize: PositiveSchema,
  /** Amount increment in contracts. */
  amountStep: PositiveSchema,
  minAmount: NonNegativeSchema,
  maxLeverage: PositiveSchema.nullable(),
  /** Taker fee rate as a fraction, for exit-cost estimates. */
  takerFee: NonNegativeSchema.nullable(),
  markPrice: PositiveSchema,
  indexPrice: PositiveSchema.nullable(),
  funding: FundingSchema.nullable(),
  openInterest: OpenInterestSchema.nullable(),
  longShortRatio: LongShortRatioSchema.nullable(),
  orderBook: OrderBookSchema.nullable(),
  candles: z.object({ '1h': CandleSeriesSchema, '1d': CandleSeriesSchema }),
  tiers: z.array(TierSchema),
  updatedAt: EpochMsSchema,
  missing: z.array(MissingValueSchema),
});
export type Market = z.infer<typeof MarketSchema>;

export const marketKey = (venue: string, symbol: string): string => `${venue}|${symbol}`;
