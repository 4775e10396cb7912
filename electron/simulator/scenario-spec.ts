import { z } from 'zod';
import { VenueSchema } from '../../shared/domain/venue';

/**
 * The schema of a scenario data file (electron/simulator/scenarios/*.ts). A scenario is plain data: a universe of
 * assets, one market-wide path of keyframes (price factor, funding, open interest, long/short ratio, book depth)
 * in minutes relative to the scenario start, and the accounts with their positions. Everything else the simulator
 * serves (candles, books, tiers, liquidation prices) is derived from it deterministically with the scenario's seed.
 */
const positive = z.number().positive();

export const AssetSpecSchema = z.object({
  base: z.string().regex(/^[A-Z0-9]{2,10}$/u),
  /** USD price at minute 0 of the scenario (before the path factor). */
  price: positive,
  /** Typical daily move as a fraction (0.03 = 3 %), scaling the seeded noise. */
  dailyVol: positive.max(1),
  /** How strongly the asset follows the market-wide path and BTC's own moves (BTC 1, alts more). */
  beta: positive.max(5).default(1),
  tickSize: positive,
  /** Amount step in base units for venues that count in coins. */
  amountStep: positive,
  maxLeverage: positive.max(200),
  /** Open interest at minute 0, in base units, before the path factor. */
  openInterest: positive,
  /** Base units at each of the first book levels, before the path's depth factor. */
  depth: positive,
  /** Notional cap of the first maintenance tier (USD); later tiers scale from it. */
  tierBaseNotional: positive.default(50_000),
  /** Also list a coin-margined perpetual (Binance COIN-M, Bybit inverse, OKX -USD-SWAP). */
  inverse: z.boolean().default(false),
});
export type AssetSpec = z.infer<typeof AssetSpecSchema>;

export const PathPointSchema = z.object({
  minute: z.number(),
  /** Multiplier on every asset's price (scaled by the asset's beta). */
  price: positive,
  /** Funding rate per 8 h as a fraction (0.0005 = 0.05 %). */
  funding8h: z.number().min(-0.03).max(0.03),
  /** Multiplier on open interest. */
  openInterest: positive,
  /** Accounts long ÷ accounts short. */
  longShort: positive,
  /** Multiplier on book depth. */
  depth: positive,
});
export type PathPoint = z.infer<typeof PathPointSchema>;

export const PositionSpecSchema = z.object({
  base: z.string(),
  kind: z.enum(['linear', 'inverse']),
  side: z.enum(['long', 'short']),
  /** Linear: size in base units. Inverse: notional in USD (contracts × contract value). */
  size: positive,
  /** Entry price as a fraction of the asset's price at minute 0. */
  entry: positive,
  leverage: positive.max(200),
  marginMode: z.enum(['isolated', 'cross']),
  /** Isolated margin in the settlement currency; defaults to entry notional ÷ leverage. */
  isolatedMargin: positive.optional(),
});
export type PositionSpec = z.infer<typeof PositionSpecSchema>;

export const AccountSpecSchema = z.object({
  id: z.string().min(1),
  venue: VenueSchema,
  label: z.string().min(1),
  /** The read-only key the scenario's account is reached with (Hyperliquid: walletAddress only). */
  apiKey: z.string().min(1),
  secret: z.string().min(1),
  passphrase: z.string().min(1).optional(),
  walletAddress: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/u)
    .optional(),
  positionMode: z.enum(['one-way', 'hedge']).default('one-way'),
  /** Wallet balances by currency at minute 0. */
  balances: z.record(z.string(), positive),
  positions: z.array(PositionSpecSchema),
  /** Adds this many generated positions (bench scenario), spread over the asset universe. */
  generatedPositions: z.number().int().min(0).max(500).default(0),
});
export type AccountSpec = z.infer<typeof AccountSpecSchema>;

export const ScenarioSpecSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/u),
  title: z.string().min(1),
  description: z.string().min(1),
  seed: z.number().int(),
  assets: z.array(AssetSpecSchema).min(1),
  /** Extra synthetic assets (names ALT001…) appended to the universe, for size tests. */
  generatedAssets: z.number().int().min(0).max(1000).default(0),
  path: z.array(PathPointSchema).min(2),
  accounts: z.array(AccountSpecSchema),
});
export type ScenarioSpec = z.infer<typeof ScenarioSpecSchema>;
export type ScenarioSpecInput = z.input<typeof ScenarioSpecSchema>;
