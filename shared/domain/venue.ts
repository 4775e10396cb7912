import { z } from 'zod';

export const VENUES = ['binance', 'bybit', 'okx', 'hyperliquid'] as const;
export const VenueSchema = z.enum(VENUES);
export type Venue = z.infer<typeof VenueSchema>;

export const VENUE_LABELS: Readonly<Record<Venue, string>> = {
  binance: 'Binance',
  bybit: 'Bybit',
  okx: 'OKX',
  hyperliquid: 'Hyperliquid',
};

/** linear: margined and settled in a stablecoin (USDT/USDC); inverse: margined and settled in the base coin. */
export const MarketKindSchema = z.enum(['linear', 'inverse']);
export type MarketKind = z.infer<typeof MarketKindSchema>;

export const SideSchema = z.enum(['long', 'short']);
export type Side = z.infer<typeof SideSchema>;

export const MarginModeSchema = z.enum(['isolated', 'cross']);
export type MarginMode = z.infer<typeof MarginModeSchema>;

/** one-way: one net position per symbol; hedge: a long and a short leg may coexist. */
export const PositionModeSchema = z.enum(['one-way', 'hedge']);
export type PositionMode = z.infer<typeof PositionModeSchema>;

/** Why a value is absent: shown to the trader instead of a blank or a zero. */
export const MissingValueSchema = z.object({
  field: z.string().min(1),
  reason: z.string().min(1),
});
export type MissingValue = z.infer<typeof MissingValueSchema>;

/** A finite number. Every number that crosses a boundary is finite: NaN and Infinity are refused at the schema. */
export const FiniteSchema = z.number().refine(Number.isFinite, 'must be a finite number');
export const PositiveSchema = FiniteSchema.refine((n) => n > 0, 'must be greater than zero');
export const NonNegativeSchema = FiniteSchema.refine((n) => n >= 0, 'must not be negative');
/** Milliseconds since the Unix epoch. */
export const EpochMsSchema = z.number().int().nonnegative();
