import { z } from 'zod';
import {
  EpochMsSchema,
  FiniteSchema,
  MarginModeSchema,
  MarketKindSchema,
  MissingValueSchema,
  NonNegativeSchema,
  PositionModeSchema,
  PositiveSchema,
  SideSchema,
  VenueSchema,
} from './venue';

/**
 * An open derivatives position, normalised from any venue. Amounts named `...Settle` are in the settlement currency
 * (USDT/USDC for linear, the base coin for inverse); `...Usd` are in the quote currency (USD-equivalent).
 */
export const PositionSchema = z.object({
  /** Stable across refreshes: `${accountId}|${symbol}|${side}`. */
  id: z.string().min(1),
  accountId: z.string().min(1),
  venue: VenueSchema,
  /** ccxt unified symbol, e.g. `BTC/USDT:USDT` or `BTC/USD:BTC`. */
  symbol: z.string().min(1),
  base: z.string().min(1),
  quote: z.string().min(1),
  settle: z.string().min(1),
  kind: MarketKindSchema,
  side: SideSchema,
  /** Size as the venue counts it (contracts; on Binance USDⓈ-M and Hyperliquid one contract is one coin). */
  contracts: PositiveSchema,
  /** Base units per contract (linear) or USD per contract (inverse). */
  contractSize: PositiveSchema,
  /** Position size in base-coin units at mark (inverse: contracts × contractSize ÷ mark). */
  sizeBase: PositiveSchema,
  /** Notional at mark, in USD-equivalent quote units. */
  notionalUsd: PositiveSchema,
  entryPrice: PositiveSchema,
  markPrice: PositiveSchema,
  leverage: PositiveSchema.nullable(),
  marginMode: MarginModeSchema,
  positionMode: PositionModeSchema,
  /** Margin assigned to an isolated position (settle currency); null for cross. */
  isolatedMarginSettle: NonNegativeSchema.nullable(),
  /** Exchange-reported maintenance margin (settle currency). */
  maintenanceMarginSettle: NonNegativeSchema.nullable(),
  maintenanceMarginRate: NonNegativeSchema.nullable(),
  initialMarginSettle: NonNegativeSchema.nullable(),
  unrealizedPnlSettle: FiniteSchema.nullable(),
  /** The venue's own liquidation price; null when it reports none (e.g. fully collateralised). */
  exchangeLiquidationPrice: PositiveSchema.nullable(),
  updatedAt: EpochMsSchema,
  /** Every null above that the trader should know about, with the reason. */
  missing: z.array(MissingValueSchema),
});
export type Position = z.infer<typeof PositionSchema>;

export const positionId = (accountId: string, symbol: string, side: 'long' | 'short'): string =>
  `${accountId}|${symbol}|${side}`;
